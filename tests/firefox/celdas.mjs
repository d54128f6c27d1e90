// Firefox ESR pass over the cells' test page (issue 14): the sandbox (opaque-origin iframe,
// blob Worker, importScripts of the runtime) must work there as in Chromium. Runs the cells
// «salidas», «error-linea», «muros» and «bucle-corto» and checks what they show.
//   npx astro build --outDir dist-x && node tests/firefox/celdas.mjs --dist dist-x --port 4398
// Exit code 0 when every check passes. No timing is asserted.
import { parseArgs } from 'node:util';
import { launchFirefox } from './bidi.mjs';
import { serveDist } from './serve.mjs';

const { values: args } = parseArgs({ options: { dist: { type: 'string', default: process.env.E2E_DIST ?? 'dist' }, port: { type: 'string', default: '4398' } } });

/** Runs in the page: clicks «Ejecutar» of each cell in turn, waits for its data-runs to grow. */
const RUN = `async () => {
  const ready = (fig, test) => new Promise((resolve) => {
    if (test()) return resolve();
    const mo = new MutationObserver(() => { if (test()) { mo.disconnect(); resolve(); } });
    mo.observe(fig, { attributes: true });
  });
  const out = {};
  for (const id of ['salidas', 'error-linea', 'muros', 'bucle-corto']) {
    const fig = document.querySelector('figure[data-celda="' + id + '"]');
    fig.scrollIntoView();
    await ready(fig, () => fig.dataset.phase === 'ready' || fig.dataset.phase === 'ok' || fig.dataset.phase === 'error');
    fig.querySelector('[data-celda-run]').click();
    await ready(fig, () => fig.dataset.runs === '1');
    out[id] = {
      phase: fig.dataset.phase,
      texts: [...fig.querySelectorAll('pre.celda-text')].map((p) => p.textContent),
      tensor: fig.querySelector('.celda-tensor-head')?.textContent ?? null,
      cells: [...fig.querySelectorAll('td')].map((t) => t.textContent),
      line: fig.querySelector('.celda-error')?.dataset.line ?? null,
      image: !!fig.querySelector('.celda-image canvas'),
      plot: !!fig.querySelector('[data-out="plot"]'),
    };
  }
  return JSON.stringify(out);
}`;

const server = await serveDist(args.dist, Number(args.port));
const ff = await launchFirefox();
const failures = [];
try {
  const { contexts } = await ff.send('browsingContext.getTree', {});
  const context = contexts[0].context;
  await ff.send('browsingContext.navigate', { context, url: `${server.origin}/pruebas/celdas/`, wait: 'complete' });
  const res = await ff.send('script.callFunction', { functionDeclaration: RUN, target: { context }, awaitPromise: true });
  if (res.type === 'exception') throw new Error(res.exceptionDetails?.text ?? 'excepción');
  const r = JSON.parse(res.result.value);
  console.log(`Firefox ${ff.version}:`, JSON.stringify(r, null, 1));
  const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? '✓' : '✗'} ${what}`); };
  check(r.salidas.phase === 'ok' && r.salidas.texts[0] === 'hola 4', 'print');
  check(r.salidas.tensor === 'Tensor · forma [2, 3] · float32', 'tensor');
  check(r.salidas.cells.join() === '1,2,2,4', 'tabla');
  check(r.salidas.image && r.salidas.plot, 'imagen y gráfica');
  check(r['error-linea'].phase === 'error' && r['error-linea'].line === '3', 'error en la línea 3');
  check(r.muros.cells.filter((_, i) => i % 2 === 1).every((c) => c === 'falla') && r.muros.cells.length === 16, 'los 8 muros fallan');
  check(r['bucle-corto'].phase === 'timeout', 'while (true) {} parado por el límite');
} finally {
  await ff.close();
  await server.close();
}
process.exit(failures.length === 0 ? 0 : 1);
