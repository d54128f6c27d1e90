import type { Locator, Page } from '@playwright/test';
import { axeViolations, expect, freezeClock, test, widget } from './fixtures';

// Lesson 16: K-means step by step, the anomaly score in the plane, and live anomalies on the
// simulated board (driven by page.clock). Waits are on data-* attributes only.
const LESSON = '/lecciones/deteccion-de-anomalias/';

test.describe.configure({ timeout: 300_000 });

const num = async (el: Locator, attr: string): Promise<number> => Number(await el.getAttribute(attr));

async function open(page: Page, id: string, tag: string): Promise<Locator> {
  const fig = await widget(page, id);
  return fig.locator(tag);
}

test('kmeans: asignar, actualizar y converger; la inercia nunca sube; puntos con el teclado; restablecer', async ({ page }) => {
  await page.goto(LESSON);
  const root = await open(page, 'kmeans', 'tinyml-kmeans-steps');
  await expect(root).toHaveAttribute('data-phase', 'init');
  await expect(root).toHaveAttribute('data-points', '36');
  await expect(root.getByRole('button', { name: 'Actualizar' })).toBeDisabled();
  await root.getByRole('button', { name: 'Asignar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'assign');
  const i1 = await num(root, 'data-inertia');
  await root.getByRole('button', { name: 'Actualizar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'update');
  expect(await num(root, 'data-inertia')).toBeLessThanOrEqual(i1);
  await root.getByRole('button', { name: 'Hasta converger' }).click();
  await expect(root).toHaveAttribute('data-phase', 'converged');
  expect(await num(root, 'data-inertia')).toBeLessThanOrEqual(i1);
  await expect(root.locator('.km-step')).toContainText('convergido');
  // A point from the keyboard: arrows move the cursor, Enter adds it; the run starts over.
  await root.locator('.km-plot').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(root).toHaveAttribute('data-points', '37');
  await expect(root).toHaveAttribute('data-phase', 'init');
  await page.keyboard.press('Delete');
  await expect(root).toHaveAttribute('data-points', '36');
  // k and motion features.
  await root.getByRole('slider', { name: 'Número de grupos (k)' }).fill('5');
  await expect(root).toHaveAttribute('data-k', '5');
  await root.getByLabel('Datos', { exact: true }).selectOption('movimiento');
  await expect(root).toHaveAttribute('data-points', '48');
  await root.getByRole('button', { name: 'Hasta converger' }).click();
  await expect(root).toHaveAttribute('data-phase', 'converged');
  await page.locator('figure#kmeans').getByRole('button', { name: 'Restablecer' }).click();
  await expect(root).toHaveAttribute('data-points', '36');
  await expect(root).toHaveAttribute('data-k', '3');
  await expect(root).toHaveAttribute('data-phase', 'init');
});

test('puntuación: el punto nuevo y el umbral deciden; flechas y restablecer', async ({ page }) => {
  await page.goto(LESSON);
  const root = await open(page, 'puntuacion', 'tinyml-anomaly-score');
  await expect(root).toHaveAttribute('data-phase', 'anomalous');
  const far = await num(root, 'data-score');
  expect(far).toBeGreaterThan(0.5);
  // A threshold above the score makes it normal.
  await root.getByRole('slider', { name: 'Umbral' }).fill(String(Math.min(3, Math.ceil(far + 0.1))));
  if (far + 0.1 < 3) await expect(root).toHaveAttribute('data-phase', 'normal');
  await root.getByRole('slider', { name: 'Umbral' }).fill('0.5');
  // Move the point onto a centroid's neighbourhood with the number fields: negative score.
  await root.getByLabel('Punto nuevo: x').fill('5');
  await root.getByLabel('Punto nuevo: y').fill('7');
  await expect(root).toHaveAttribute('data-phase', 'normal');
  expect(await num(root, 'data-score')).toBeLessThan(0.5);
  const before = await num(root, 'data-score');
  await root.locator('.as-plot').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => num(root, 'data-score')).not.toBe(before);
  await page.locator('figure#puntuacion').getByRole('button', { name: 'Restablecer' }).click();
  await expect(root).toHaveAttribute('data-phase', 'anomalous');
  await expect.poll(() => num(root, 'data-score')).toBe(far);
});

test('en directo: una sacudida enciende el detector mientras el clasificador elige una clase', async ({ page }) => {
  await page.clock.install();
  await page.goto(LESSON);
  await freezeClock(page);
  const fig = page.locator('figure#en-directo');
  await fig.scrollIntoViewIfNeeded();
  await expect.poll(async () => { await page.clock.runFor(50); return fig.getAttribute('data-state'); }).toBe('ready');
  const root = fig.locator('tinyml-anomaly-live');
  await expect.poll(async () => { await page.clock.runFor(50); return root.getAttribute('data-phase'); }, { timeout: 180_000 }).toBe('ready');
  await root.getByRole('button', { name: 'Empezar' }).click();
  await page.clock.runFor(4000);
  await expect(root).toHaveAttribute('data-phase', 'live');
  await expect(root).toHaveAttribute('data-anomaly', 'false');
  const quiet = await num(root, 'data-alarms');
  await root.getByRole('button', { name: 'sacudida' }).click();
  await page.clock.runFor(3000);
  await expect(root).toHaveAttribute('data-anomaly', 'true');
  expect(await num(root, 'data-alarms')).toBeGreaterThan(quiet);
  expect(await root.getAttribute('data-class')).toBeTruthy();
  expect(await num(root, 'data-confidence')).toBeGreaterThan(0.25);
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'stopped');
});

test('axe no encuentra infracciones en los tres widgets (claro y oscuro)', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(LESSON);
    await widget(page, 'kmeans');
    await widget(page, 'puntuacion');
    await widget(page, 'en-directo');
    expect(await axeViolations(page, ['figure#kmeans', 'figure#puntuacion', 'figure#en-directo']), `axe (${scheme})`).toEqual([]);
  }
});
