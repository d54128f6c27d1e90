import { axeViolations, expect, test, widget } from './fixtures';

// <Predice> (src/components/Predice.astro, src/scripts/predice.ts) on lesson 06: the bet on the
// steps of gradient descent on the parabola, answered by the gd-explorer run below it.
const LESSON = '/lecciones/descenso-de-gradiente/';
const KEY = 'tinyml:predice:descenso-de-gradiente';

test.describe.configure({ timeout: 150_000 });

test('Predice: the widget stays veiled until the bet, its run gives the answer, the bet survives a reload', async ({ page }) => {
  await page.goto(LESSON);
  const box = page.locator('aside#pasos-parabola');
  const fig = await widget(page, 'descenso-1d', { keepVeil: true });
  const body = fig.locator('[data-widget-body]');
  const reveal = box.locator('[data-predice-reveal]');
  // Before the bet: the widget is veiled and inert, nothing is revealed and nothing stored.
  await expect(box).toHaveAttribute('data-phase', 'open');
  await expect(fig).toHaveAttribute('data-predice-veiled', 'pasos-parabola');
  await expect(body).toHaveAttribute('inert', '');
  await expect(fig.locator('.predice-veil')).toHaveText('Primero, tu apuesta: está justo antes de esta demostración.');
  await expect(reveal).toBeEmpty();
  expect(await fig.locator('tinyml-gd-explorer').getAttribute('data-result-pasos')).toBeNull();
  expect(await axeViolations(page, ['aside#pasos-parabola', 'figure#descenso-1d'])).toEqual([]);

  // Bad input gets a Spanish message and no bet.
  const apostar = box.getByRole('button', { name: 'Apostar', exact: true });
  await apostar.click();
  await expect(box.locator('[data-predice-error]')).toHaveText('Escribe un número antes de apostar.');
  await box.getByLabel('Tu apuesta').fill('diez');
  await apostar.click();
  await expect(box.locator('[data-predice-error]')).toHaveText('«diez» no es un número: escribe, por ejemplo, 12 o 3,5.');
  await expect(box).toHaveAttribute('data-phase', 'open');
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();

  // The bet opens the widget; the answer waits for the run.
  await box.getByLabel('Tu apuesta').fill('40');
  await apostar.click();
  await expect(box).toHaveAttribute('data-phase', 'waiting');
  await expect(box.locator('[data-predice-bet]')).toHaveText('Tu apuesta: 40 pasos.');
  await expect(fig).not.toHaveAttribute('data-predice-veiled');
  await expect(body).not.toHaveAttribute('inert');
  await expect(reveal).toContainText('Apuesta guardada.');

  // A run with another start point is not the answer to this question.
  await fig.getByLabel('Inicio w', { exact: true }).fill('4');
  await fig.getByRole('button', { name: 'Reproducir' }).click();
  await expect(fig.locator('tinyml-gd-explorer')).toHaveAttribute('data-result-pasos', '10');
  await expect(reveal).toContainText('Ese resultado es con otros valores que los de la pregunta');
  await expect(box).toHaveAttribute('data-phase', 'waiting');

  // Back to the question's values: the run converges in 10 steps (|L′| = 8·0,4ᵗ < 0,001).
  await fig.getByRole('button', { name: 'Restablecer' }).click();
  await expect(fig.locator('tinyml-gd-explorer')).not.toHaveAttribute('data-result-pasos');
  await fig.getByRole('button', { name: 'Reproducir' }).click();
  await expect(box).toHaveAttribute('data-phase', 'revealed');
  await expect(reveal).toHaveText('Dijiste 40 pasos; fueron 10: 30 menos.');
  await expect(reveal).toHaveAttribute('aria-live', 'polite');
  const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? '{}');
  expect(stored['pasos-parabola']).toMatchObject({ guess: 40, result: 10 });
  expect(typeof stored['pasos-parabola'].at).toBe('string');

  // After a reload: the bet and the gap are there, the widget open.
  await page.reload();
  await expect(box).toHaveAttribute('data-phase', 'revealed');
  await expect(box.locator('[data-predice-bet]')).toHaveText('Tu apuesta: 40 pasos.');
  await expect(reveal).toHaveText('Dijiste 40 pasos; fueron 10: 30 menos.');
  await expect(box.locator('[data-predice-form]')).toBeHidden();
  const again = await widget(page, 'descenso-1d', { keepVeil: true });
  await expect(again).not.toHaveAttribute('data-predice-veiled');
  expect(await axeViolations(page, ['aside#pasos-parabola'])).toEqual([]);

  // «Volver a apostar» forgets the bet and veils the widget again.
  await box.getByRole('button', { name: 'Volver a apostar' }).click();
  await expect(box).toHaveAttribute('data-phase', 'open');
  await expect(again).toHaveAttribute('data-predice-veiled', 'pasos-parabola');
  await expect(box.getByLabel('Tu apuesta')).toBeFocused();
  const after = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? '{}');
  expect(after['pasos-parabola']).toBeUndefined();
  // «Ver sin apostar» opens it without a bet.
  await box.getByRole('button', { name: 'Ver sin apostar' }).click();
  await expect(again).not.toHaveAttribute('data-predice-veiled');
  await expect(box).toHaveAttribute('data-phase', 'open');
});
