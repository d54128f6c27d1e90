import { expect, freezeClock, test, widget } from './fixtures';

// Lesson 09: convolution explorer, ReLU and pooling explorer, softmax explorer, shape calculator.
const LESSON = '/lecciones/convolucion-y-pooling/';

test.describe('explorador de la convolución', () => {
  test('el paso avanza la ventana y cambia la multiplicación-suma', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'convolucion');
    const where = fig.locator('.cx-where');
    const sum = fig.locator('.cx-sum');
    await expect(where).toContainText('Posición 1 de 25');
    await expect(sum).toHaveText('(0)(1) + (0)(0) + (0)(−1) + (0)(1) + (0)(0) + (0)(−1) + (0)(1) + (0)(0) + (0)(−1) + (0) = 0');
    const cur = fig.locator('.cx-cur');
    await expect(cur).toHaveCount(1);
    await fig.getByRole('button', { name: 'Siguiente ▶' }).click();
    await fig.getByRole('button', { name: 'Siguiente ▶' }).click();
    await expect(where).toContainText('Posición 3 de 25: la ventana da la celda de la fila 1, columna 3');
    await expect(sum).toHaveText(/^\(0\)\(1\) \+ \(3\)\(0\) \+ \(3\)\(−1\).* = −9$/);
    // The highlighted output cell moved to the third one and shows the value.
    await expect(fig.locator('.cx-grid').nth(2).locator('.cx-cell').nth(2)).toHaveClass(/cx-cur/);
    await expect(cur).toHaveText('−9');
    // The window outline sits on columns 3–5 of the input.
    await expect(fig.locator('.cx-win')).toHaveCSS('grid-column-start', '3');
    await fig.getByRole('button', { name: '◀ Anterior' }).click();
    await expect(where).toContainText('Posición 2 de 25');
    await fig.getByLabel('Posición de la ventana').fill('25');
    await expect(where).toContainText('Posición 25 de 25');
    await expect(fig.getByRole('button', { name: 'Siguiente ▶' })).toBeDisabled();
  });

  test('reproducir avanza solo y pausa se detiene', async ({ page }) => {
    await page.clock.install();
    await page.goto(LESSON);
    const fig = await widget(page, 'convolucion');
    const where = fig.locator('.cx-where');
    await expect(where).toContainText('Posición 1 de 25');
    await freezeClock(page);
    // One step every 900 ms of clock time.
    await fig.getByRole('button', { name: /Reproducir/ }).click();
    await expect(fig.getByRole('button', { name: /Pausa/ })).toHaveAttribute('aria-pressed', 'true');
    await page.clock.runFor(900);
    await expect(where).toContainText('Posición 2 de 25');
    await page.clock.runFor(900);
    await expect(where).toContainText('Posición 3 de 25');
    // Paused: the button says so, and five more seconds of clock time move nothing.
    await fig.getByRole('button', { name: /Pausa/ }).click();
    await expect(fig.getByRole('button', { name: /Reproducir/ })).toHaveAttribute('aria-pressed', 'false');
    const shown = await where.innerText();
    await page.clock.runFor(5000);
    await expect(where).toHaveText(shown);
    await expect(where).toContainText('Posición 3 de 25');
  });

  test('paso y relleno cambian el tamaño de salida y la fórmula', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'convolucion');
    const general = fig.locator('.cx-general');
    const size = fig.locator('.cx-outsize');
    await expect(general).toContainText('⌊(7 − 3 + 0) / 1⌋ + 1 = 4 + 1 = 5');
    await expect(size).toContainText('Salida: 5 × 5');
    await expect(fig.locator('.cx-grid').nth(2).locator('.cx-cell')).toHaveCount(25);
    await fig.getByLabel('Paso (stride) S').fill('2');
    await expect(size).toContainText('Salida: 3 × 3');
    await expect(fig.locator('.cx-grid').nth(2).locator('.cx-cell')).toHaveCount(9);
    await fig.getByLabel('Paso (stride) S').fill('3');
    await expect(size).toContainText('Salida: 2 × 2');
    await expect(fig.locator('.cx-note')).toContainText('nunca llega a la última fila');
    await expect(fig.locator('.cx-pad')).toHaveCount(0);
    await fig.getByLabel('Relleno (padding)').selectOption('same');
    await expect(general).toContainText('⌊(7 − 3 + 2) / 3⌋ + 1 = 2 + 1 = 3');
    await expect(fig.locator('.cx-rule')).toContainText('1 cero a cada lado');
    await expect(fig.locator('.cx-pad')).toHaveCount(9 * 9 - 7 * 7);
    await fig.getByLabel('Entrada N × N').selectOption('8');
    await fig.getByLabel('Paso (stride) S').fill('2');
    await expect(fig.locator('.cx-rule')).toContainText('0 antes y 1 después');
    await fig.getByLabel('Kernel K × K').selectOption('5');
    await expect(size).toContainText('Salida: 4 × 4');
    await expect(fig.locator('.cx-grid').nth(1).locator('.cx-cell')).toHaveCount(25);
  });
});

test.describe('explorador de ReLU y pooling', () => {
  test('el pooling sobre un dígito real: tipo, tamaño y ReLU', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'pooling');
    const calc = fig.locator('.px-calc');
    await expect(calc).toHaveText(/^máx\(.*\) = /, { timeout: 20_000 });
    const sizes = fig.locator('.px-sizes');
    await expect(sizes).toContainText('Entrada 28 × 28 → salida 14 × 14');
    await expect(sizes).toContainText('⌊(28 − 2) / 2⌋ + 1 = 14');
    const out = fig.locator('canvas').nth(2);
    await expect(out).toHaveAttribute('aria-label', /14 × 14/);
    // Move to a window on the stroke so max and mean differ.
    await fig.getByLabel('Posición de la ventana').fill('100');
    await expect(fig.locator('.px-where')).toContainText('Posición 100 de 196');
    const maxText = await calc.innerText();
    const maxLabel = await out.getAttribute('aria-label');
    await fig.getByLabel('Tipo de pooling').selectOption('avg');
    await expect(calc).toHaveText(/^\(.*\) \/ 4 = /);
    expect(await calc.innerText()).not.toBe(maxText);
    await expect(out).not.toHaveAttribute('aria-label', maxLabel ?? '');
    // Bigger window, same stride: 13 × 13.
    await fig.getByLabel('Tamaño de la ventana K').fill('3');
    await expect(sizes).toContainText('salida 13 × 13');
    await expect(calc).toHaveText(/\/ 9 = /);
    // ReLU off brings back the negative values.
    const map = fig.locator('canvas').nth(1);
    await expect(map).toHaveAttribute('aria-label', / 0 % negativos/);
    await fig.getByLabel('Aplicar ReLU antes del pooling').uncheck();
    await expect(map).toHaveAttribute('aria-label', /sin relu/);
    await expect(map).not.toHaveAttribute('aria-label', / 0 % negativos/);
  });
});

test.describe('explorador de la softmax', () => {
  test('mover un logit cambia las probabilidades y la suma sigue en 1,000', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'softmax');
    const sum = fig.locator('.sx-sum');
    await expect(sum).toHaveText('Suma de las probabilidades: 1,000');
    const values = fig.locator('.sx-row:not([hidden]) .sx-value');
    await expect(values).toHaveCount(4);
    await expect(values.first()).toHaveText('63,8 %');
    await expect(fig.locator('.sx-formula')).toContainText('0,6381');
    await fig.getByLabel('z₁ · perro').fill('4');
    await expect(values.first()).not.toHaveText('63,8 %');
    await expect(fig.locator('.sx-row.sx-top .sx-value')).toHaveCount(1);
    await expect(fig.locator('.sx-row').nth(1)).toHaveClass(/sx-top/);
    await expect(sum).toHaveText('Suma de las probabilidades: 1,000');
    await fig.getByLabel('Número de clases').fill('7');
    await expect(values).toHaveCount(7);
    await expect(sum).toHaveText('Suma de las probabilidades: 1,000');
  });

  test('la temperatura afila o aplana y restar el máximo evita el NaN', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'softmax');
    const first = fig.locator('.sx-row .sx-value').first();
    await fig.getByLabel('Temperatura T').fill('-1');
    await expect(first).toHaveText('100 %');
    await fig.getByLabel('Temperatura T').fill('1');
    await expect(fig.locator('.sx-tnote')).toContainText('1/4');
    const p = Number((await first.innerText()).replace(' %', '').replace(',', '.'));
    expect(p).toBeLessThan(35);
    await fig.getByLabel('Temperatura T').fill('0');
    await fig.getByLabel('Sumar 1000 a todos los logits').check();
    await expect(fig.locator('.sx-stability')).toContainText('NaN');
    await expect(first).toHaveText('63,8 %');
    await expect(fig.locator('.sx-formula')).toContainText('∞');
  });
});

test.describe('calculadora de formas', () => {
  test('añadir una capa añade una fila con la forma y los parámetros', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'formas');
    const rows = fig.locator('tbody tr[data-layer]');
    await expect(rows).toHaveCount(6);
    await expect(fig.locator('.sc-total-main')).toContainText('9\u202f098 parámetros');
    await fig.getByRole('button', { name: 'Vaciar la pila' }).click();
    await expect(rows).toHaveCount(0);
    await fig.getByLabel('Tipo de capa').selectOption('conv2d');
    await fig.getByLabel('Filtros').fill('8');
    await fig.getByLabel('Kernel').selectOption('3');
    await fig.getByLabel('Relleno').first().selectOption('same');
    await fig.getByRole('button', { name: 'Añadir capa' }).click();
    await expect(rows).toHaveCount(1);
    const row = rows.first();
    await expect(row.locator('.sc-shape')).toHaveText('28 × 28 × 8');
    await expect(row.locator('td').nth(3)).toContainText('80');
    await expect(row.locator('td').nth(3)).toContainText('3·3·1·8 + 8 = 80');
    // A dense layer right after a map does not fit: the error is shown inline.
    await fig.getByLabel('Tipo de capa').selectOption('dense');
    await fig.getByRole('button', { name: 'Añadir capa' }).click();
    await expect(fig.locator('.sc-error')).toContainText('añade Flatten antes');
    // Move it up, then remove it.
    await fig.getByRole('button', { name: 'Subir la capa 2' }).click();
    await expect(fig.locator('.sc-error')).toContainText('Capa 1');
    await fig.getByRole('button', { name: 'Quitar la capa 1' }).click();
    await expect(rows).toHaveCount(1);
    await expect(fig.locator('.sc-error')).toHaveCount(0);
    // The input shape is editable.
    await fig.getByLabel('Canales', { exact: true }).fill('3');
    await expect(row.locator('td').nth(3)).toContainText('3·3·3·8 + 8 = 224');
  });

  test('un enlace compartido reabre la pila', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(LESSON);
    const fig = await widget(page, 'formas');
    await fig.getByRole('button', { name: 'Quitar la capa 2' }).click();
    await fig.getByLabel('Tipo de capa').selectOption('avgPool2d');
    await fig.getByRole('button', { name: 'Añadir capa' }).click();
    await fig.getByLabel('Alto', { exact: true }).fill('32');
    const shapes = await fig.locator('tbody .sc-shape').allInnerTexts();
    expect(shapes).toHaveLength(7);
    await fig.getByRole('button', { name: 'Compartir' }).click();
    await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain('w-formas=');
    const other = await context.newPage();
    await other.goto(url);
    const fig2 = await widget(other, 'formas');
    await expect(fig2.locator('tbody .sc-shape')).toHaveText(shapes);
    await expect(fig2.getByLabel('Alto', { exact: true })).toHaveValue('32');
    await other.close();
  });
});

test('en un móvil los cuatro widgets caben sin desbordar la página', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  for (const id of ['convolucion', 'pooling', 'softmax', 'formas']) await widget(page, id);
  await expect(page.locator('#pooling .px-calc')).toHaveText(/= /, { timeout: 20_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
