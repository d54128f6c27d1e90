// Lesson-17 keyword trainer in headless Chromium, driven through the real page and widget (Worker,
// tfjs, the backend the browser picks): seconds to compute the features of every clip, seconds per
// epoch (the worker's own clock: the epoch's batches plus its validation pass), the test accuracy
// reached and the longest main-thread task while training.
// Settings: the widget's defaults, which are the default model's recipe (MFCC, conv 8 → 16,
// 2 augmented copies per clip, Adam 0,003, batches of 32, seed 1), with BENCH_KWS_EPOCHS epochs
// (default 10; 40 is the full recipe).
import { longestSince, watchLongTasks } from './main-thread-trace.mjs';
import { cpus, loadavg } from 'node:os';

export const name = 'Entrenador de palabras clave (lección 17) en Chromium sin interfaz';

const LESSON = '/lecciones/deteccion-de-palabras-clave/';
const EPOCHS = Number(process.env.BENCH_KWS_EPOCHS ?? 10);
const STATE = `?w-entrenar=epochs:${EPOCHS}`;
const SEL = '#entrenar tinyml-kws-trainer';

export async function run({ browser, baseUrl }) {
  const loadBefore = loadavg()[0];
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await watchLongTasks(page);
  await page.goto(baseUrl + LESSON + STATE);
  const root = page.locator(SEL);
  await page.locator('figure#entrenar').scrollIntoViewIfNeeded();
  await root.waitFor({ state: 'attached', timeout: 60_000 });
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-phase') === 'idle', SEL, { timeout: 120_000 });
  const backend = await root.getAttribute('data-backend');
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await page.waitForFunction((s) => /^(done|error)$/.test(document.querySelector(s)?.getAttribute('data-phase') ?? ''), SEL, { timeout: 60_000 + EPOCHS * 30_000 });
  const wall = (Date.now() - t0) / 1000;
  const phase = await root.getAttribute('data-phase');
  if (phase !== 'done') throw new Error(`el entrenamiento acabó en «${phase}»: ${await root.locator('.kt-status').innerText()}`);
  const featureMs = Number(await root.getAttribute('data-feature-ms'));
  const epochMs = Number(await root.getAttribute('data-epoch-ms'));
  const trainN = Number(await root.getAttribute('data-train-examples'));
  const acc = Number(await root.getAttribute('data-test-accuracy'));
  const testN = Number(await root.getAttribute('data-test-size'));
  const longest = await longestSince(page, since);
  await ctx.close();
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  return {
    columns: ['medida', 'valor'],
    rows: [
      ['motor de tfjs elegido por el navegador', backend],
      ['características de todos los clips (en el Worker)', s(featureMs)],
      [`segundos por época (${trainN} ejemplos de entrenamiento + validación)`, s(epochMs)],
      ['ejemplos de entrenamiento por segundo', (trainN / (epochMs / 1000)).toFixed(0)],
      [`de «Entrenar» a «tu modelo» guardado, ${EPOCHS} épocas`, `${wall.toFixed(1)} s`],
      [`exactitud en las voces de prueba (${testN} clips)`, `${(100 * acc).toFixed(2)} %`],
      ['tarea más larga del hilo principal mientras entrena', longest > 0 ? `${longest.toFixed(0)} ms` : '< 50 ms'],
    ],
    note: `Épocas: ${EPOCHS} (BENCH_KWS_EPOCHS=40 para la receta completa del modelo por defecto). ` +
      `Máquina: ${cpus().length} núcleos (${cpus()[0]?.model ?? '?'}), carga media ${loadBefore.toFixed(1)} al empezar y ` +
      `${loadavg()[0].toFixed(1)} al acabar: con otros procesos compitiendo por la CPU las cifras empeoran en proporción.`,
  };
}
