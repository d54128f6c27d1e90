import type { Locator, Page } from '@playwright/test';
import { expect, freezeClock, test, widget } from './fixtures';

// Lesson 06 and its widgets gd-explorer (two instances) and curve-fit.
const LESSON = '/lecciones/descenso-de-gradiente/';
const GD1 = 'descenso-1d';
const GD2 = 'descenso-2d';
const CF = 'ajuste-curva';

/** Parses a number written in Spanish ("1 234,5" with U+202F, "−0,25", "3,4·10⁵" is not needed here). */
const parse = (s: string): number => Number(s.trim().replace(/[.\u202f]/g, '').replace(',', '.').replace('−', '-'));
const pathOf = (fig: Locator): Promise<string> => fig.locator('.gd-overlay path').first().getAttribute('d').then((d) => d ?? '');
const regime = (fig: Locator): Locator => fig.locator('.gd-regime');
const trainLoss = async (fig: Locator): Promise<number> =>
  parse(/entrenamiento ([^\s·]+(?:\u202f\d{3})*)/.exec(await fig.locator('.cf-nums').innerText())![1]!);

test('descenso 1D: el punto de partida y α cambian el recorrido', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, GD1);
  await expect(fig.locator('.gd-now')).toContainText('Paso 0 · w = −3 · L = 16');
  await fig.getByRole('button', { name: 'Un paso' }).click();
  await expect(fig.locator('.gd-now')).toContainText('Paso 1 · w = −0,6 · L = 2,56');
  await expect(fig.locator('.gd-rule-text')).toContainText('w = −0,6');
  const first = await pathOf(fig);
  // A new α restarts from w0 with other steps.
  await fig.getByLabel('Tasa de aprendizaje α').fill(String(Math.log10(0.1)));
  await fig.getByRole('button', { name: 'Un paso' }).click();
  await expect(fig.locator('.gd-now')).toContainText('Paso 1 · w = −2,2');
  expect(await pathOf(fig)).not.toBe(first);
  // A new start point from the keyboard.
  await fig.getByLabel('Inicio w', { exact: true }).fill('4');
  await expect(fig.locator('.gd-now')).toContainText('Paso 0 · w = 4');
  await fig.getByRole('button', { name: 'Un paso' }).click();
  await expect(fig.locator('.gd-now')).toContainText('Paso 1 · w = 3,4');
  // And with the pointer: a click on the chart moves the start point.
  await fig.locator('.gd-plot').scrollIntoViewIfNeeded();
  const box = (await fig.locator('.gd-plot svg').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await expect(fig.locator('.gd-now')).toContainText('Paso 0');
  await expect(fig.locator('.gd-now')).not.toContainText('w = 4 ');
});

test('descenso 1D: cada α de ejemplo da su etiqueta, calculada del recorrido', async ({ page }) => {
  await page.goto(`${LESSON}?w-${GD1}=speed:2`);
  const fig = await widget(page, GD1);
  await fig.getByRole('button', { name: 'α demasiado pequeña' }).click();
  await expect(regime(fig)).toHaveAttribute('data-regime', 'lenta');
  await expect(regime(fig)).toContainText('Lenta');
  await fig.getByRole('button', { name: 'α buena' }).click();
  await expect(regime(fig)).toHaveAttribute('data-regime', 'converge');
  await expect(regime(fig)).toContainText('Converge');
  await fig.getByRole('button', { name: 'α que oscila' }).click();
  await expect(regime(fig)).toHaveAttribute('data-regime', 'oscila');
  await expect(regime(fig)).toContainText('Oscila');
});

test('descenso 1D: α que diverge se detiene y explica qué cambiar', async ({ page }) => {
  await page.clock.install(); // time flows as usual until the test runs it on by hand
  await page.goto(`${LESSON}?w-${GD1}=speed:30`);
  const fig = await widget(page, GD1);
  await fig.getByRole('button', { name: 'α que diverge' }).click();
  await expect(regime(fig)).toHaveAttribute('data-regime', 'diverge', { timeout: 15_000 });
  await expect(regime(fig)).toContainText('Diverge');
  await expect(regime(fig)).toContainText('Baja α por debajo de 1');
  await expect(fig.getByRole('button', { name: 'Un paso' })).toBeDisabled();
  await expect(fig.getByRole('button', { name: 'Reproducir de nuevo' })).toBeVisible();
  await expect(fig.locator('tinyml-gd-explorer')).toHaveAttribute('data-phase', 'done');
  // Stopped: two more seconds of animation frames take no more steps.
  const now = await fig.locator('.gd-now').innerText();
  await page.clock.runFor(2000);
  await expect(fig.locator('.gd-now')).toHaveText(now);
  await expect(fig).not.toContainText('NaN');
});

test('descenso 2D: la superficie de la recta muestra el MSE con números vivos', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, GD2);
  await expect(fig.getByLabel('Superficie de pérdida')).toHaveValue('recta');
  const table = fig.locator('.gd-mse-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  const sum = fig.locator('.gd-mse-sum');
  const L0 = parse(/= ([^=]+)$/.exec(await sum.innerText())![1]!);
  const shown = parse(/L = (\S+)/.exec(await fig.locator('.gd-now').innerText())![1]!);
  expect(Math.abs(L0 - shown)).toBeLessThan(1e-3);
  await fig.getByRole('button', { name: 'Un paso' }).click();
  await expect(fig.locator('.gd-now')).toContainText('Paso 1');
  await expect(sum).not.toContainText(String(L0).replace('.', ','));
  await fig.getByLabel('Superficie de pérdida').selectOption('cuenco');
  await expect(fig.locator('.gd-mse')).toBeHidden();
  await expect(fig.locator('.gd-plot')).toHaveAttribute('aria-label', /Curvas de nivel/);
});

test('ajuste de curva: entrenar baja la pérdida', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, CF);
  const before = await trainLoss(fig);
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  await expect.poll(async () => parse(/Época ([\d.\u202f]+)/.exec(await fig.locator('.cf-nums').innerText())![1]!), { timeout: 50_000 })
    .toBeGreaterThan(300);
  await fig.getByRole('button', { name: 'Pausa' }).click();
  expect(await trainLoss(fig)).toBeLessThan(before / 2);
  await expect(fig.locator('.cf-verdict')).toHaveAttribute('data-fit', /bueno|subajuste/);
});

test('ajuste de curva: cambiar las neuronas ocultas cambia la curva; un clic añade un punto', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, CF);
  const curve = fig.locator('path.cf-fit');
  const d0 = await curve.getAttribute('d');
  await fig.getByLabel('Neuronas ocultas H').fill('2');
  await expect(curve).not.toHaveAttribute('d', d0 ?? '');
  const count = fig.locator('.cf-count');
  await expect(count).toContainText('24 puntos: 16 de entrenamiento y 8 de validación');
  // An empty spot low on the right (x₁ ≈ 0.75, x₂ ≈ −1.7), far from every point of the sine.
  await fig.locator('.cf-plot').scrollIntoViewIfNeeded();
  const box = (await fig.locator('.cf-plot svg').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.78);
  await expect(count).toContainText('25 puntos: 17 de entrenamiento');
  // Keyboard alternative: add and remove with the editor.
  await fig.getByText('Editar los puntos con el teclado').click();
  await fig.getByRole('button', { name: 'Añadir punto de entrenamiento' }).click();
  await expect(count).toContainText('26 puntos');
  await fig.getByLabel('x₂ del punto').fill('1.5');
  await expect(fig.getByLabel('Punto', { exact: true })).toContainText('(0; 1,5)');
  await fig.getByRole('button', { name: 'Quitar el punto elegido' }).click();
  await expect(count).toContainText('25 puntos');
});

test('ajuste de curva: una α enorme diverge, se detiene y lo explica', async ({ page }) => {
  await page.goto(`${LESSON}?w-${CF}=act:relu;lr:3`);
  const fig = await widget(page, CF);
  await fig.getByRole('button', { name: 'Entrenar' }).click();
  const status = fig.locator('.cf-status');
  await expect(status).toContainText('divergido', { timeout: 15_000 });
  await expect(status).toContainText('α = 0,3');
  await expect(fig.getByRole('button', { name: /Entrenar|Seguir entrenando/ })).toBeVisible();
  expect(Number.isFinite(await trainLoss(fig))).toBe(true);
});

async function share(page: Page, fig: Locator): Promise<string> {
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('los enlaces compartidos reabren el mismo estado', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const gd = await widget(page, GD2);
  await gd.getByLabel('Superficie de pérdida').selectOption('cuenco');
  await gd.getByLabel('Inicio w₁').fill('2.5');
  await gd.getByLabel('Tasa de aprendizaje α').fill(String(Math.log10(0.18)));
  const gdNow = await gd.locator('.gd-now').innerText();
  const gdUrl = await share(page, gd);
  const cf = await widget(page, CF);
  await cf.getByLabel('Curva', { exact: true }).selectOption('escalon');
  await cf.getByLabel('Neuronas ocultas H').fill('5');
  await cf.getByLabel('Semilla').fill('7');
  const pts = await cf.getByLabel('Punto', { exact: true }).locator('option').allInnerTexts();
  const cfUrl = await share(page, cf);
  expect(gdUrl).toContain(`w-${GD2}=`);
  expect(cfUrl).toContain(`w-${CF}=`);

  const other = await context.newPage();
  await other.goto(gdUrl);
  const gd2 = await widget(other, GD2);
  await expect(gd2.getByLabel('Superficie de pérdida')).toHaveValue('cuenco');
  await expect(gd2.locator('.gd-now')).toHaveText(gdNow);
  await other.goto(cfUrl);
  const cf2 = await widget(other, CF);
  await expect(cf2.getByLabel('Curva', { exact: true })).toHaveValue('escalon');
  await expect(cf2.getByLabel('Semilla')).toHaveValue('7');
  expect(await cf2.getByLabel('Punto', { exact: true }).locator('option').allInnerTexts()).toEqual(pts);
  await other.close();
});

// How long each task holds the main thread while the curve fit trains at full speed or the 2D
// descent plays, and how many steps it shows in 3 s of wall time, are measured by `npm run bench
// -- main-thread` (rows «L06 …»). Here the player is driven by Playwright's clock instead.
test('descenso 2D: reproducir a 30 pasos/s da 30 pasos por segundo de reloj y pausa los detiene', async ({ page }) => {
  await page.clock.install();
  await page.goto(`${LESSON}?w-${GD2}=speed:30;surface:cuenco;alpha:0.005`);
  const fig = await widget(page, GD2);
  const step = async (): Promise<number> => Number(/Paso (\d+)/.exec(await fig.locator('.gd-now').innerText())![1]);
  expect(await step()).toBe(0);
  await freezeClock(page);
  await fig.getByRole('button', { name: 'Reproducir' }).click();
  const gd = fig.locator('tinyml-gd-explorer');
  await expect(gd).toHaveAttribute('data-phase', 'playing');
  // Frames run only inside runFor; while playing, the readout is redrawn at most every 50 ms
  // (≤ 2 steps behind), and pausing draws the exact step.
  await page.clock.runFor(1000);
  expect(await step()).toBeGreaterThanOrEqual(27);
  expect(await step()).toBeLessThanOrEqual(31);
  await page.clock.runFor(1000);
  expect(await step()).toBeGreaterThanOrEqual(57);
  await fig.getByRole('button', { name: 'Pausa' }).click();
  await expect(gd).toHaveAttribute('data-phase', 'idle');
  const paused = await step();
  expect(paused).toBeGreaterThanOrEqual(58);
  expect(paused).toBeLessThanOrEqual(61);
  await page.clock.runFor(3000);
  expect(await step()).toBe(paused);
});
