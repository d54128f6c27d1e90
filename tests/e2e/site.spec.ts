import AxeBuilder from '@axe-core/playwright';
import { expect, scrollThrough, test } from './fixtures';
import { allPaths, lessonPaths } from './pages';

for (const path of allPaths()) {
  test.describe(`página ${path}`, () => {
    test('carga sin errores, sin peticiones externas, con KaTeX y widgets activos', async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('h1')).toHaveCount(1);
      const html = await page.content();
      expect(html).not.toContain('$$');
      expect((await page.locator('.prose').allInnerTexts()).join('\n')).not.toMatch(/\\(frac|sum|begin|text)\b/);
      await scrollThrough(page);
      const figs = page.locator('figure[data-widget]');
      const n = await figs.count();
      for (let i = 0; i < n; i++) {
        const fig = figs.nth(i);
        await fig.scrollIntoViewIfNeeded();
        await expect(fig, `widget ${await fig.getAttribute('id')}`).toHaveAttribute('data-state', 'ready');
      }
    });

    for (const scheme of ['light', 'dark'] as const) {
      test(`axe no encuentra infracciones (tema ${scheme === 'light' ? 'claro' : 'oscuro'})`, async ({ page }) => {
        // KaTeX-heavy lessons have ~10,000 DOM nodes: axe needs tens of seconds on 2 cores.
        test.setTimeout(240_000);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await scrollThrough(page);
        await page.waitForTimeout(300);
        const result = await new AxeBuilder({ page }).analyze();
        const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
        expect(summary, `axe (${scheme})`).toEqual([]);
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
