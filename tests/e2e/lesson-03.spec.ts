import { expect, test, widget } from './fixtures';

// Lesson 03: the neuron explorer and the activation gallery.
const LESSON = '/lecciones/la-neurona-artificial/';

test('los dos widgets de la lección se activan', async ({ page }) => {
  await page.goto(LESSON);
  await widget(page, 'neurona');
  const gal = await widget(page, 'galeria');
  await expect(gal.locator('.ag-card')).toHaveCount(8);
  await expect(gal.locator('.ag-chart > svg')).toHaveCount(8);
});

test('cambiar un peso cambia la salida y la fórmula', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'neurona');
  const result = fig.locator('.nr-result');
  // Defaults: x = (1; 0,3), w = (0,5; −1,2), b = 0,1 → net = 0,24.
  await expect(result).toContainText('entrada neta 0,24');
  await expect(fig.locator('.nr-formula')).toContainText('0,24');
  const before = await result.innerText();
  await fig.getByLabel('Peso w₁').fill('2');
  await expect(result).not.toHaveText(before);
  // net = 2·1 − 1,2·0,3 + 0,1 = 1,74
  await expect(result).toContainText('entrada neta 1,74');
  await expect(fig.locator('.nr-formula')).toContainText('1,74');
  await expect(fig.locator('svg.nr-diagram')).toHaveAttribute('aria-label', /1,74/);
});

test('cambiar la activación cambia la fórmula y la gráfica', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'neurona');
  const chart = fig.locator('.nr-chart');
  await expect(chart).toHaveAttribute('aria-label', /sigmoide/);
  const formula = await fig.locator('.nr-formula').innerText();
  const drawing = await chart.innerHTML();
  await fig.getByLabel('Función de activación φ').selectOption('relu');
  await expect(chart).toHaveAttribute('aria-label', /ReLU/);
  await expect(fig.locator('.nr-formula')).not.toHaveText(formula);
  await expect(fig.locator('.nr-formula')).toContainText('max');
  expect(await chart.innerHTML()).not.toBe(drawing);
  // ReLU(0,24) = 0,24 exactly.
  await expect(fig.locator('.nr-result')).toContainText('y = 0,24');
});

test('los ejemplos fijan pesos y activación: puerta AND', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'neurona');
  await fig.getByRole('button', { name: 'Puerta AND con escalón' }).click();
  await expect(fig.getByLabel('Función de activación φ')).toHaveValue('step');
  await expect(fig.getByLabel('Sesgo b')).toHaveValue('-1.5');
  await expect(fig.locator('.nr-result')).toContainText('y = 1 ');
  await fig.getByLabel('Entrada x₂').fill('0');
  await expect(fig.locator('.nr-result')).toContainText('y = 0 ');
});

test('con cuatro entradas aparecen sus controles', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'neurona');
  await expect(fig.getByLabel('Peso w₄')).toBeHidden();
  await fig.getByLabel('Número de entradas').selectOption('4');
  await expect(fig.getByLabel('Peso w₄')).toBeVisible();
  await expect(fig.locator('.nr-words')).toContainText('0,3 por −1,0');
});

test('un enlace compartido reabre la neurona con los mismos pesos y activación', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, 'neurona');
  await fig.getByLabel('Peso w₂').fill('1.5');
  await fig.getByLabel('Sesgo b').fill('-0.7');
  await fig.getByLabel('Función de activación φ').selectOption('tanh');
  const shown = await fig.locator('.nr-result').innerText();
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('w-neurona=');
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, 'neurona');
  await expect(fig2.getByLabel('Función de activación φ')).toHaveValue('tanh');
  await expect(fig2.getByLabel('Peso w₂')).toHaveValue('1.5');
  await expect(fig2.getByLabel('Sesgo b')).toHaveValue('-0.7');
  await expect(fig2.locator('.nr-result')).toHaveText(shown);
  await other.close();
});

test('el deslizador z de la galería cambia la tabla', async ({ page }) => {
  await page.goto(LESSON);
  const gal = await widget(page, 'galeria');
  const table = gal.getByRole('table');
  const sigRow = table.getByRole('row', { name: /Logística/ });
  const before = await sigRow.innerText();
  await gal.getByLabel('Valor de z (común a todas)').fill('0');
  await expect(table.locator('caption')).toHaveText('Valores en z = 0');
  await expect(sigRow).not.toHaveText(before);
  await expect(sigRow).toContainText('0,5');
  await expect(sigRow).toContainText('0,25');
  await expect(table.getByRole('row', { name: /ReLU/ })).toContainText('no existe');
  await expect(table.getByRole('row', { name: /Softplus/ })).toContainText('0,6931');
});

test('la galería amplía una función y oculta las derivadas', async ({ page }) => {
  await page.goto(LESSON);
  const gal = await widget(page, 'galeria');
  const btn = gal.getByRole('button', { name: 'Ampliar Tangente hiperbólica' });
  await btn.click();
  await expect(btn).toHaveAttribute('aria-pressed', 'true');
  await expect(gal.locator('.ag-card[data-act="tanh"]')).toHaveClass(/is-focus/);
  await expect(gal.locator('.ag-card[data-act="tanh"] .ag-readout')).toBeVisible();
  await gal.getByLabel('Mostrar derivada').uncheck();
  await expect(gal.locator('.ag-card[data-act="tanh"] .ag-dtex')).toBeHidden();
  await btn.click();
  await expect(btn).toHaveAttribute('aria-pressed', 'false');
});
