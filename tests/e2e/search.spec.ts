import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures';

// Site search (Pagefind index written by the build into <outDir>/pagefind/).
const box = (page: Page) => page.getByRole('searchbox', { name: 'Buscar en el curso' });
const root = (page: Page) => page.locator('[data-site-search]');
const results = (page: Page) => page.locator('[data-search-results]');

/** Types the query and waits until the results shown are the ones for it. */
async function search(page: Page, q: string): Promise<void> {
  await box(page).click();
  await box(page).fill(q);
  await expect(root(page)).toHaveAttribute('data-query', q);
  await expect(root(page)).toHaveAttribute('data-search-state', /^(results|empty)$/);
}

const lessonLinks = (page: Page, path: string) => results(page).locator(`a.sr-link[href^="${path}"]`);

test.describe('búsqueda del sitio', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('«cuantización» encuentra la lección 13, con sección y extracto', async ({ page }) => {
    await search(page, 'cuantización');
    await expect(root(page)).toHaveAttribute('data-search-state', 'results');
    const path = '/lecciones/optimizacion-cuantizacion-y-poda/';
    await expect(lessonLinks(page, path).first()).toBeVisible();
    // Section sub-results link to an anchor of the lesson and show an excerpt with the hit marked.
    const sub = results(page).locator(`.sr-sub a[href^="${path}#"]`).first();
    await expect(sub.locator('.sr-section')).not.toBeEmpty();
    await expect(sub.locator('.sr-excerpt mark').first()).toBeVisible();
    await expect(page.locator('[data-search-status]')).toContainText(/lecci(ón|ones) encontradas?/);
  });

  test('«softmax» encuentra las lecciones 09 y 10', async ({ page }) => {
    await search(page, 'softmax');
    await expect(lessonLinks(page, '/lecciones/convolucion-y-pooling/').first()).toBeVisible();
    await expect(lessonLinks(page, '/lecciones/entrenar-una-cnn/').first()).toBeVisible();
  });

  test('«perceptrón» encuentra la lección 05', async ({ page }) => {
    await search(page, 'perceptrón');
    await expect(lessonLinks(page, '/lecciones/perceptron-and-xor/').first()).toBeVisible();
  });

  test('sin resultados lo dice en español', async ({ page }) => {
    await search(page, 'murciélago');
    await expect(root(page)).toHaveAttribute('data-search-state', 'empty');
    await expect(page.locator('[data-search-status]')).toHaveText('Sin resultados para «murciélago».');
    await expect(results(page).locator('li')).toHaveCount(0);
  });

  test('«/» enfoca la caja; escrito dentro de un campo es solo un carácter', async ({ page }) => {
    await page.locator('body').press('/');
    await expect(box(page)).toBeFocused();
    await expect(box(page)).toHaveValue('');
    // Typing «/» inside the box itself is just a character.
    await box(page).press('/');
    await expect(box(page)).toHaveValue('/');
  });

  test('Escape cierra los resultados; las flechas y Enter navegan', async ({ page }) => {
    await search(page, 'softmax');
    const panel = page.locator('[data-search-panel]');
    await expect(panel).toBeVisible();
    await box(page).press('ArrowDown');
    const first = results(page).locator('a.sr-link').first();
    await expect(first).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(box(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(box(page)).toBeFocused();
    // Typing again reopens the list.
    await box(page).fill('perceptrón');
    await expect(root(page)).toHaveAttribute('data-query', 'perceptrón');
    await expect(panel).toBeVisible();
    await box(page).press('ArrowDown');
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
    expect(href).toMatch(/^\/lecciones\/perceptron-and-xor\//);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((u) => u.pathname + u.hash === href);
    await expect(page.locator('h1')).toContainText(/perceptr/i);
  });

  test('un clic en un resultado lleva a la sección de la lección', async ({ page }) => {
    await search(page, 'cuantización');
    const sub = results(page).locator('.sr-sub a[href^="/lecciones/optimizacion-cuantizacion-y-poda/#"]').first();
    const href = (await sub.getAttribute('href'))!;
    await sub.click();
    await expect(page).toHaveURL((u) => u.pathname + u.hash === href);
    const id = decodeURIComponent(href.split('#')[1]!);
    await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: la cabecera con resultados abiertos no tiene infracciones (tema ${scheme === 'light' ? 'claro' : 'oscuro'})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await search(page, 'softmax');
      expect(await axeViolations(page, ['.site-header'])).toEqual([]);
    });
  }

  test('sin índice (como en astro dev) lo explica en español', async ({ page }) => {
    // A pagefind.js that fails to load, as under `astro dev` (without a 404 in the console).
    await page.route('**/pagefind/pagefind.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: "throw new Error('sin índice');" }),
    );
    await page.goto('/');
    await box(page).click();
    await expect(root(page)).toHaveAttribute('data-search-state', 'unavailable');
    await box(page).fill('softmax');
    await expect(root(page)).toHaveAttribute('data-query', 'softmax');
    await expect(page.locator('[data-search-status]')).toContainText('La búsqueda funciona en el sitio construido');
  });

  test('en el teléfono (390 px) la caja cabe en la cabecera y los resultados en la pantalla', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/lecciones/entrenar-una-cnn/');
    await search(page, 'softmax');
    const b = (await page.locator('[data-search-panel]').boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
    const input = (await box(page).boundingBox())!;
    expect(input.width).toBeGreaterThan(80);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
