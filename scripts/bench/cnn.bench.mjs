// Lesson-10 CNN trainer in headless Chromium, driven through the real page and widget (Worker,
// tfjs, the backend the browser picks): training speed, the test accuracy reached after 60 s of
// training, when (if ever) it first reached 97 %, and the longest main-thread task while training
// (budget: 200 ms; the training itself runs in a Worker).
// Settings: the default CNN (conv 8 → pool → conv 16 → pool → dense 10), Adam 0,003, batches of
// 64, all 8 000 training digits, up to 30 epochs, seed 1. Accuracy is measured on the 2 000 test
// digits, at every epoch end and once more when the run is paused at 60 s.
import { longestSince, watchLongTasks } from './main-thread-trace.mjs';
import { cpus, loadavg } from 'node:os';

export const name = 'Entrenador de la CNN (lección 10) en Chromium sin interfaz';

const LESSON = '/lecciones/entrenar-una-cnn/';
const STATE = '?w-entrenador=epochs:30;batch:64;lr:0.003;examples:8000;seed:1';
const TRAIN_MS = 60_000;
const GOAL = 0.97;

export async function run({ browser, baseUrl }) {
  const loadBefore = loadavg()[0];
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await watchLongTasks(page);
  await page.goto(baseUrl + LESSON + STATE);
  const root = page.locator('#entrenador tinyml-cnn-trainer');
  await root.scrollIntoViewIfNeeded();
  await root.waitFor({ state: 'attached', timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('#entrenador tinyml-cnn-trainer')?.getAttribute('data-phase') === 'ready', null, { timeout: 120_000 });
  const backend = await root.getAttribute('data-backend');
  const since = await page.evaluate(() => performance.now());

  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  const t0 = Date.now();
  let firstGoal = null;
  let lastAcc = null;
  while (Date.now() - t0 < TRAIN_MS) {
    await page.waitForTimeout(250);
    const acc = Number(await root.getAttribute('data-test-acc'));
    if (Number.isFinite(acc) && acc !== lastAcc) {
      lastAcc = acc;
      if (firstGoal === null && acc >= GOAL) firstGoal = (Date.now() - t0) / 1000;
    }
  }
  await root.getByRole('button', { name: 'Pausa' }).click();
  await page.waitForFunction(() => document.querySelector('#entrenador tinyml-cnn-trainer')?.getAttribute('data-phase') === 'paused', null, { timeout: 120_000 });
  const finalAcc = Number(await root.getAttribute('data-test-acc'));
  const samples = Number(await root.getAttribute('data-samples'));
  const speed = Number(await root.getAttribute('data-samples-per-sec'));
  const longest = await longestSince(page, since);
  const drawMs = Number(await root.getAttribute('data-draw-ms'));
  await ctx.close();

  const pct = (f) => `${(100 * f).toFixed(2)} %`;
  return {
    columns: ['medida', 'valor'],
    rows: [
      ['motor de tfjs elegido por el navegador', backend],
      ['ejemplos de entrenamiento por segundo (media de la ejecución)', speed.toFixed(0)],
      ['ejemplos vistos en 60 s', `${samples} (${(samples / 8000).toFixed(2)} épocas)`],
      ['exactitud de prueba tras 60 s (2 000 dígitos)', pct(finalAcc)],
      [`primera vez ≥ ${pct(GOAL)} en prueba (fin de época)`, firstGoal === null ? 'no en 60 s' : `${firstGoal.toFixed(1)} s`],
      ['tarea más larga del hilo principal mientras entrena', longest > 0 ? `${longest.toFixed(0)} ms` : '< 50 ms'],
      ['redibujo más lento de las dos curvas (hilo principal)', `${drawMs.toFixed(0)} ms`],
    ],
    note: `Objetivo: ≥ ${pct(GOAL)} en 60 s; el hilo principal nunca más de 200 ms seguidos. ` +
      'Los segundos incluyen la evaluación de prueba al final de cada época. ' +
      `Máquina: ${cpus().length} núcleos (${cpus()[0]?.model ?? '?'}), carga media ${loadBefore.toFixed(1)} al empezar y ` +
      `${loadavg()[0].toFixed(1)} al acabar: con otros procesos compitiendo por la CPU las cifras bajan en proporción.`,
  };
}
