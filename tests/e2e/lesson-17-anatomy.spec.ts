import { axeViolations, expect, freezeClock, test, widget } from './fixtures';
import { DEFAULT_SETTINGS, anatomyCosts, formatOps, type ModelShape } from '../../widgets/kws-anatomy/core';

// Lesson 17, «Anatomía de una aplicación KWS» (#anatomia): the boxes show live output of a looping
// course sample (lib/audio/source-picker) through the model (driven by page.clock), the budget of the Nano 33 BLE
// Sense is stated, and a control changes a cost to the value the pure core gives. Waits are on
// data-* attributes only.
const LESSON = '/lecciones/deteccion-de-palabras-clave/';
// The course's default model: conv 8 and 16 filters, four classes, MFCC input.
const MODEL: ModelShape = { arch: { conv1: 8, conv2: 16 }, classes: 4, feature: 'mfcc' };
const ops = (id: string, patch: Partial<typeof DEFAULT_SETTINGS>): string =>
  formatOps(anatomyCosts({ ...DEFAULT_SETTINGS, ...patch }, MODEL).stages.find((s) => s.id === id)!.opsPerSecond);

test.describe.configure({ timeout: 240_000 });

test('anatomía: salida en directo en cada caja, presupuesto y un coste que cambia con el control', async ({ page }) => {
  await page.clock.install();
  await page.goto(LESSON);
  await freezeClock(page);
  const fig = page.locator('figure#anatomia');
  await fig.scrollIntoViewIfNeeded();
  await expect.poll(async () => { await page.clock.runFor(50); return fig.getAttribute('data-state'); }).toBe('ready');
  const root = fig.locator('tinyml-kws-anatomy');
  await expect(root).toHaveAttribute('data-phase', 'idle');
  // The budget is there before any audio: defaults (100 ms, N = 512, 40 bands, 13 MFCC).
  await expect(root.locator('[data-resource="cpu"] .ka-budget-line')).toContainText('de 64 M op/s (64 MHz)');
  await expect(root.locator('[data-resource="ram"] .ka-budget-line')).toContainText('de 256 KB');
  await expect(root.locator('[data-resource="flash"] .ka-budget-line')).toContainText('de 1 MB');
  await expect.poll(async () => { await page.clock.runFor(50); return root.getAttribute('data-model'); }, { timeout: 120_000 }).toBe('ready');
  await root.getByRole('button', { name: 'Analizar la muestra' }).click();
  await expect.poll(async () => { await page.clock.runFor(100); return root.getAttribute('data-phase'); }).toBe('running');
  await page.clock.runFor(2500);
  await expect.poll(async () => { await page.clock.runFor(200); return Number(await root.getAttribute('data-inferences')); }).toBeGreaterThan(0);
  // Every box draws its output: a line, bars, the heatmap or the class bars.
  for (const id of ['mic', 'frames']) await expect(root.locator(`[data-stage="${id}"] .ka-plot path.ka-line`)).toHaveCount(1);
  for (const id of ['fft', 'mel', 'log', 'dct']) expect(await root.locator(`[data-stage="${id}"] .ka-plot rect`).count()).toBeGreaterThan(5);
  await expect(root.locator('[data-stage="model"] .ka-probs li')).toHaveCount(4);
  await expect(root.locator('[data-stage="window"] .ka-plot')).toHaveAttribute('aria-label', /49 de 49 tramas × 13 valores/);
  // The model box's cost: one inference every 100 ms = 10 per second. 200 ms halves it.
  const modelOps = root.locator('[data-stage="model"] [data-cost="ops"]');
  const before = await modelOps.textContent();
  await root.getByRole('slider', { name: 'Una inferencia cada' }).fill('200');
  await expect(modelOps).not.toHaveText(before ?? '');
  // The values the pure core gives (lib/kws/anatomy.ts through core.ts).
  expect(before).toBe(ops('model', {}));
  await expect(modelOps).toHaveText(ops('model', { everyMs: 200 }));
  const fftOps = root.locator('[data-stage="fft"] [data-cost="ops"]');
  await expect(fftOps).toHaveText(ops('fft', {}));
  await root.getByLabel('Tamaño de la FFT (N)').selectOption('1024');
  await expect(fftOps).toHaveText(ops('fft', { fftSize: 1024 }));
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'idle');
  const frozen = await root.getAttribute('data-inferences');
  await page.clock.runFor(2000);
  await expect(root).toHaveAttribute('data-inferences', frozen ?? '');
});

test('anatomía: axe no encuentra infracciones (claro y oscuro)', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(LESSON);
    const fig = await widget(page, 'anatomia');
    const root = fig.locator('tinyml-kws-anatomy');
    await expect(root).toHaveAttribute('data-model', 'ready', { timeout: 120_000 });
    await root.getByRole('button', { name: 'Analizar la muestra' }).click();
    await expect.poll(async () => Number(await root.getAttribute('data-inferences')), { timeout: 60_000 }).toBeGreaterThan(0);
    await fig.locator('details.ka-details summary').click();
    expect(await axeViolations(page, ['figure#anatomia']), `axe (${scheme})`).toEqual([]);
  }
});
