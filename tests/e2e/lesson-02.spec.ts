import type { Locator } from '@playwright/test';
import { expect, test, widget } from './fixtures';

// Lesson 02 and its widget train-infer ("Entrenar y luego predecir").
const LESSON = '/lecciones/ia-y-aprendizaje-automatico/';
const ID = 'entrenar-predecir';

/** Parses a number written by fmt() (lib/format: "1 234,56" with U+202F, "−0,5"). */
const parse = (s: string): number => Number(s.trim().replace(/[.\u202f]/g, '').replace(',', '.').replace('−', '-'));
const lossOf = async (fig: Locator): Promise<number> => parse(await fig.locator('.ti-L').innerText());

test('el widget se activa y muestra la pérdida del modelo sin entrenar', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, ID);
  await expect(fig.getByRole('button', { name: 'Entrenar' })).toBeEnabled();
  expect(await lossOf(fig)).toBeGreaterThan(1);
  await expect(fig.locator('.ti-fit svg')).toBeVisible();
  await expect(fig.locator('.ti-fit')).toHaveAttribute('aria-label', /recta actual ŷ = 0·x \+ 0, pérdida L = /);
  await expect(fig.locator('.ti-infer-text')).toContainText('Todavía no hay un modelo entrenado');
});

test('entrenar baja la pérdida hasta la solución exacta', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, ID);
  const before = await lossOf(fig);
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  await expect(fig.locator('.ti-status')).toContainText('Convergió', { timeout: 30_000 });
  const after = await lossOf(fig);
  expect(after).toBeLessThan(before / 5);
  const exact = await fig.locator('.ti-exact-text').innerText();
  const lStar = parse(/L\* = ([^\s·]+)/.exec(exact)![1]!);
  expect(Math.abs(after - lStar)).toBeLessThan(1e-3);
  await expect(fig.locator('.ti-status')).toContainText('coinciden con la solución exacta');
});

test('tras entrenar, cambiar x* cambia la predicción', async ({ page }) => {
  await page.goto(`${LESSON}?w-${ID}=spf:60`);
  const fig = await widget(page, ID);
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  await expect(fig.locator('.ti-status')).toContainText('Convergió', { timeout: 30_000 });
  const pred = fig.locator('.ti-pred');
  const first = await pred.innerText();
  await fig.getByLabel('Nueva entrada x*').fill('2');
  await expect(pred).not.toHaveText(first);
  // ŷ* = w·x* + b with the frozen w, b shown above.
  const text = await fig.locator('.ti-infer-text').innerText();
  const w = parse(/w = ([^\s·]+)/.exec(text)![1]!);
  const b = parse(/b = ([^\s·\n]+)/.exec(text)![1]!);
  expect(Math.abs(parse(await pred.innerText()) - (w * 2 + b))).toBeLessThan(2e-3);
  await expect(fig.locator('.ti-cost')).toContainText('1 multiplicación');
  // Moving a point afterwards makes the frozen model out of date.
  await expect(fig.locator('.ti-stale')).toBeHidden();
  await fig.getByLabel('y del punto').fill('9');
  await expect(fig.locator('.ti-stale')).toContainText('desactualizado');
});

test('mover un punto con el teclado cambia la pérdida', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, ID);
  const before = await lossOf(fig);
  await fig.getByLabel('Punto', { exact: true }).selectOption('3');
  const y = fig.getByLabel('y del punto');
  const y0 = Number(await y.inputValue());
  await y.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
  await expect.poll(async () => Number(await y.inputValue())).toBeGreaterThan(y0 + 0.3);
  expect(await lossOf(fig)).not.toBe(before);
  await expect(fig.getByLabel('Punto', { exact: true })).toHaveValue('3');
});

test('arrastrar un punto con el ratón lo mueve', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, ID);
  await fig.getByLabel('Punto', { exact: true }).selectOption('0');
  const x0 = await fig.getByLabel('x del punto').inputValue();
  const dot = fig.locator('.ti-fit svg g[data-mark="dot"] circle').first();
  const box = (await dot.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 30, cy - 20, { steps: 5 });
  await page.mouse.up();
  await expect(fig.getByLabel('x del punto')).not.toHaveValue(x0);
});

test('un enlace compartido reabre la misma semilla y tasa de aprendizaje', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, ID);
  await fig.getByText('Generar otros datos').click();
  await fig.getByLabel('Semilla').fill('42');
  await fig.getByLabel('Tasa de aprendizaje α').fill('-2.5');
  const points = await fig.getByLabel('Punto', { exact: true }).locator('option').allInnerTexts();
  const rate = await fig.locator('.ctl-slider output').first().innerText();
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain(`w-${ID}=`);
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, ID);
  await expect(fig2.getByLabel('Semilla')).toHaveValue('42');
  await expect(fig2.locator('.ctl-slider output').first()).toHaveText(rate);
  expect(await fig2.getByLabel('Punto', { exact: true }).locator('option').allInnerTexts()).toEqual(points);
  await other.close();
});

test('una tasa de aprendizaje demasiado grande se detiene y se explica', async ({ page }) => {
  await page.goto(`${LESSON}?w-${ID}=lr:0.05`);
  const fig = await widget(page, ID);
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  const status = fig.locator('.ti-status');
  await expect(status).toContainText('se ha disparado', { timeout: 15_000 });
  await expect(status).toContainText('Baja la tasa de aprendizaje');
  // The model goes back to w = 0, b = 0: finite numbers, no garbage drawn.
  await expect(fig.locator('.ti-fit')).toHaveAttribute('aria-label', /ŷ = 0·x \+ 0/);
  expect(Number.isFinite(await lossOf(fig))).toBe(true);
  await expect(fig).not.toContainText('NaN');
  await expect(fig).not.toContainText('no es un número');
  await expect(fig.getByRole('button', { name: 'Entrenar' })).toBeEnabled();
});

test('detener para el entrenamiento y congela el modelo de ese momento', async ({ page }) => {
  await page.clock.install(); // time flows as usual until the test runs it on by hand
  await page.goto(`${LESSON}?w-${ID}=spf:1;lr:0.0005`);
  const fig = await widget(page, ID);
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  await expect(fig.getByRole('button', { name: 'Detener' })).toBeEnabled();
  // Training has taken steps (the readout counts them), so there is a model to freeze.
  await expect(fig.locator('.ti-readout')).toContainText(/Paso [1-9]/);
  await fig.getByRole('button', { name: 'Detener' }).click();
  await expect(fig.locator('.ti-status')).toContainText('detenido');
  await expect(fig.locator('.ti-pred')).toBeVisible();
  await expect(fig.getByRole('button', { name: 'Detener' })).toBeDisabled();
  // Frozen: two more seconds of frames and timers change neither the model nor the prediction.
  const readout = (await fig.locator('.ti-readout').textContent()) ?? '';
  const pred = (await fig.locator('.ti-pred').textContent()) ?? '';
  await page.clock.runFor(2000);
  await expect(fig.locator('.ti-readout')).toHaveText(readout);
  await expect(fig.locator('.ti-pred')).toHaveText(pred);
});

test('restablecer vuelve a los datos y al modelo iniciales', async ({ page }) => {
  await page.goto(`${LESSON}?w-${ID}=spf:60`);
  const fig = await widget(page, ID);
  const points = await fig.getByLabel('Punto', { exact: true }).locator('option').allInnerTexts();
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  await expect(fig.locator('.ti-status')).toContainText('Convergió', { timeout: 30_000 });
  await fig.getByRole('button', { name: 'Añadir punto' }).click();
  await expect(fig.getByLabel('Punto', { exact: true }).locator('option')).toHaveCount(points.length + 1);
  await fig.getByRole('button', { name: 'Restablecer' }).click();
  expect(await fig.getByLabel('Punto', { exact: true }).locator('option').allInnerTexts()).toEqual(points);
  await expect(fig.locator('.ti-infer-text')).toContainText('Todavía no hay un modelo entrenado');
  await expect(fig.locator('.ti-readout')).toContainText('Paso 0');
});
