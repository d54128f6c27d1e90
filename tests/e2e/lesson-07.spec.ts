import type { Locator, Page } from '@playwright/test';
import { axeViolations, expect, test, widget } from './fixtures';

// Lesson 07 and its widgets reg-vs-class and workflow-stepper.
const LESSON = '/lecciones/aprendizaje-profundo/';
const RC = 'regresion-clasificacion';
const WS = 'flujo-de-trabajo';
// Training runs in animation frames; on a busy machine it takes a while.
test.describe.configure({ timeout: 180_000 });

/** Parses a number written by fmt() (lib/format: "1 234,56" with U+202F, "−0,5"). */
const parse = (s: string): number => Number(s.trim().replace(/[.\u202f]/g, '').replace(',', '.').replace('−', '-'));
/** The number after `label` in the text of `loc`. */
async function numberAfter(loc: Locator, label: string): Promise<number> {
  const text = await loc.innerText();
  const m = new RegExp(`${label}\\s*([−\\d.,\u202f]+)`).exec(text);
  if (!m) throw new Error(`no "${label}" in: ${text}`);
  return parse(m[1]!);
}
const regLoss = (fig: Locator): Promise<number> => numberAfter(fig.locator('.rc-reg .rc-readout'), 'Pérdida \\(MSE\\):');
const clsLoss = (fig: Locator): Promise<number> => numberAfter(fig.locator('.rc-cls .rc-readout'), 'Pérdida \\(entropía cruzada\\):');
const accuracyOf = (fig: Locator): Promise<number> => numberAfter(fig.locator('.rc-cls .rc-readout'), 'Exactitud:');
const hotDays = (fig: Locator): Promise<number> => numberAfter(fig.locator('.rc-cls .rc-readout'), 'Días de calor en los datos:');

async function trainBoth(fig: Locator): Promise<void> {
  await fig.getByRole('button', { name: 'Entrenar', exact: true }).click();
  await expect(fig.locator('.rc-status')).toContainText('terminado', { timeout: 120_000 });
}

test('reg-vs-class: se activa sin entrenar y entrenar baja las dos pérdidas', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, RC);
  await expect(fig.locator('.rc-reg .rc-chart svg').first()).toBeVisible();
  await expect(fig.locator('.rc-cls .rc-chart svg').first()).toBeVisible();
  await expect(fig.locator('.rc-cls .rc-overlay-svg path.rc-curve')).toHaveAttribute('d', /^M/);
  await expect(fig.locator('.rc-confusion')).toBeVisible();
  await expect(fig.locator('.rc-status')).toContainText('sin entrenar');
  const [r0, c0] = [await regLoss(fig), await clsLoss(fig)];
  await trainBoth(fig);
  const [r1, c1] = [await regLoss(fig), await clsLoss(fig)];
  expect(r1).toBeLessThan(r0 / 5);
  expect(c1).toBeLessThan(c0 / 2);
  expect(await accuracyOf(fig)).toBeGreaterThan(88);
  await expect(fig.locator('.rc-cls .rc-chart')).toHaveAttribute('aria-label', /cruza 0,5 en/);
  await expect(fig.locator('.rc-reg .rc-loss')).toHaveAttribute('aria-label', /tras 600 épocas/);
});

// How long each task holds the main thread while both models train is measured by `npm run
// bench -- main-thread` (row «L07 regresión y clasificación»), not here.

test('reg-vs-class: cambiar el umbral cambia las etiquetas y la exactitud', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, RC);
  await trainBoth(fig);
  const [hot, acc] = [await hotDays(fig), await accuracyOf(fig)];
  const tp = await fig.locator('.rc-confusion tbody tr').first().locator('td').first().innerText();
  await fig.getByLabel('Umbral de «calor»').fill('20');
  await expect.poll(() => hotDays(fig)).toBeGreaterThan(hot);
  expect(await accuracyOf(fig)).not.toBe(acc);
  await expect(fig.locator('.rc-confusion tbody tr').first().locator('td').first()).not.toHaveText(tp);
  await expect(fig.getByRole('status').filter({ hasText: 'aprendió con el umbral de 25 °C' })).toBeVisible();
  // Training again learns the new threshold and clears the warning.
  await trainBoth(fig);
  await expect(fig.getByText('aprendió con el umbral')).toBeHidden();
  expect(await accuracyOf(fig)).toBeGreaterThan(80);
});

test('reg-vs-class: la respuesta de mañana cambia con la temperatura de hoy', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, RC);
  await trainBoth(fig);
  const deg = fig.locator('.rc-pred-deg');
  const cls = fig.locator('.rc-pred-cls');
  await fig.getByRole('slider', { name: 'Temperatura de hoy' }).fill('10');
  await expect(cls).toContainText('→ frío');
  const cold = parse(/hará ([\d,]+)/.exec(await deg.innerText())![1]!);
  await fig.getByRole('slider', { name: 'Temperatura de hoy' }).fill('32');
  await expect(cls).toContainText('→ calor');
  const warm = parse(/hará ([\d,]+)/.exec(await deg.innerText())![1]!);
  expect(warm).toBeGreaterThan(cold + 10);
});

test('reg-vs-class: una tasa de aprendizaje excesiva se detiene y se explica', async ({ page }) => {
  await page.goto(`${LESSON}?w-${RC}=lr:2`);
  const fig = await widget(page, RC);
  await fig.getByRole('button', { name: 'Entrenar', exact: true }).click();
  const alert = fig.locator('.rc-reg .rc-alert');
  await expect(alert).toContainText('El regresor ha divergido', { timeout: 30_000 });
  await expect(alert).toContainText('Baja la tasa de aprendizaje');
  await expect(fig.locator('.rc-status')).toContainText('terminado', { timeout: 120_000 });
  await expect(fig).not.toContainText('NaN');
  await expect(fig).not.toContainText('no es un número');
  expect(Number.isFinite(await regLoss(fig))).toBe(true);
});

test('reg-vs-class: un enlace compartido reabre la misma semilla y umbral', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, RC);
  await fig.getByLabel('Semilla').fill('42');
  await fig.getByLabel('Umbral de «calor»').fill('22.5');
  const hot = await hotDays(fig);
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain(`w-${RC}=`);
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, RC);
  await expect(fig2.getByLabel('Semilla')).toHaveValue('42');
  await expect(fig2.locator('.ctl-slider output').first()).toHaveText('22,5 °C');
  expect(await hotDays(fig2)).toBe(hot);
  await other.close();
});

/** Step button k (0-based) of the stepper. */
const step = (fig: Locator, k: number): Locator => fig.locator('.ws-steps button').nth(k);
const run = (fig: Locator, name: string): Promise<void> => fig.getByRole('button', { name, exact: true }).click();
const next = (fig: Locator): Promise<void> => fig.locator('.ws-panel:not([hidden]) .ws-next').click();

async function runAll(page: Page, fig: Locator): Promise<void> {
  await run(fig, 'Registrar los días');
  await next(fig);
  await run(fig, 'Dividir y normalizar');
  await next(fig);
  await run(fig, 'Construir la red');
  await next(fig);
  await run(fig, 'Entrenar la red');
  await expect(fig.locator('.ws-train-info')).toContainText('Entrenamiento terminado', { timeout: 120_000 });
  await next(fig);
  await run(fig, 'Evaluar con el conjunto de prueba');
  await next(fig);
  await expect(page.locator(`figure#${WS} .ws-pred-value`)).toBeVisible();
}

test('workflow-stepper: las etapas se desbloquean en orden y corren las seis', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, WS);
  await expect(step(fig, 0)).toHaveAttribute('aria-current', 'step');
  for (let k = 1; k < 6; k++) await expect(step(fig, k)).toBeDisabled();
  await expect(fig.locator('.ws-hint')).toContainText('«Preprocesar» se activará cuando hayas ejecutado «Recoger datos»');
  await run(fig, 'Registrar los días');
  await expect(fig.locator('.ws-summary').first()).toContainText('729 ejemplos');
  await expect(step(fig, 1)).toBeEnabled();
  await expect(step(fig, 2)).toBeDisabled();
  // Keyboard: arrows move between enabled steps, Enter opens one.
  await step(fig, 0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(step(fig, 1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(step(fig, 1)).toHaveAttribute('aria-current', 'step');
  await expect(step(fig, 0)).not.toHaveAttribute('aria-current', 'step');
  await run(fig, 'Dividir y normalizar');
  await expect(fig.locator('.ws-split')).toHaveAttribute('aria-label', /511 de entrenamiento, 109 de validación y 109 de prueba/);
  await next(fig);
  await run(fig, 'Construir la red');
  await expect(fig.locator('.ws-total')).toContainText('33 parámetros');
  await next(fig);
  await expect(step(fig, 4)).toBeDisabled();
  await run(fig, 'Entrenar la red');
  await expect(fig.locator('.ws-train-info')).toContainText('Entrenamiento terminado', { timeout: 120_000 });
  await expect(fig.locator('.ws-loss')).toHaveAttribute('aria-label', /en 1\u202f000 épocas/);
  await next(fig);
  await run(fig, 'Evaluar con el conjunto de prueba');
  await expect(fig.locator('.ws-verdict')).toContainText('La red mejora a la referencia');
  const rows = fig.locator('.ws-eval tbody tr');
  const netRmse = parse((await rows.nth(0).locator('td').nth(1).innerText()).replace(' °C', ''));
  const baseRmse = parse((await rows.nth(1).locator('td').nth(1).innerText()).replace(' °C', ''));
  expect(netRmse).toBeLessThan(baseRmse);
  await next(fig);
  await expect(step(fig, 5)).toHaveAttribute('aria-current', 'step');
  const pred = fig.locator('.ws-pred-value');
  const before = await pred.innerText();
  await fig.getByRole('slider', { name: 'Temperatura de hoy' }).fill('30');
  await expect(pred).not.toHaveText(before);
  const july = await pred.innerText();
  await fig.getByLabel('Fecha de hoy').fill('14');
  await expect(pred).not.toHaveText(july);
});

test('workflow-stepper: ir y volver conserva los resultados; cambiar una etapa borra las siguientes', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, WS);
  await runAll(page, fig);
  const summary = await fig.locator('.ws-panel').nth(0).locator('.ws-summary').innerText();
  await step(fig, 0).click();
  await expect(fig.locator('.ws-panel').nth(0).locator('.ws-summary')).toHaveText(summary);
  await step(fig, 4).click();
  await expect(fig.locator('.ws-verdict')).toBeVisible();
  // A new design invalidates training, evaluation and inference.
  await step(fig, 2).click();
  await fig.getByRole('slider', { name: 'Neuronas ocultas' }).fill('4');
  await expect(fig.locator('.ws-panel').nth(2).locator('.ws-note')).toContainText('Has cambiado la configuración');
  await expect(step(fig, 3)).toBeDisabled();
  await expect(step(fig, 4)).toBeDisabled();
  await expect(step(fig, 0)).toBeEnabled();
  await run(fig, 'Construir la red');
  await expect(fig.locator('.ws-total')).toContainText('17 parámetros');
  await expect(step(fig, 3)).toBeEnabled();
  await expect(step(fig, 4)).toBeDisabled();
});

test('workflow-stepper: un enlace compartido reabre la misma semilla y configuración', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${LESSON}?w-${WS}=seed:7;days:400;hidden:5`);
  const fig = await widget(page, WS);
  await run(fig, 'Registrar los días');
  const summary = await fig.locator('.ws-summary').first().innerText();
  expect(summary).toContain('400 días registrados');
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, WS);
  await expect(fig2.getByLabel('Semilla')).toHaveValue('7');
  await run(fig2, 'Registrar los días');
  await expect(fig2.locator('.ws-summary').first()).toHaveText(summary);
  await other.close();
});

test('axe no encuentra infracciones con los dos widgets ya usados (claro y oscuro)', async ({ page }) => {
  test.setTimeout(300_000);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Fewer epochs: this test is about the finished widgets, not about training.
    await page.goto(`${LESSON}?w-${WS}=epochs:100`);
    const rc = await widget(page, RC);
    await rc.getByRole('button', { name: 'Entrenar', exact: true }).click();
    await expect.poll(async () => numberAfter(rc.locator('.rc-reg .rc-readout'), 'Épocas:')).toBeGreaterThan(5);
    await rc.getByRole('button', { name: 'Detener' }).click();
    await expect(rc.locator('.rc-status')).toContainText('detenido');
    await rc.getByLabel('Umbral de «calor»').fill('20');
    const ws = await widget(page, WS);
    await runAll(page, ws);
    for (const k of [1, 3, 4]) {
      await step(ws, k).click();
      expect(await axeViolations(page, [`figure#${RC}`, `figure#${WS}`]), `axe (${scheme}, etapa ${k + 1})`).toEqual([]);
    }
  }
});
