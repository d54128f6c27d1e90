import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, freezeClock, renderEverything, scrollThrough, test, widget } from './fixtures';

// Projector mode (issue 13): the toggle and the key P, large type, AAA contrast, chrome hidden,
// chart labels, keyboard stepping, full screen, the deep link and /docentes/.
const LESSON = '/lecciones/convolucion-y-pooling/';
const HD = { width: 1920, height: 1080 };

/** Smallest rendered size (px on screen) of the SVG text inside `selector`. */
async function smallestChartLabel(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((root) => {
    const sizes = [...root.querySelectorAll<SVGTextElement>('svg text')]
      .filter((t) => (t.textContent ?? '').trim() !== '' && t.getBBox().width > 0)
      .map((t) => {
        const m = t.getScreenCTM();
        const scale = m ? Math.hypot(m.a, m.b) : 1;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      });
    return sizes.length ? Math.min(...sizes) : 0;
  });
}

async function aaaContrast(page: Page): Promise<string[]> {
  await renderEverything(page);
  const r = await new AxeBuilder({ page }).setLegacyMode().withRules(['color-contrast-enhanced', 'color-contrast']).options({ resultTypes: ['violations'] }).analyze();
  return r.violations.filter((v) => v.id.startsWith('color-contrast')).map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? ''})`).slice(0, 4).join(' | ')}`);
}

test.use({ viewport: HD });

test('modo proyector: tecla P, letra grande, sin menús, contraste AAA, etiquetas de gráfica, pasos y pantalla completa', async ({ page }) => {
  // Two full-page contrast audits of a lesson with four widgets: ≈ 35–60 s on the 2-core machine.
  test.setTimeout(150_000);
  await page.clock.install();
  await page.goto(LESSON);
  const html = page.locator('html');
  const toggle = page.locator('[data-proyector-toggle]');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const normal = await page.locator('.prose > p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(normal).toBeLessThan(24);

  // P while typing in a field types; elsewhere it switches the mode (and the choice is kept).
  const conv = await widget(page, 'convolucion');
  const field = conv.locator('input').first();
  await field.focus();
  await page.keyboard.press('p');
  await expect(html).not.toHaveAttribute('data-proyector');
  await field.blur();
  await page.locator('.lesson-header h1').click();
  await page.keyboard.press('p');
  await expect(html).toHaveAttribute('data-proyector', '');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => localStorage.getItem('tinyml:proyector'))).toBe('1');

  // Large type, chrome hidden, the small exit control left.
  const body = await page.locator('.prose > p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(body).toBeGreaterThanOrEqual(28);
  for (const sel of ['.header-nav', '.site-footer', '.lesson-sidebar', '.lesson-toc', '.prev-next']) await expect(page.locator(sel).first()).toBeHidden();
  await expect(toggle).toBeVisible();

  // Every widget drawn, then WCAG AAA contrast in light and dark, and chart labels ≥ 20 px.
  await scrollThrough(page);
  expect(await aaaContrast(page), 'AAA, tema claro').toEqual([]);
  await page.locator('[data-theme-toggle]').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await aaaContrast(page), 'AAA, tema oscuro').toEqual([]);

  // → / ← step the focused conv explorer; Space plays and pauses (clock time, no waiting).
  await conv.locator('.widget-title').click();
  const where = conv.locator('.cx-where');
  await expect(where).toContainText('Posición 1 de 25');
  await page.keyboard.press('ArrowRight');
  await expect(where).toContainText('Posición 2 de 25');
  await page.keyboard.press('ArrowRight');
  await expect(where).toContainText('Posición 3 de 25');
  await page.keyboard.press('ArrowLeft');
  await expect(where).toContainText('Posición 2 de 25');
  await freezeClock(page);
  const play = conv.locator('[data-step="play"]');
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await page.clock.runFor(900);
  await expect(where).toContainText('Posición 3 de 25');
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await page.clock.runFor(5000);
  await expect(where).toContainText('Posición 3 de 25');

  // «Pantalla completa»: the widget is the full-screen element; Escape, and the button, leave.
  const fsButton = conv.locator('[data-widget-fullscreen]');
  await fsButton.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('convolucion');
  await expect(fsButton).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(where).toContainText('Posición 4 de 25');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  await fsButton.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('convolucion');
  await expect(fsButton).toHaveText('Salir de pantalla completa');
  await fsButton.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  await expect(fsButton).toHaveText('Pantalla completa');

  // The toggle switches the mode back off.
  await toggle.click();
  await expect(html).not.toHaveAttribute('data-proyector');
  expect(await page.evaluate(() => localStorage.getItem('tinyml:proyector'))).toBe('0');
});

test('las etiquetas de las gráficas miden al menos 20 px en modo proyector; /docentes/ lista cada widget y un enlace abre la demostración', async ({ page }) => {
  // Chart labels: the 1-D descent chart draws its ticks at 11 px and its axis names at 13 px.
  await page.goto('/lecciones/descenso-de-gradiente/?proyector=1');
  await widget(page, 'descenso-1d');
  const before = await page.locator('#descenso-1d svg text').first().evaluate((t) => t.getAttribute('font-size'));
  expect(Number(before)).toBeLessThan(20);
  expect(await smallestChartLabel(page, '#descenso-1d')).toBeGreaterThanOrEqual(20);

  const dir = 'content/lessons';
  const tags = readdirSync(dir).filter((f) => f.endsWith('.mdx')).reduce((n, f) => n + (readFileSync(join(dir, f), 'utf8').match(/<Widget\b/g) ?? []).length, 0);
  expect(tags).toBeGreaterThan(40);
  await page.goto('/docentes/');
  await expect(page.locator('li.demo')).toHaveCount(tags);
  await expect(page.locator('[data-demo-count]')).toHaveText(String(tags));
  const link = page.locator('li[data-demo="convolucion-y-pooling/convolucion"] a.demo-link');
  await expect(link).toHaveAttribute('href', '/lecciones/convolucion-y-pooling/?proyector=1#convolucion');
  // A seeded one carries its seed in the widget's state parameter.
  await expect(page.locator('li[data-demo="deteccion-de-anomalias/kmeans"] a.demo-link')).toHaveAttribute('href', /\?proyector=1&w-kmeans=seed:\d+#kmeans$/);

  await link.click();
  await page.waitForURL(/#convolucion$/);
  await expect(page.locator('html')).toHaveAttribute('data-proyector', '');
  const fig = page.locator('figure#convolucion');
  await expect(fig).toBeFocused();
  await expect(fig).toBeInViewport();
  // Full screen needs a gesture: a one-click prompt covers the widget.
  await expect(fig.locator('[data-fs-prompt]')).toBeVisible();
  await fig.locator('[data-fs-go]').click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('convolucion');
  await expect(fig.locator('[data-fs-prompt]')).toHaveCount(0);
  await expect(fig.locator('[data-widget-fullscreen]')).toHaveText('Salir de pantalla completa');
});
