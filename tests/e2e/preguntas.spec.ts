import { axeViolations, expect, test } from './fixtures';

// <Pregunta> (src/components/Pregunta.astro, src/scripts/preguntas.ts) on lesson 01: after the
// answer, «¿Te salió?»; the mark is stored, shown next to the question and tallied in the footer
// after a reload.
const LESSON = '/lecciones/que-es-tinyml/';
const KEY = 'tinyml:preguntas:que-es-tinyml';

test('Pregunta: the self-assessment is stored, shown after a reload and tallied', async ({ page }) => {
  await page.goto(LESSON);
  await expect(page.locator('html')).toHaveAttribute('data-preguntas', 'ready');
  const boxes = page.locator('[data-pregunta]');
  const total = await boxes.count();
  expect(total).toBeGreaterThanOrEqual(4);
  const q1 = boxes.nth(0);
  const q2 = boxes.nth(1);
  const tally = page.locator('[data-preguntas-tally]');
  await expect(tally).toBeEmpty();
  // The buttons come with the answer, not before.
  await expect(q1.getByRole('button', { name: 'Sí', exact: true })).toBeHidden();
  await q1.locator('summary').click();
  await q1.getByRole('button', { name: 'A medias' }).click();
  await expect(q1.locator('[data-pregunta-status]')).toHaveText('Anotado: «A medias». Puedes cambiarlo cuando quieras.');
  await expect(q1.getByRole('button', { name: 'A medias' })).toHaveAttribute('aria-pressed', 'true');
  await expect(q1.locator('[data-pregunta-reminder]')).toHaveText('La última vez te salió a medias: vuelve a ella');
  // A change of mind replaces the mark.
  await q1.getByRole('button', { name: 'Sí', exact: true }).click();
  await expect(q1.getByRole('button', { name: 'A medias' })).toHaveAttribute('aria-pressed', 'false');
  await q2.locator('summary').click();
  await q2.getByRole('button', { name: 'Todavía no' }).click();
  await expect(tally).toHaveText(`Llevas 2 de ${total} preguntas: 1 te salió y 1 todavía no.`);
  expect(await axeViolations(page, ['[data-pregunta]'])).toEqual([]);
  const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? '{}');
  expect(Object.keys(stored).sort()).toEqual(['1', '2']);
  expect(stored['1'].mark).toBe('si');
  expect(stored['2'].mark).toBe('no');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-preguntas', 'ready');
  await expect(q1.locator('[data-pregunta-reminder]')).toHaveText('La última vez te salió');
  await expect(q2.locator('[data-pregunta-reminder]')).toHaveText('La última vez no te salió: vuelve a ella');
  await expect(q1).toHaveAttribute('data-mark', 'si');
  await expect(tally).toHaveText(`Llevas 2 de ${total} preguntas: 1 te salió y 1 todavía no.`);
  // A malformed record loses nothing else: the page still works and shows no marks.
  await page.evaluate((k) => localStorage.setItem(k, '{"1": {"mark": "quizá"}, "2": 7'), KEY);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-preguntas', 'ready');
  await expect(tally).toBeEmpty();
  await expect(q1.locator('[data-pregunta-reminder]')).toBeEmpty();
});
