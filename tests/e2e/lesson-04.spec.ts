import { expect, freezeClock, test, widget } from './fixtures';

// Lesson 04: the layer calculator (4 inputs → 3 neurons). Defaults are the worked example:
// Net = (1,5; 2,5; −0,5), Y = ReLU(Net) = (1,5; 2,5; 0).
const LESSON = '/lecciones/capas-y-matrices/';

const netCells = (fig: import('@playwright/test').Locator) => fig.locator('.lc-eq').first().locator('.lc-outcell');

test('la calculadora se activa con el ejemplo de la lección', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  await expect(fig.getByRole('textbox', { name: /^Peso w/ })).toHaveCount(12);
  await expect(fig.getByRole('textbox', { name: /^Entrada x/ })).toHaveCount(4);
  await expect(fig.getByRole('textbox', { name: /^Sesgo b/ })).toHaveCount(3);
  await expect(netCells(fig)).toHaveText(['1,5', '2,5', '−0,5']);
  await expect(fig.locator('.lc-result')).toHaveText('Resultado: Net = (1,5; 2,5; −0,5) e Y = ReLU(Net) = (1,5; 2,5; 0).');
  await expect(fig.locator('svg.lc-diagram')).toHaveAttribute('aria-label', /12 conexiones/);
});

test('cambiar un peso cambia solo su neurona; cambiar una entrada cambia las tres', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  // w₃₄: 1 → 3 adds (3 − 1)·x₄ = 2·0,5 = 1 to net₃ only.
  await fig.getByLabel('Peso w₃₄').fill('3');
  await expect(netCells(fig)).toHaveText(['1,5', '2,5', '0,5']);
  await expect(fig.locator('.lc-result')).toContainText('Y = ReLU(Net) = (1,5; 2,5; 0,5)');
  await expect(fig.locator('.lc-sums')).toContainText('net₃ = (−0,5)(2) + (1)(1) + (1)(−1) + (3)(0,5) + 0 = 0,5');
  // x₁: 2 → 0 removes w_j1·2 = (1; 2; −1) from each net.
  await fig.getByLabel('Entrada x₁').fill('0');
  await expect(netCells(fig)).toHaveText(['0,5', '0,5', '1,5']);
  // The decimal comma is accepted, and so is the activation change.
  await fig.getByLabel('Sesgo b₁').fill('-1,5');
  await fig.getByLabel('Función de activación φ').selectOption('linear');
  await expect(fig.locator('.lc-result')).toHaveText('Resultado: Net = (−1,5; 0,5; 1,5) e Y = lineal(Net) = (−1,5; 0,5; 1,5).');
});

test('los pasos mueven el resaltado y la suma parcial', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  const w11 = fig.getByLabel('Peso w₁₁');
  const w12 = fig.getByLabel('Peso w₁₂');
  const current = fig.locator('.lc-sum.is-cur');
  const next = fig.getByRole('button', { name: 'Paso siguiente' });
  await expect(fig.getByRole('button', { name: 'Paso anterior' })).toBeDisabled();
  await next.click();
  await expect(fig.locator('.lc-counter')).toHaveText('Paso 1 de 18');
  await expect(w11).toHaveClass(/is-cur/);
  await expect(fig.getByLabel('Entrada x₁')).toHaveClass(/is-cur/);
  await expect(current).toHaveText('net₁ = (0,5)(2) = 1');
  await expect(netCells(fig)).toHaveText(['1', '·', '·']);
  await next.click();
  await expect(w12).toHaveClass(/is-cur/);
  await expect(w11).not.toHaveClass(/is-cur/);
  await expect(w11).toHaveClass(/is-row/);
  await expect(fig.getByLabel('Peso w₂₁')).not.toHaveClass(/is-row/);
  await expect(current).toHaveText('net₁ = (0,5)(2) + (−1)(1) = 0');
  await expect(fig.locator('.lc-words')).toContainText('el peso w₁₂ = −1 multiplica a la entrada x₂ = 1');
  // Three more steps: the bias of neuron 1.
  for (let k = 0; k < 3; k++) await next.click();
  await expect(fig.getByLabel('Sesgo b₁')).toHaveClass(/is-cur/);
  await expect(current).toHaveText('net₁ = (0,5)(2) + (−1)(1) + (0)(−1) + (2)(0,5) + 0,5 = 1,5');
  await fig.getByRole('button', { name: 'Paso anterior' }).click();
  await expect(fig.getByLabel('Peso w₁₄')).toHaveClass(/is-cur/);
  await fig.getByRole('button', { name: 'Vista completa' }).click();
  await expect(fig.locator('.lc-counter')).toHaveText('18 operaciones en total');
  await expect(fig.locator('.lc-eq .is-cur')).toHaveCount(0);
  await expect(netCells(fig)).toHaveText(['1,5', '2,5', '−0,5']);
  // The last step is the activation of neuron 3.
  await page.goto(`${LESSON}?w-capa=step:18`);
  const fig2 = await widget(page, 'capa');
  await expect(fig2.locator('.lc-words')).toHaveText('Paso 18 de 18. Activación de la neurona 3: y₃ = φ(net₃) = ReLU(−0,5) = 0.');
  await expect(fig2.getByRole('button', { name: 'Paso siguiente' })).toBeDisabled();
});

test('pasar el puntero o el foco por una casilla resalta sus conexiones', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  await netCells(fig).nth(1).hover();
  for (let i = 1; i <= 4; i++) await expect(fig.getByLabel(`Peso w₂${'₀₁₂₃₄'[i]}`)).toHaveClass(/is-hover/);
  await expect(fig.getByLabel('Peso w₁₁')).not.toHaveClass(/is-hover/);
  await expect(fig.getByLabel('Sesgo b₂')).toHaveClass(/is-hover/);
  await expect(fig.locator('svg.lc-diagram')).toHaveAttribute('aria-label', /Resaltada la neurona 2/);
  // Keyboard: focusing w₃₁ lights up x₁ and the output of neuron 3.
  await page.mouse.move(0, 0);
  await fig.getByLabel('Peso w₃₁').focus();
  await expect(fig.getByLabel('Entrada x₁')).toHaveClass(/is-hover/);
  await expect(fig.getByLabel('Entrada x₂')).not.toHaveClass(/is-hover/);
  await expect(netCells(fig).nth(2)).toHaveClass(/is-hover/);
  await expect(fig.locator('svg.lc-diagram')).toHaveAttribute('aria-label', /conexión de x₁ a la neurona 3/);
});

test('reproducir avanza solo y se puede pausar', async ({ page }) => {
  await page.clock.install();
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  const counter = fig.locator('.lc-counter');
  await expect(counter).toHaveText('18 operaciones en total');
  await freezeClock(page);
  // «Reproducir» takes the first step at once, then one every 900 ms of clock time.
  await fig.getByRole('button', { name: 'Reproducir' }).click();
  await expect(fig.getByRole('button', { name: 'Pausa' })).toHaveAttribute('aria-pressed', 'true');
  await expect(counter).toHaveText(/Paso 1 de 18/);
  await page.clock.runFor(900);
  await expect(counter).toHaveText(/Paso 2 de 18/);
  await page.clock.runFor(1800);
  await expect(counter).toHaveText(/Paso 4 de 18/);
  // Paused: the button says so, and five more seconds of clock time change nothing.
  await fig.getByRole('button', { name: 'Pausa' }).click();
  await expect(fig.getByRole('button', { name: 'Reproducir' })).toHaveAttribute('aria-pressed', 'false');
  await page.clock.runFor(5000);
  await expect(counter).toHaveText(/Paso 4 de 18/);
});

test('ver como Wᵀ recoloca los pesos y no cambia Net', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  const w11 = fig.getByLabel('Peso w₁₁');
  const w21 = fig.getByLabel('Peso w₂₁');
  let a = (await w11.boundingBox())!;
  let b = (await w21.boundingBox())!;
  expect(b.y).toBeGreaterThan(a.y + 10); // one row per neuron: w₂₁ below w₁₁
  await fig.getByLabel('Ver como Wᵀ').check();
  await expect(fig.locator('.lc-eqname')).toContainText('Net = Vᵀ x + b');
  await expect(netCells(fig)).toHaveText(['1,5', '2,5', '−0,5']);
  a = (await w11.boundingBox())!;
  b = (await w21.boundingBox())!;
  expect(Math.abs(b.y - a.y)).toBeLessThan(2); // one column per neuron: w₂₁ beside w₁₁
  expect(b.x).toBeGreaterThan(a.x + 10);
  // Stepping through neuron 2 walks down column 2.
  await page.goto(`${LESSON}?w-capa=wt:1;step:7`);
  const fig2 = await widget(page, 'capa');
  await expect(fig2.getByLabel('Peso w₂₂')).toHaveClass(/is-cur/);
  await expect(netCells(fig2)).toHaveText(['1,5', '2,5', '·']);
});

test('aleatorio con semilla repite los mismos valores', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  const seed = fig.getByLabel('Semilla');
  await seed.fill('7');
  await fig.getByRole('button', { name: 'Aleatorio' }).click();
  await expect(fig.locator('.lc-status')).toContainText('semilla 7');
  await expect(seed).toHaveValue('8');
  const first = await fig.locator('.lc-result').innerText();
  expect(first).not.toContain('(1,5; 2,5; −0,5)');
  await fig.getByRole('button', { name: 'Aleatorio' }).click();
  await expect(fig.locator('.lc-result')).not.toHaveText(first);
  await seed.fill('7');
  await fig.getByRole('button', { name: 'Aleatorio' }).click();
  await expect(fig.locator('.lc-result')).toHaveText(first);
});

test('las flechas del teclado cambian una casilla en 0,1', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  const b3 = fig.getByLabel('Sesgo b₃');
  await b3.focus();
  await page.keyboard.press('ArrowUp');
  await expect(b3).toHaveValue('0,1');
  await expect(netCells(fig)).toHaveText(['1,5', '2,5', '−0,4']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(b3).toHaveValue('−0,1');
});

test('un enlace compartido reabre la capa con los mismos x, W, b y activación', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, 'capa');
  await fig.getByLabel('Entrada x₂').fill('-1.5');
  await fig.getByLabel('Peso w₂₃').fill('2,5');
  await fig.getByLabel('Sesgo b₂').fill('0.25');
  await fig.getByLabel('Función de activación φ').selectOption('sigmoid');
  const shown = await fig.locator('.lc-result').innerText();
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('w-capa=');
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, 'capa');
  await expect(fig2.getByLabel('Función de activación φ')).toHaveValue('sigmoid');
  await expect(fig2.getByLabel('Entrada x₂')).toHaveValue('−1,5');
  await expect(fig2.getByLabel('Peso w₂₃')).toHaveValue('2,5');
  await expect(fig2.getByLabel('Sesgo b₂')).toHaveValue('0,25');
  await expect(fig2.locator('.lc-result')).toHaveText(shown);
  await other.close();
});
