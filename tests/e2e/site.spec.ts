import { axeViolations, expect, renderEverything, scrollThrough, test } from './fixtures';
import { allPaths, lessonPaths } from './pages';

for (const path of allPaths()) {
  test.describe(`página ${path}`, () => {
    test('carga sin errores, sin peticiones externas, con KaTeX y widgets activos', async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('h1')).toHaveCount(1);
      const html = await page.content();
      expect(html).not.toContain('$$');
      await renderEverything(page);
      expect((await page.locator('.prose').allInnerTexts()).join('\n')).not.toMatch(/\\(frac|sum|begin|text)\b/);
      // Every widget figure comes near the viewport and upgrades (waits for each data-state).
      await scrollThrough(page);
      await expect(page.locator('figure[data-widget]:not([data-state="ready"])')).toHaveCount(0);
      // One element per id, widgets included: a heading's slug must not take a widget's id
      // (anchors, shared links and the projector's #<widget-id> rely on it).
      const repeated = await page.evaluate(() => {
        const n = new Map<string, number>();
        for (const e of document.querySelectorAll('[id]')) n.set(e.id, (n.get(e.id) ?? 0) + 1);
        return [...n].filter(([, k]) => k > 1).map(([id]) => id);
      });
      expect(repeated, 'ids repetidos').toEqual([]);
    });

    for (const scheme of ['light', 'dark'] as const) {
      test(`axe no encuentra infracciones (tema ${scheme === 'light' ? 'claro' : 'oscuro'})`, async ({ page }) => {
        // KaTeX-heavy lessons have 7,000–9,500 DOM nodes (80–90 % of them KaTeX): axe's audit
        // takes ≈ 2.5 s there (color-contrast 1.8 s of it) and axeViolations() skips the ≈ 5 s of
        // result bookkeeping around it. One axe call per page and theme, every widget ready.
        test.setTimeout(120_000);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
        await scrollThrough(page);
        expect(await axeViolations(page), `axe (${scheme})`).toEqual([]);
      });
    }
  });
}

test('la portada lista todas las lecciones y enlaza solo las publicadas', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.lesson-card')).toHaveCount(17);
  const published = lessonPaths();
  for (const p of published) await expect(page.locator(`.lesson-card a[href="${p}"]`)).toHaveCount(1);
  await expect(page.locator('.lesson-card.pending a')).toHaveCount(0);
  await expect(page.locator('.lesson-card.pending')).toHaveCount(17 - published.length);
});

test('marcar como completada persiste y se ve en la portada', async ({ page }) => {
  const first = lessonPaths()[0]!;
  await page.goto(first);
  const toggle = page.getByRole('button', { name: /marcar como completada/i });
  await toggle.click();
  await expect(page.getByRole('button', { name: /lección completada/i })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/');
  await expect(page.locator('[data-progress-count]')).toContainText('1 de');
  await expect(page.locator(`.lesson-card[data-completed="true"] a[href="${first}"]`)).toHaveCount(1);
});

test('el tema se puede cambiar y se recuerda', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: /tema oscuro/i }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('anterior y siguiente enlazan las lecciones publicadas en orden', async ({ page }) => {
  const paths = lessonPaths();
  await page.goto(paths[0]!);
  await page.getByRole('link', { name: /siguiente/i }).click();
  await expect(page).toHaveURL(new RegExp(`${paths[1]}$`));
  await page.getByRole('link', { name: /anterior/i }).click();
  await expect(page).toHaveURL(new RegExp(`${paths[0]}$`));
});
