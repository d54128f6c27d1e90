// The default CNN as .tflite in LiteRT.js (wasm, XNNPACK) in headless Chromium: float32 vs int8
// (full-integer PTQ, float32 I/O), both converted in the browser by widgets/lib/convert from the
// shipped tfjs model and calibrated on 200 training digits. Driven through the test-only page
// /pruebas/litert/ (noindex). Measures: file sizes; accuracy on the whole test split; latency of
// one inference (float32 input tensor in, output copied out), as the mean of groups of 25
// consecutive runs (browsers coarsen performance.now() to 0,1 ms), the two models alternating
// group by group so both see the same machine load: median and minimum over the groups; and the
// int8 runtime's outputs against the TS int8 reference. Goals from the course plan: size ≤ 0,27×,
// accuracy drop ≤ 0,5 points, int8 faster.
export const name = 'TFLite float32 vs int8 en LiteRT.js (wasm) en Chromium sin interfaz';

const RUNS = 4000;

export async function run({ browser, baseUrl }) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(baseUrl + '/pruebas/litert/');
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.__litertTest[f](...a), [fn, args]);

  const sizes = await call('sizes');
  const acc = await call('accuracy');
  const ref = await call('int8VsReference', 300);
  const lat = await call('latency', RUNS);
  await ctx.close();

  const es = (x, d = 2) => x.toFixed(d).replace('.', ',');
  const pct = (x) => `${es(100 * x)} %`;
  const ratio = sizes.int8 / sizes.fp32;
  const drop = 100 * (acc.fp32 - acc.int8);
  const ok = (b) => (b ? 'sí' : 'NO');
  return {
    columns: ['medida', 'float32', 'int8', 'objetivo'],
    rows: [
      ['tamaño del .tflite (bytes)', String(sizes.fp32), `${sizes.int8} (${es(ratio, 3)}×)`, `≤ 0,27× → ${ok(ratio <= 0.27)}`],
      [`exactitud (${acc.n} dígitos de prueba)`, pct(acc.fp32), pct(acc.int8), `caída ≤ 0,5 puntos → ${ok(drop <= 0.5)} (${es(drop)})`],
      [`latencia mediana, 1 inferencia (ms; ${lat.fp32.runs} ejecuciones)`, es(lat.fp32.median, 3), es(lat.int8.median, 3), `int8 más rápido → ${ok(lat.int8.median < lat.fp32.median)} (${es(lat.fp32.median / lat.int8.median)}×)`],
      ['latencia mínima de un grupo de 25 (ms por inferencia)', es(lat.fp32.min, 3), es(lat.int8.min, 3), `${es(lat.fp32.min / lat.int8.min)}×`],
      ['int8 de LiteRT vs referencia int8 en TS (300 dígitos)', '', `máx. ${ref.maxSteps} paso(s) de 1/256; clase igual en ${ref.argmaxAgree}/${ref.n}`, '±1 paso'],
    ],
    note: `Reparto de diferencias int8 LiteRT − referencia (en pasos de 1/256): ${JSON.stringify(ref.hist)}. El int8_io (para el microcontrolador) ocupa ${sizes.int8io} bytes.`,
  };
}
