// What the Firefox passes share: the pages of a build and the in-page walk over its widgets.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every page of the build: each index.html below dist, as a URL path ('/', '/glosario/', …). */
export function pagesOf(dist) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        out.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(dist);
  return out.sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a.localeCompare(b)));
}

/**
 * Runs in the page: brings each widget figure near the viewport in page order and waits until
 * it settles (data-state ready or error), watching the attribute (no polling, no sleeps).
 */
export const SCROLL_THROUGH = `async () => {
  const settled = (fig) => new Promise((resolve) => {
    const done = () => /^(ready|error)$/.test(fig.dataset.state ?? '');
    if (done()) return resolve();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(); } });
    mo.observe(fig, { attributes: true, attributeFilter: ['data-state'] });
  });
  const out = [];
  for (const fig of document.querySelectorAll('figure[data-widget]')) {
    fig.scrollIntoView({ block: 'center' });
    await settled(fig);
    const name = fig.dataset.widget;
    const el = fig.querySelector('tinyml-' + name);
    out.push({ id: fig.id, name, state: fig.dataset.state, upgraded: !!customElements.get('tinyml-' + name) && !!el && el.childElementCount > 0 });
  }
  window.scrollTo(0, 0);
  return JSON.stringify({ title: document.title, h1: document.querySelector('h1')?.textContent ?? '', widgets: out });
}`;

/**
 * Collects what a page does wrong into `bucket` (replace it to start a new one): console errors as
 * «type: text», and requests from a page to anywhere but `origin` (data:, blob: and about: allowed).
 * Subscribe to 'log.entryAdded' and 'network.beforeRequestSent' for it to hear them.
 */
export function watchPage(ff, origin) {
  const watch = { bucket: { errors: [], foreign: [] } };
  ff.on('log.entryAdded', (e) => {
    if (e.level === 'error') watch.bucket.errors.push(`${e.type}: ${e.text}`);
  });
  ff.on('network.beforeRequestSent', (e) => {
    const url = e.request?.url ?? '';
    if (e.context && !/^(data|blob|about):/.test(url) && !url.startsWith(origin)) watch.bucket.foreign.push(url);
  });
  return watch;
}
