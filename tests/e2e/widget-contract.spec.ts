import { expect, test, widget } from './fixtures';

// The widget contract (Widget.astro + widget-loader + WidgetElement), exercised on the
// battery-life calculator of lesson 01.
const LESSON = '/lecciones/que-es-tinyml/';

test('el widget responde a sus controles', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  const result = fig.locator('.bl-result');
  const before = await result.innerText();
  await fig.getByLabel('Ciclo de trabajo (tiempo trabajando)').fill('50');
  await expect(result).not.toHaveText(before);
  await fig.getByLabel('Dispositivo').selectOption('ndp100');
  await expect(result).toContainText('meses');
});

test('compartir copia un enlace que reabre el widget tal cual', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  await fig.getByLabel('Batería', { exact: true }).selectOption('aa2');
  await fig.getByLabel('Ciclo de trabajo (tiempo trabajando)').fill('25');
  const shown = await fig.locator('.bl-result').innerText();
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('w-autonomia=');
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, 'autonomia');
  await expect(fig2.getByLabel('Batería', { exact: true })).toHaveValue('aa2');
  await expect(fig2.locator('.bl-result')).toHaveText(shown);
  await other.close();
});

test('un enlace con estado roto abre los valores por defecto', async ({ page }) => {
  await page.goto(`${LESSON}?w-autonomia=battery:xx;dutyPct:abc;;:::`);
  const fig = await widget(page, 'autonomia');
  await expect(fig.getByLabel('Batería', { exact: true })).toHaveValue('cr2032');
});

test('un widget que falla muestra el error y se puede reintentar', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  // An out-of-range duty cycle makes the core throw a RangeError inside update().
  await fig.locator('tinyml-battery-life').evaluate((el) => (el as unknown as { setState(p: object): void }).setState({ dutyPct: 500 }));
  await expect(fig.getByRole('alert')).toContainText('Esta demostración ha fallado');
  await expect(page.locator('h1')).toBeVisible();
  await fig.getByRole('button', { name: 'Reintentar' }).click();
  await expect(fig).toHaveAttribute('data-state', 'ready');
  await expect(fig.locator('.bl-result')).toContainText('funcionaría');
});

test('restablecer vuelve a los valores iniciales', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  await fig.getByLabel('Batería', { exact: true }).selectOption('lipo');
  await fig.getByRole('button', { name: 'Restablecer' }).click();
  await expect(fig.getByLabel('Batería', { exact: true })).toHaveValue('cr2032');
});
