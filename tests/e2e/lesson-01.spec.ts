import { expect, test, widget } from './fixtures';

// Lesson 01: the energy/area chart. The battery calculator is covered by widget-contract.spec.ts.
const LESSON = '/lecciones/que-es-tinyml/';

test('el gráfico de energía se activa con sus valores y su alternativa de texto', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'energia');
  const svg = fig.locator('svg[role="img"]');
  await expect(svg).toHaveCount(1);
  await expect(svg).toHaveAttribute('aria-label', /escala logarítmica/);
  await expect(svg).toHaveAttribute('aria-label', /300 W.*3,64 W.*140 µW/);
  await expect(svg).toContainText('Syntiant NDP100 · 140 µW');
  await expect(fig.getByText('El K80 consume unos 2,1 millones de veces más que el NDP100.')).toBeVisible();
  await expect(fig.getByRole('radio', { name: 'Logarítmica' })).toBeChecked();
});

test('cambiar la escala y la magnitud cambia la figura', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'energia');
  const svg = fig.locator('svg[role="img"]');
  const before = await svg.getAttribute('aria-label');
  const ticksBefore = await svg.locator('[data-mark="x-axis tick label"] text').allTextContents();

  await fig.getByRole('radio', { name: 'Lineal' }).check();
  await expect(svg).not.toHaveAttribute('aria-label', before ?? '');
  await expect(svg).toHaveAttribute('aria-label', /escala lineal.*no se ve/);
  await expect(fig.locator('.ec-note')).toContainText('es invisible');
  const ticksAfter = await svg.locator('[data-mark="x-axis tick label"] text').allTextContents();
  expect(ticksAfter).not.toEqual(ticksBefore);
  expect(ticksAfter[0]).toBe('0 W');

  await fig.getByRole('radio', { name: 'Superficie del chip (mm²)' }).check();
  await expect(svg).toHaveAttribute('aria-label', /superficie del chip en escala lineal/);
  await expect(svg).toContainText('561 mm²');
  await expect(fig.getByText(/El chip del K80 ocupa unas 223 veces más superficie/)).toBeVisible();

  // Keyboard: arrow keys move inside a native radio group.
  await fig.getByRole('radio', { name: 'Lineal' }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(fig.getByRole('radio', { name: 'Logarítmica' })).toBeChecked();
  await expect(svg).toHaveAttribute('aria-label', /superficie del chip en escala logarítmica/);
});

test('el estado compartido reabre la vista elegida', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, 'energia');
  await fig.getByRole('radio', { name: 'Superficie del chip (mm²)' }).check();
  await fig.getByRole('radio', { name: 'Lineal' }).check();
  const label = await fig.locator('svg[role="img"]').getAttribute('aria-label');
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('w-energia=');

  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, 'energia');
  await expect(fig2.getByRole('radio', { name: 'Lineal' })).toBeChecked();
  await expect(fig2.getByRole('radio', { name: 'Superficie del chip (mm²)' })).toBeChecked();
  await expect(fig2.locator('svg[role="img"]')).toHaveAttribute('aria-label', label ?? '');
  await other.close();
});

test('restablecer vuelve a potencia en escala logarítmica', async ({ page }) => {
  await page.goto(`${LESSON}?w-energia=metric:area;scale:linear`);
  const fig = await widget(page, 'energia');
  await expect(fig.getByRole('radio', { name: 'Lineal' })).toBeChecked();
  await fig.getByRole('button', { name: 'Restablecer' }).click();
  await expect(fig.getByRole('radio', { name: 'Logarítmica' })).toBeChecked();
  await expect(fig.getByRole('radio', { name: 'Potencia (W)' })).toBeChecked();
  await expect(fig.locator('svg[role="img"]')).toHaveAttribute('aria-label', /potencia en escala logarítmica/);
});

test('en un móvil el gráfico cabe sin desbordar', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  const fig = await widget(page, 'energia');
  const svgBox = await fig.locator('svg[role="img"]').boundingBox();
  const figBox = await fig.boundingBox();
  expect(svgBox && figBox && svgBox.x + svgBox.width <= figBox.x + figBox.width + 1).toBe(true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('la calculadora enlaza con los procesadores del gráfico', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  await fig.getByLabel('Dispositivo').selectOption('k80');
  await expect(fig.locator('.bl-result')).toContainText('segundos');
  await expect(fig.locator('.bl-note')).toContainText('300 W');
  await fig.getByLabel('Dispositivo').selectOption('ndp100');
  await expect(fig.locator('.bl-result')).toContainText('5,3 meses');
  await expect(fig.locator('.bl-formula')).toContainText('E = 0,225 Ah × 3 V × 0,8 = 0,54 Wh');
});
