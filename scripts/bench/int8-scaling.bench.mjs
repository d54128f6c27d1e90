// int8 vs float32 as the model grows: runs lesson 13's int8-scaling widget in headless Chromium
// over the full ladder (the course's CNN with its filters ×1, ×2, ×4, ×7, ×10, ×14: 9 098 →
// 336 906 parameters, seeded random weights), each width converted in the page by widgets/lib/convert
// to float32 and int8 (float32 I/O) .tflite files and timed in LiteRT.js (wasm, XNNPACK) by the
// widget itself (median of 6 alternating groups per model, each ≥ 20 ms and ≥ 20 clock steps).
// Prints the table the widget measured and the two crossovers: the first parameter count whose
// size ratio int8/float32 is within 10 % of 0,25, and the first where int8 is no slower.
export const name = 'int8 frente a float32 cuando el modelo crece (widget int8-scaling, LiteRT.js wasm)';

const WIDTHS = [1, 2, 4, 7, 10, 14];

export async function run({ browser, baseUrl }) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${baseUrl}/lecciones/optimizacion-cuantizacion-y-poda/?w-int8-crece=widths:${WIDTHS.join(',')}#int8-crece`);
  const el = page.locator('tinyml-int8-scaling');
  await el.scrollIntoViewIfNeeded();
  const t0 = Date.now();
  await el.getByRole('button', { name: 'Convertir y medir' }).click();
  await page.locator('tinyml-int8-scaling[data-phase="hecho"], tinyml-int8-scaling[data-phase="error"]').waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - t0) / 1000;
  const phase = await el.getAttribute('data-phase');
  const rows = await el.locator('table.is-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const d = await el.evaluate((e) => ({ ...e.dataset }));
  await ctx.close();
  if (phase !== 'hecho') throw new Error(`the sweep ended in phase ${phase}`);
  const params = rows.map((r) => Number(r[1].replace(/\D/g, '')));
  const size = d.sizeRatios.split(',').map(Number);
  const lat = d.latRatios.split(',').map(Number);
  const es = (x, n = 3) => x.toFixed(n).replace('.', ',');
  const firstSize = params.find((_, i) => Math.abs(size[i] - 0.25) <= 0.025);
  const firstLat = params.find((_, i) => lat[i] <= 1);
  return {
    columns: ['anchura', 'parámetros', 'float32 (B)', 'int8 (B)', 'tamaño int8/fp32', 'latencia fp32', 'latencia int8', 'latencia int8/fp32', 'misma clase', 'LiteRT = ref.'],
    rows: rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]]),
    note: `Cruce de tamaño (|cociente − 0,25| ≤ 0,025): ${firstSize ? `${firstSize} parámetros` : 'no se alcanza en la escalera'}; ` +
      `cruce de latencia (int8 ≤ float32): ${firstLat ? `${firstLat} parámetros` : 'no se alcanza'}. ` +
      `Cocientes de tamaño: ${size.map((v) => es(v)).join(' · ')}; de latencia: ${lat.map((v) => es(v, 2)).join(' · ')}. Barrido completo en ${es(seconds, 1)} s.`,
  };
}
