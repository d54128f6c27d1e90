import type { Locator, Page } from '@playwright/test';
import { axeViolations, expect, test, widget } from './fixtures';
import { conv1dRun, lstmRun, rnnRun } from '../../widgets/lib/seq/cells';
import { selfAttention } from '../../widgets/lib/seq/attention';
import { ATTENTION, CONV, INPUTS, LSTM, RNN, TOKENS, asSequence } from '../../widgets/lib/seq/examples';
import { prepareForecast } from '../../widgets/lib/seq/forecast';
import { makeSeries, type SeriesId } from '../../widgets/lib/seq/series';

// Lesson 14: sliding windows over three seeded series, the step-by-step recurrent / LSTM / Conv1D /
// attention numbers (the same pure code the unit tests check against tfjs), and three tfjs
// forecasters trained in slices with both baselines. Waits are on data-* attributes only.
const LESSON = '/lecciones/datos-secuenciales/';

// Training in the browser: limits far above an idle machine's needs, so load alone cannot fail a test.
test.describe.configure({ timeout: 900_000 });

const num = async (el: Locator, attr: string): Promise<number> => Number(await el.getAttribute(attr));

async function axe(page: Page, id: string, label: string): Promise<void> {
  expect(await axeViolations(page, [`figure#${id}`]), `axe (${label})`).toEqual([]);
}

/** data-values equals `expected` to 1e-12 (engines may differ by an ulp in Math.exp / Math.tanh). */
async function values(root: Locator, expected: readonly number[]): Promise<void> {
  await expect.poll(async () => {
    const v = (await root.getAttribute('data-values'))?.split(',').map(Number) ?? [];
    return v.length === expected.length && v.every((x, i) => Math.abs(x - expected[i]!) <= 1e-12);
  }).toBe(true);
}

async function open(page: Page, id: string, tag: string, query = ''): Promise<Locator> {
  await page.goto(LESSON + query);
  const fig = await widget(page, id);
  return fig.locator(tag);
}

test('ventanas: longitud, paso y horizonte cambian la matriz; la fila elegida se ve en la serie y en la tabla', async ({ page }) => {
  const root = await open(page, 'ventanas', 'tinyml-seq-windows');
  // 480 values, L = 12, s = 1, h = 1: ⌊(480 − 12 − 1)/1⌋ + 1 = 468 rows; cut at 360.
  await expect(root).toHaveAttribute('data-rows', '468');
  await expect(root).toHaveAttribute('data-cut', '360');
  expect((await num(root, 'data-train')) + (await num(root, 'data-test')) + (await num(root, 'data-gap'))).toBe(468);
  await expect(root).toHaveAttribute('data-gap', '12');
  await expect(root.locator('.sw-chart svg')).toHaveCount(2);
  await expect(root.locator('.sw-table tbody tr')).toHaveCount(7);
  await expect(root.locator('tr.sw-current')).toHaveAttribute('data-k', '0');
  await axe(page, 'ventanas', 'inicial');
  // Stride 6: ⌊467/6⌋ + 1 = 78 rows; the next row starts 6 steps later.
  await root.getByRole('slider', { name: 'Paso entre ventanas' }).fill('6');
  await expect(root).toHaveAttribute('data-rows', '78');
  await root.getByRole('button', { name: 'Fila siguiente →' }).click();
  await expect(root).toHaveAttribute('data-row', '1');
  await expect(root).toHaveAttribute('data-start', '6');
  await expect(root).toHaveAttribute('data-target', String(6 + 12 - 1 + 1));
  await expect(root.locator('tr.sw-current')).toHaveAttribute('data-k', '1');
  // Horizon 5: the target moves 5 steps after the window's last input.
  await root.getByRole('slider', { name: 'Horizonte (h)' }).fill('5');
  await expect(root).toHaveAttribute('data-target', String(6 + 12 - 1 + 5));
  await expect(root.locator('.sw-row-text')).toContainText('5 pasos después');
  // Jump to the test part: the row lies entirely after the cut.
  await root.getByRole('button', { name: 'Ir a la primera fila de prueba' }).click();
  await expect(root).toHaveAttribute('data-part', 'test');
  expect(await num(root, 'data-start')).toBeGreaterThanOrEqual(360);
  await root.getByRole('button', { name: 'Fila anterior' }).click();
  await expect(root).toHaveAttribute('data-part', 'gap');
  // Keyboard on the row slider.
  const row = await num(root, 'data-row');
  await root.getByRole('slider', { name: 'Fila de la matriz' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-row', String(row + 1));
  // Another series: 1095 daily temperatures.
  await root.getByLabel('Serie', { exact: true }).selectOption('temperatura');
  await expect(root).toHaveAttribute('data-series', 'temperatura');
  await expect(root).toHaveAttribute('data-rows', String(Math.floor((1095 - 12 - 5) / 6) + 1));
  await expect(root.locator('.sw-about')).toContainText('sintética');
  await root.getByLabel('Serie', { exact: true }).selectOption('movimiento');
  await expect(root).toHaveAttribute('data-rows', String(Math.floor((300 - 12 - 5) / 6) + 1));
  await axe(page, 'ventanas', 'movimiento');
});

test('arquitecturas: cada paso muestra los números del código puro, con botones y con el teclado', async ({ page }) => {
  const root = await open(page, 'arquitecturas', 'tinyml-seq-cells');
  await expect(root).toHaveAttribute('data-vista', 'rnn');
  await expect(root).toHaveAttribute('data-paso', '0');
  await expect(root).toHaveAttribute('data-pasos', '6');
  const pulse = asSequence(INPUTS.pulso.values);
  const rnn = rnnRun(RNN, pulse);
  const next = root.getByRole('button', { name: 'Paso siguiente →' });
  for (let i = 1; i <= 3; i++) {
    await next.click();
    await expect(root).toHaveAttribute('data-paso', String(i));
    await values(root, rnn[i - 1]!.h);
  }
  await expect(root.locator('.sq-step .katex')).toHaveCount(1);
  await expect(root.locator('tr.sq-current th')).toHaveText('3');
  // Keyboard on the stage: → advances, End goes to the last step, Home back to 0.
  await root.locator('.sq-stage-box').focus();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-paso', '4');
  await page.keyboard.press('End');
  await expect(root).toHaveAttribute('data-paso', '6');
  await expect(next).toBeDisabled();
  await page.keyboard.press('ArrowLeft');
  await values(root, rnn[4]!.h);
  await page.keyboard.press('Home');
  await expect(root).toHaveAttribute('data-paso', '0');
  // The code that runs is shown.
  await root.getByText('El código que calcula estos números').click();
  await expect(root.locator('.sq-code')).toContainText('export function rnnStep');
  await axe(page, 'arquitecturas', 'unidad recurrente');
  // LSTM with a step input: gates, candidate, cell and output of step 4.
  await root.getByRole('button', { name: 'Celda LSTM', exact: true }).click();
  await root.getByLabel('Secuencia de entrada').selectOption('escalon');
  const lstm = lstmRun(LSTM, asSequence(INPUTS.escalon.values));
  for (let i = 0; i < 4; i++) await next.click();
  const s = lstm[3]!;
  await values(root, [...s.f, ...s.i, ...s.o, ...s.cand, ...s.c, ...s.h]);
  await expect(root.locator('.sq-code')).toContainText('export function lstmStep');
  await axe(page, 'arquitecturas', 'LSTM');
  // Conv1D: 4 positions for 6 inputs and a kernel of 3.
  await root.getByRole('button', { name: 'Conv1D', exact: true }).click();
  await expect(root).toHaveAttribute('data-pasos', '4');
  const conv = conv1dRun(CONV, asSequence(INPUTS.escalon.values));
  await next.click();
  await next.click();
  await values(root, conv[1]!.y);
  await expect(root.locator('.sq-strip td.sq-covered')).toHaveCount(9);
  await axe(page, 'arquitecturas', 'Conv1D');
  // Attention: Q, K, V, then scores, softmax, and the output of «luz» (token 3).
  await root.getByRole('button', { name: 'Autoatención', exact: true }).click();
  await expect(root.getByLabel('Secuencia de entrada')).toBeHidden();
  const att = selfAttention(TOKENS.map((t) => t.x), ATTENTION);
  await values(root, att.Q.flat());
  await next.click();
  await values(root, att.scores.flat());
  await next.click();
  await values(root, att.weights.flat());
  await expect(root.locator('.sq-heat')).toHaveCount(2);
  for (let i = 0; i < 3; i++) await next.click();
  await values(root, att.out[2]!);
  await expect(root.locator('.sq-text')).toContainText('«luz»');
  await expect(root.locator('.sq-heat').last().locator('tr.sq-current th')).toHaveText('luz');
  await axe(page, 'arquitecturas', 'autoatención');
});

test('predicción: las referencias coinciden con el código puro; entrenar, detener y restablecer no dejan tensores', async ({ page }) => {
  const root = await open(page, 'prediccion', 'tinyml-seq-forecast', '?w-prediccion=epocas:10');
  await expect(root).toHaveAttribute('data-phase', 'idle');
  const s = makeSeries('sintetica', 1);
  const d = prepareForecast(s.values, s.period, { length: 24, horizon: 1 });
  await expect(root).toHaveAttribute('data-mae-naive', String(d.naive.err.mae));
  await expect(root).toHaveAttribute('data-mae-seasonal', String(d.seasonal!.err.mae));
  await expect(root).toHaveAttribute('data-test-rows', String(d.testRows.length));
  await expect(root.locator('.sf-table tbody tr')).toHaveCount(5);
  // A full run of 10 epochs.
  await root.getByRole('button', { name: '▶ Entrenar los tres' }).click();
  await expect(root).toHaveAttribute('data-phase', 'training', { timeout: 300_000 });
  await expect(root.getByLabel('Serie')).toBeDisabled();
  await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 880_000 });
  const before = await num(root, 'data-tensors-before');
  expect(await num(root, 'data-tensors-after')).toBe(before);
  for (const k of ['Mlp', 'Conv1d', 'Lstm']) expect(Number.isFinite(await num(root, `data-mae-${k.toLowerCase()}`))).toBe(true);
  await expect(root.locator('.sf-verdict')).not.toBeEmpty();
  await expect(root.locator('.sf-loss svg')).toHaveCount(1);
  await expect(root.locator('.sf-chart').first()).toHaveAttribute('aria-label', /LSTM \(MAE/);
  // Toggling a line redraws the chart without it.
  await root.getByLabel('LSTM', { exact: true }).uncheck();
  await expect(root).toHaveAttribute('data-lines-shown', 'naive,mlp,conv1d');
  await root.getByLabel(/^Estacional/).check();
  await expect(root).toHaveAttribute('data-lines-shown', 'naive,seasonal,mlp,conv1d');
  await axe(page, 'prediccion', 'tras entrenar');
  // Ten runs started and stopped: every one frees all it created.
  for (let run = 0; run < 10; run++) {
    await root.getByRole('button', { name: '▶ Entrenar los tres' }).click();
    await expect(root).toHaveAttribute('data-phase', 'training');
    await root.getByRole('button', { name: '■ Detener' }).click();
    await expect(root).toHaveAttribute('data-phase', 'stopped');
    expect(await num(root, 'data-tensors-after'), `run ${run + 2}`).toBe(before);
  }
  await expect(root).toHaveAttribute('data-runs', '11');
  // «Restablecer» in the middle of a run stops it, frees it and forgets the results.
  await root.getByRole('button', { name: '▶ Entrenar los tres' }).click();
  await expect(root).toHaveAttribute('data-phase', 'training');
  await page.locator('figure#prediccion').getByRole('button', { name: 'Restablecer' }).click();
  await expect(root).toHaveAttribute('data-phase', 'idle');
  await expect(root).toHaveAttribute('data-tensors-after', String(before));
  await expect(root).toHaveAttribute('data-mae-mlp', '');
  await expect(root.getByRole('combobox', { name: 'Épocas' })).toHaveValue('30');
});

// One test per series, each with a limit far above what it needs on an idle machine (about a
// minute), so a loaded 2-core runner cannot fail it on time alone.
for (const serie of ['sintetica', 'movimiento', 'temperatura'] as SeriesId[]) {
  test(`predicción (${serie}): errores de prueba de los tres modelos y las dos referencias (semilla 1)`, async ({ page }) => {
    test.setTimeout(900_000);
    const root = await open(page, 'prediccion', 'tinyml-seq-forecast', `?w-prediccion=serie:${serie};seed:1`);
    await root.getByRole('button', { name: '▶ Entrenar los tres' }).click();
    await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 880_000 });
    expect(await num(root, 'data-tensors-after')).toBe(await num(root, 'data-tensors-before'));
    const f = async (k: string) => (await num(root, `data-mae-${k}`)).toFixed(3) + '/' + (k.startsWith('naive') || k.startsWith('seasonal') ? '' : (await num(root, `data-rmse-${k}`)).toFixed(3));
    const maes = { naive: await num(root, 'data-mae-naive'), seasonal: await num(root, 'data-mae-seasonal'), mlp: await num(root, 'data-mae-mlp'), conv1d: await num(root, 'data-mae-conv1d'), lstm: await num(root, 'data-mae-lstm') };
    for (const v of Object.values(maes)) expect(Number.isFinite(v)).toBe(true);
    // On the simulated gesture, learning beats repeating the last value by far.
    if (serie === 'movimiento') expect(Math.min(maes.mlp, maes.conv1d, maes.lstm)).toBeLessThan(0.5 * maes.naive);
    console.log(`L = 24, h = 1, 30 épocas, semilla 1, ${serie}: MAE ingenuo ${maes.naive.toFixed(3)}, estacional ${maes.seasonal.toFixed(3)}; MAE/RMSE MLP ${await f('mlp')}, Conv1D ${await f('conv1d')}, LSTM ${await f('lstm')}`);
  });
}
