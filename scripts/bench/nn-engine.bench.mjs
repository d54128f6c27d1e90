// Speed of the training engine (widgets/lib/nn) in headless Chromium: the engine is bundled with
// esbuild into one script, injected into about:blank and timed there, so the figures are what a
// widget gets on the main thread (no Node, no tfjs involved).
// Measures: training steps per second (2-4-1 on XOR, 2-8-8-1 on a 200-point spiral), time until
// the XOR loss is < 0.01, one forward pass over a 100×100 grid (the data of a decision surface)
// and the longest call of trainFor(8), the slice a widget runs per animation frame (budget: 50 ms),
// and a full redraw of a 100×100 decision surface the way the XOR widget paints it (grid forward
// pass + colours into ImageData + putImageData on a canvas, synchronised by reading a pixel back).
// With PLAYGROUND_NN=<path to a copy of TensorFlow Playground's src/nn.ts> (not part of this
// repository) it also runs that engine side by side (nn-versus.mjs) and prints the ratios against
// the goal: our Trainer ≥ 3× Playground's samples/s on XOR 2-4-1 (batch 4) and on the
// spiral 2-8-8-1 (batch 10).
import { bundleForPage, measureInPage } from './in-page.mjs';
import { measureVersus } from './nn-versus.mjs';
import { cpus, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const name = 'Motor de entrenamiento (widgets/lib/nn) en Chromium sin interfaz';

const bundle = () =>
  bundleForPage(
    "export * from './widgets/lib/nn/index.ts'; export { paintSurface } from './widgets/xor-mlp/core.ts';",
    'NN',
  );

/** Runs inside the page; NN is the bundled engine. Returns raw figures. */
function measure() {
  const { Mlp, train, xorDataset, spiralDataset, paintSurface } = window.NN;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  /** Steps per second of a trainer that never stops, over `ms` after a warm-up. */
  function stepsPerSecond(make, ms = 1500) {
    const warm = make();
    warm.trainFor(300);
    const t = make();
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < ms) steps = t.trainSteps(50).steps;
    return (steps * 1000) / (performance.now() - t0);
  }

  const xorNet = (hidden, act, seed = 1) => new Mlp({ sizes: [2, hidden, 1], activations: act, output: 'sigmoid', seed });
  const spiral = spiralDataset({ perClass: 100, seed: 1 });
  const spiralNet = () => new Mlp({ sizes: [2, 8, 8, 1], activations: 'tanh', output: 'sigmoid', seed: 1 });

  const rows = [];
  rows.push({
    what: 'pasos/s, 2-4-1 en XOR (lote completo de 4, MSE)',
    value: stepsPerSecond(() => train(xorNet(4, 'tanh'), xorDataset(), { lr: 1 })),
    unit: 'pasos/s',
  });
  rows.push({
    what: 'pasos/s, 2-8-8-1 en espiral (200 puntos, lotes de 16, BCE)',
    value: stepsPerSecond(() => train(spiralNet(), spiral, { lr: 0.1, momentum: 0.9, batchSize: 16, loss: 'bce', seed: 1 })),
    unit: 'pasos/s',
  });
  rows.push({
    what: 'pasos/s, 2-8-8-1 en espiral (lote completo de 200, BCE)',
    value: stepsPerSecond(() => train(spiralNet(), spiral, { lr: 0.5, momentum: 0.9, loss: 'bce' })),
    unit: 'pasos/s',
  });

  for (const [hidden, act, lr] of [[4, 'tanh', 1], [2, 'tanh', 1], [4, 'sigmoid', 2]]) {
    const times = [];
    let epochs = 0;
    let status = '';
    for (let k = 0; k < 21; k++) {
      const t0 = performance.now();
      const r = train(xorNet(hidden, act), xorDataset(), { lr, epochs: 20000, targetLoss: 0.01 }).run();
      times.push(performance.now() - t0);
      epochs = r.epoch;
      status = r.status;
    }
    rows.push({
      what: `tiempo hasta pérdida < 0,01 en XOR, 2-${hidden}-1 ${act}, α = ${lr} (semilla 1; ${epochs} épocas, ${status})`,
      value: median(times),
      unit: 'ms (mediana de 21)',
    });
  }

  for (const [label, net] of [['2-4-1', xorNet(4, 'tanh')], ['2-8-8-1', spiralNet()]]) {
    const times = [];
    for (let k = 0; k < 31; k++) {
      const t0 = performance.now();
      net.grid(100, 100, [-1.5, 1.5], [-1.5, 1.5]);
      times.push(performance.now() - t0);
    }
    rows.push({ what: `propagación hacia delante de una rejilla 100×100 (${label})`, value: median(times), unit: 'ms (mediana de 31)' });
  }

  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 100;
  canvas.style.cssText = 'width:400px;height:400px';
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  for (const [label, net] of [['2-4-1', xorNet(4, 'tanh')], ['2-8-8-1', spiralNet()]]) {
    const times = [];
    for (let k = 0; k < 31; k++) {
      const t0 = performance.now();
      const values = net.grid(100, 100, [-1.5, 1.5], [-1.5, 1.5]);
      const img = ctx.createImageData(100, 100);
      paintSurface(values, img.data, [200, 60, 60], [40, 90, 200], [250, 250, 250]);
      ctx.putImageData(img, 0, 0);
      ctx.getImageData(0, 0, 1, 1); // waits until the canvas really holds the new pixels
      times.push(performance.now() - t0);
    }
    rows.push({ what: `redibujo completo de una superficie de decisión 100×100 en canvas (${label})`, value: median(times), unit: 'ms (mediana de 31)' });
  }

  const slicer = train(spiralNet(), spiral, { lr: 0.1, momentum: 0.9, batchSize: 16, loss: 'bce', seed: 1 });
  const slices = [];
  for (let k = 0; k < 100; k++) {
    const t0 = performance.now();
    slicer.trainFor(8);
    slices.push(performance.now() - t0);
  }
  rows.push({ what: 'llamada de trainFor(8), mediana (100 llamadas, espiral 2-8-8-1)', value: median(slices), unit: 'ms' });
  rows.push({ what: 'llamada de trainFor(8), la más larga', value: Math.max(...slices), unit: 'ms (límite: 50)' });
  return { rows, userAgent: navigator.userAgent };
}

export async function run({ browser }) {
  const code = await bundle();
  const { rows, userAgent } = await measureInPage(browser, code, measure);
  const pgPath = process.env.PLAYGROUND_NN;
  let versusNote = 'Sin PLAYGROUND_NN: no se compara con el motor de TensorFlow Playground.';
  if (pgPath && existsSync(pgPath)) {
    const both = await bundleForPage(
      `export * from './widgets/lib/nn/index.ts'; export * as PG from ${JSON.stringify(resolve(pgPath))};`,
      'NN',
    );
    for (const c of await measureInPage(browser, both, measureVersus)) {
      rows.push({ what: `muestras/s, Playground, ${c.label}`, value: c.pg, unit: 'muestras/s' });
      rows.push({ what: `muestras/s, nuestro motor sin Trainer, ${c.label}`, value: c.bare, unit: `muestras/s (${(c.bare / c.pg).toFixed(2)}× Playground)` });
      rows.push({ what: `muestras/s, nuestro Trainer, ${c.label}`, value: c.trainer, unit: `muestras/s (${(c.trainer / c.pg).toFixed(2)}× Playground; objetivo ≥ 3×)` });
    }
    versusNote = `Comparado con ${pgPath} en la misma página (mediana de 5 rondas alternas).`;
  }
  const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('es-ES') : v.toLocaleString('es-ES', { maximumFractionDigits: 2 }));
  return {
    columns: ['medida', 'valor', 'unidad'],
    rows: rows.map((r) => [r.what, fmt(r.value), r.unit]),
    note:
      `Motor empaquetado con esbuild (${(code.length / 1024).toFixed(1)} KB sin minificar) e inyectado en about:blank. ` +
      `${userAgent}. Carga media de la máquina al terminar: ${loadavg()[0].toFixed(1)} con ${cpus().length} núcleos ` +
      '(con carga alta, las cifras empeoran y la llamada más larga refleja pausas del sistema, no del motor). ' +
      versusNote,
  };
}
