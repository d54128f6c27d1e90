// Firefox offline pass with the service worker on (issue 13: «offline after one visit», in a second
// browser). One visit to the home page installs the worker (<html data-sw="listo">), /ajustes/
// «Descargar el curso» fills the heavy cache (data-phase="completo"), then the site's server is shut
// down, so nothing can come from the network any more, and every page outside /pruebas/ is opened
// again: each must come back with its <h1>, log no console error, request nothing from another
// origin, and every widget must upgrade (data-state="ready"). Two heavy widgets then run from the
// cache: the motion classifier trains (lesson 15) and the keyword trainer loads its 192 clips
// (lesson 17).
//
//   npx astro build && node tests/firefox/offline.mjs --dist dist --port 4397
// Exit code 0 when every check passes, 1 otherwise. No timing is asserted; a state that never comes
// is cut off by a generous hang guard.
import { parseArgs } from 'node:util';
import { launchFirefox } from './bidi.mjs';
import { pagesOf, SCROLL_THROUGH, watchPage } from './pages.mjs';
import { serveDist } from './serve.mjs';

const { values: args } = parseArgs({ options: { dist: { type: 'string', default: process.env.E2E_DIST ?? 'dist' }, port: { type: 'string', default: '4397' } } });
/** Hang guard per wait (ms): far above any real time, only stops a stuck run. */
const HANG_MS = 240_000;

/**
 * In-page: resolves when the element `sel` has attribute `attr` matching `re` (source), watching
 * the attribute (no polling). Returns the value it ended with.
 */
const WAIT_ATTR = `(sel, attr, re) => new Promise((resolve) => {
  const el = document.querySelector(sel);
  if (!el) return resolve('(no existe ' + sel + ')');
  const test = new RegExp(re);
  const done = () => test.test(el.getAttribute(attr) ?? '');
  if (done()) return resolve(el.getAttribute(attr));
  const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(el.getAttribute(attr)); } });
  mo.observe(el, { attributes: true, attributeFilter: [attr] });
})`;

/**
 * In-page: brings figure#id near the viewport, waits until it is ready (the loader upgrades a widget
 * only near the viewport), then waits until its <tag> has data-phase matching `re`.
 */
const WAIT_WIDGET = `(id, tag, re) => new Promise((resolve) => {
  const fig = document.querySelector('figure#' + id);
  if (!fig) return resolve('(no existe figure#' + id + ')');
  fig.scrollIntoView({ block: 'center' });
  const test = new RegExp(re);
  const check = () => {
    if (!/^(ready|error)$/.test(fig.dataset.state ?? '')) return false;
    const el = fig.querySelector(tag);
    if (!el) return resolve('(no existe ' + tag + ' en figure#' + id + ')'), true;
    if (test.test(el.dataset.phase ?? '')) return resolve(el.dataset.phase), true;
    return false;
  };
  if (check()) return;
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(fig, { attributes: true, subtree: true, attributeFilter: ['data-state', 'data-phase'] });
})`;

const server = await serveDist(args.dist, Number(args.port));
const ff = await launchFirefox({ serviceWorkers: true });
const failures = [];
let serverUp = true;
try {
  const { contexts } = await ff.send('browsingContext.getTree', {});
  const context = contexts[0].context;
  const watch = watchPage(ff, server.origin);
  // Requests of the page still in flight: a page's background loads (MNIST, a model, a wasm) cut
  // short by the next navigation are logged by Firefox as «A ServiceWorker intercepted the request
  // and encountered an unexpected error», so each step waits until its page is quiet before the next.
  const inflight = new Set();
  let onQuiet = null;
  const settle = (e) => {
    inflight.delete(e.request?.request);
    if (inflight.size === 0 && onQuiet) onQuiet();
  };
  // Every request counts, with or without a browsing context: a widget's dedicated Worker (the CNN
  // trainer's loads MNIST) has none.
  ff.on('network.beforeRequestSent', (e) => {
    inflight.add(e.request?.request);
  });
  ff.on('network.responseCompleted', settle);
  ff.on('network.fetchError', (e) => {
    if (process.env.DEBUG_FETCH) console.log(`    [fetchError] ${e.errorText} ${e.request?.url}`);
    settle(e);
  });
  const quiet = () => new Promise((resolve, reject) => {
    if (inflight.size === 0) return resolve();
    const guard = setTimeout(() => reject(new Error(`la página siguió pidiendo archivos ${HANG_MS / 1000} s`)), HANG_MS);
    onQuiet = () => {
      clearTimeout(guard);
      onQuiet = null;
      resolve();
    };
  });
  await ff.send('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent', 'network.responseCompleted', 'network.fetchError'] });
  console.log(`Firefox: ${ff.version} · sitio: ${args.dist} en ${server.origin} · service worker activado`);

  const call = async (fn, ...values) => {
    let guard;
    const hang = new Promise((_, reject) => {
      guard = setTimeout(() => reject(new Error(`sin respuesta en ${HANG_MS / 1000} s`)), HANG_MS);
    });
    const res = await Promise.race([
      ff.send('script.callFunction', {
        functionDeclaration: fn, target: { context }, awaitPromise: true,
        arguments: values.map((v) => ({ type: 'string', value: v })),
      }),
      hang,
    ]).finally(() => clearTimeout(guard));
    if (res.type === 'exception') throw new Error(res.exceptionDetails?.text ?? 'excepción en la página');
    return res.result.value;
  };
  const go = (path) => ff.send('browsingContext.navigate', { context, url: server.origin + path, wait: 'complete' });
  /** Runs one named step; what it logged or requested from elsewhere counts against it. */
  const step = async (name, body) => {
    watch.bucket = { errors: [], foreign: [] };
    const problems = [];
    try {
      await body(problems);
      await quiet();
      await ff.send('script.evaluate', { expression: '1', target: { context }, awaitPromise: false });
    } catch (e) {
      problems.push(String(e instanceof Error ? e.message : e));
    }
    const seen = watch.bucket;
    // Leaving: about:blank ends the page; what its late loads log as they are cut short (Firefox:
    // «A ServiceWorker intercepted the request and encountered an unexpected error», a dynamic
    // import that failed) is the walk's doing, not the page's, so it is not counted.
    watch.bucket = { errors: [], foreign: seen.foreign };
    await ff.send('browsingContext.navigate', { context, url: 'about:blank', wait: 'complete' });
    await quiet();
    await ff.send('script.evaluate', { expression: '1', target: { context }, awaitPromise: false });
    if (process.env.DEBUG_FETCH) for (const m of watch.bucket.errors) console.log(`    [al salir] ${m.slice(0, 200)}`);
    for (const m of seen.errors) problems.push(`error en la consola: ${m.slice(0, 300)}`);
    for (const u of seen.foreign) problems.push(`petición a otro origen: ${u}`);
    console.log(`${problems.length === 0 ? '✓' : '✗'} ${name}`);
    for (const p of problems.slice(0, 10)) console.log(`    ${p}`);
    if (problems.length > 0) failures.push({ name, problems });
  };

  await step('primera visita: el service worker controla la página', async (problems) => {
    await go('/');
    const sw = await call(WAIT_ATTR, 'html', 'data-sw', '^(listo|error|sin-soporte)$');
    if (sw !== 'listo') problems.push(`<html data-sw="${sw}">`);
  });
  await step('ajustes: «Descargar el curso» guarda todos los archivos pesados', async (problems) => {
    await go('/ajustes/');
    const box = '[data-offline-download]';
    const first = await call(WAIT_ATTR, box, 'data-phase', '^(parcial|completo|sin-soporte|incompleto)$');
    if (first !== 'parcial') problems.push(`data-phase="${first}" antes de descargar`);
    await call(`() => document.querySelector('[data-dl-start]').click()`);
    const end = await call(WAIT_ATTR, box, 'data-phase', '^(completo|incompleto)$');
    if (end !== 'completo') problems.push(`data-phase="${end}" al terminar`);
    const text = await call(`() => document.querySelector('[data-dl-text]').textContent`);
    if (!/^Listo: los \d+ archivos pesados/.test(text.trim())) problems.push(`el aviso dice «${text.trim()}»`);
  });

  await server.close();
  serverUp = false;
  console.log('— servidor apagado: desde aquí, todo sale de la caché —');

  const pages = pagesOf(args.dist).filter((p) => !p.startsWith('/pruebas/'));
  let widgets = 0;
  for (const path of pages) {
    await step(`sin conexión: ${path}`, async (problems) => {
      await go(path);
      const info = JSON.parse(await call(SCROLL_THROUGH));
      // The page's own worker client (sw-client.ts) has run: its last deferred load is done.
      const sw = await call(WAIT_ATTR, 'html', 'data-sw', '^(listo|error|sin-soporte|actualizar)$');
      if (sw !== 'listo') problems.push(`<html data-sw="${sw}">`);
      if (!info.h1) problems.push('la página no tiene <h1> (¿no estaba en la caché?)');
      widgets += info.widgets.length;
      for (const w of info.widgets) {
        if (w.state !== 'ready') problems.push(`widget ${w.id} (${w.name}): data-state=${w.state}`);
        else if (!w.upgraded) problems.push(`widget ${w.id} (${w.name}): no se montó <tinyml-${w.name}>`);
      }
    });
  }

  await step('sin conexión: el clasificador de movimiento entrena (lección 15)', async (problems) => {
    await go('/lecciones/clasificacion-de-movimiento/');
    const idle = await call(WAIT_WIDGET, 'clasificador', 'tinyml-motion-classifier', '^(idle|error)$');
    if (idle !== 'idle') return void problems.push(`data-phase="${idle}" al abrir`);
    await call(`() => [...document.querySelectorAll('#clasificador tinyml-motion-classifier button')].find((b) => b.textContent.trim() === 'Entrenar').click()`);
    const end = await call(WAIT_WIDGET, 'clasificador', 'tinyml-motion-classifier', '^(trained|error)$');
    if (end !== 'trained') problems.push(`data-phase="${end}" tras entrenar`);
  });
  await step('sin conexión: el entrenador de palabras clave carga sus 192 clips (lección 17)', async (problems) => {
    await go('/lecciones/deteccion-de-palabras-clave/');
    const idle = await call(WAIT_WIDGET, 'entrenar', 'tinyml-kws-trainer', '^(idle|error)$');
    if (idle !== 'idle') return void problems.push(`data-phase="${idle}" al abrir`);
    const total = await call(`() => document.querySelector('#entrenar .kt-set .kt-total')?.textContent ?? ''`);
    if (!total.includes('192')) problems.push(`el conjunto dice «${total}»`);
  });

  console.log(`\n${pages.length} páginas sin conexión, ${widgets} widgets, ${failures.length} pasos con problemas`);
} finally {
  await ff.close();
  if (serverUp) await server.close();
}
process.exit(failures.length === 0 ? 0 : 1);
