// Firefox smoke pass over a built site (issue 10, item 14): every page loads, logs no console
// error, requests nothing from another origin, and every widget upgrades (data-state="ready",
// its <tinyml-…> element defined and mounted). Drives Debian's firefox-esr over WebDriver BiDi.
//
//   npx astro build --outDir dist-house && node tests/firefox/smoke.mjs --dist dist-house
//   options: --dist <dir> (default $E2E_DIST or dist), --port <n> (default 4399),
//            --only <text> (only the pages whose path contains it)
// Exit code 0 when every page passes, 1 otherwise. No timing is asserted: the figures are
// only printed; a page that never settles is cut off by a generous hang guard.
import { parseArgs } from 'node:util';
import { launchFirefox } from './bidi.mjs';
import { pagesOf, SCROLL_THROUGH, watchPage } from './pages.mjs';
import { serveDist } from './serve.mjs';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: process.env.E2E_DIST ?? 'dist' },
    port: { type: 'string', default: '4399' },
    only: { type: 'string', default: '' },
  },
});
/** Hang guard per page (ms): far above any page's real time, only stops a stuck run. */
const HANG_MS = 240_000;

const t0 = performance.now();
const server = await serveDist(args.dist, Number(args.port));
const ff = await launchFirefox();
const failures = [];
let widgetCount = 0;
try {
  const { contexts } = await ff.send('browsingContext.getTree', {});
  const context = contexts[0].context;
  await ff.send('browsingContext.setViewport', { context, viewport: { width: 1280, height: 900 } });
  const watch = watchPage(ff, server.origin);
  await ff.send('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent'] });
  console.log(`Firefox: ${ff.version} · sitio: ${args.dist} en ${server.origin}`);

  const pages = pagesOf(args.dist).filter((p) => p.includes(args.only));
  for (const path of pages) {
    const started = performance.now();
    watch.bucket = { errors: [], foreign: [] };
    const problems = [];
    let widgets = [];
    try {
      await ff.send('browsingContext.navigate', { context, url: server.origin + path, wait: 'complete' });
      let guard;
      const hang = new Promise((_, reject) => {
        guard = setTimeout(() => reject(new Error(`la página no terminó en ${HANG_MS / 1000} s`)), HANG_MS);
      });
      const res = await Promise.race([
        ff.send('script.callFunction', { functionDeclaration: SCROLL_THROUGH, target: { context }, awaitPromise: true }),
        hang,
      ]).finally(() => clearTimeout(guard));
      if (res.type === 'exception') throw new Error(res.exceptionDetails?.text ?? 'excepción en la página');
      const info = JSON.parse(res.result.value);
      widgets = info.widgets;
      if (!info.h1) problems.push('la página no tiene <h1>');
      for (const w of widgets) {
        if (w.state !== 'ready') problems.push(`widget ${w.id} (${w.name}): data-state=${w.state}`);
        else if (!w.upgraded) problems.push(`widget ${w.id} (${w.name}): no se montó <tinyml-${w.name}>`);
      }
      // Errors logged while the widgets settle belong to this page; give the event queue a turn.
      await ff.send('script.evaluate', { expression: '1', target: { context }, awaitPromise: false });
    } catch (e) {
      problems.push(String(e instanceof Error ? e.message : e));
    }
    for (const m of watch.bucket.errors) problems.push(`error en la consola: ${m.slice(0, 300)}`);
    for (const u of watch.bucket.foreign) problems.push(`petición a otro origen: ${u}`);
    widgetCount += widgets.length;
    const secs = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
    const mark = problems.length === 0 ? '✓' : '✗';
    console.log(`${mark} ${path}  ·  ${widgets.length} widgets  ·  ${secs} s`);
    for (const p of problems.slice(0, 10)) console.log(`    ${p}`);
    if (problems.length > 10) console.log(`    … y ${problems.length - 10} problemas más`);
    if (problems.length > 0) failures.push({ path, problems });
  }
  const total = ((performance.now() - t0) / 1000).toFixed(1).replace('.', ',');
  console.log(`\n${pages.length} páginas, ${widgetCount} widgets, ${failures.length} con problemas · ${total} s en total`);
  if (pages.length === 0) failures.push({ path: '(ninguna)', problems: ['no hay páginas que probar'] });
} finally {
  await ff.close();
  await server.close();
}
process.exit(failures.length === 0 ? 0 : 1);
