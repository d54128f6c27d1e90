import type { Locator, Page } from '@playwright/test';
import { expect, test, widget } from './fixtures';

// Lesson 08: the pixel inspector and the filter gallery, on the real MNIST file.
const LESSON = '/lecciones/como-ve-un-computador/';

/** The 784 bytes on show, read back from the real-size (28×28) canvas of the inspector. */
const shownBytes = (fig: Locator): Promise<number[]> =>
  fig.locator('canvas.pi-thumb').evaluate((c) => {
    const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
    return Array.from({ length: 784 }, (_, i) => d[i * 4]!);
  });
const nonZero = async (fig: Locator): Promise<number> => (await shownBytes(fig)).filter((v) => v > 0).length;
/** Distinct colours on a canvas: more than a couple means it shows an image, not a blank. */
const colours = (canvas: Locator): Promise<number> =>
  canvas.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const d = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    const set = new Set<string>();
    for (let i = 0; i < d.length; i += 4) set.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return set.size;
  });

async function drawSeven(page: Page, canvas: Locator): Promise<void> {
  await canvas.scrollIntoViewIfNeeded();
  const b = (await canvas.boundingBox())!;
  const at = (x: number, y: number): [number, number] => [b.x + b.width * x, b.y + b.height * y];
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  await page.mouse.move(...at(0.75, 0.2), { steps: 10 });
  await page.mouse.move(...at(0.4, 0.85), { steps: 12 });
  await page.mouse.up();
}

test.describe('inspector de píxeles', () => {
  test('se activa con un dígito real y muestra sus números', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'pixeles');
    const readout = fig.locator('.pi-readout');
    await expect(readout).toHaveText('Fila 10, columna 16: 144 (normalizado: 0,56).');
    await expect(fig.locator('.pi-about')).toContainText('un siete (etiqueta 7)');
    const bytes = await shownBytes(fig);
    expect(bytes.filter((v) => v > 0)).toHaveLength(146);
    expect(bytes[10 * 28 + 16]).toBe(144);
    expect(await colours(fig.locator('canvas.pi-canvas'))).toBeGreaterThan(20);
    await expect(fig.locator('.pi-mag-cell.is-focus')).toHaveText('144');
    await expect(fig.getByRole('application')).toHaveAccessibleDescription('Fila 10, columna 16: 144 (normalizado: 0,56).');
  });

  test('el teclado mueve la celda activa y cambia la lectura', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'pixeles');
    const readout = fig.locator('.pi-readout');
    await expect(readout).toContainText('Fila 10, columna 16');
    const grid = fig.getByRole('application');
    await grid.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(readout).toHaveText('Fila 10, columna 15: 0 (normalizado: 0).');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(readout).toHaveText('Fila 9, columna 17: 253 (normalizado: 0,99).');
    await expect(fig.locator('.pi-mag-cell.is-focus')).toHaveText('253');
    await page.keyboard.press('Control+Home');
    await expect(readout).toHaveText('Fila 0, columna 0: 0 (normalizado: 0).');
    // The magnifier follows: its first column header is now 0.
    await expect(fig.locator('.pi-mag-head').first()).toHaveText('0');
    // The mouse does the same by hovering: the centre of the cell at row 5, column 9.
    const box = (await fig.locator('canvas.pi-canvas').boundingBox())!;
    await page.mouse.move(box.x + (box.width * 9.5) / 28, box.y + (box.height * 5.5) / 28);
    await expect(readout).toHaveText('Fila 5, columna 9: 199 (normalizado: 0,78).');
  });

  test('los valores normalizados y «Otro dígito»', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'pixeles');
    await expect(fig.locator('.pi-readout')).toContainText('144');
    await fig.getByLabel('Valores normalizados (0 a 1)').check();
    await expect(fig.locator('.pi-mag-cell.is-focus')).toHaveText('0,56');
    await expect(fig.locator('.pi-mag-cell').first()).toHaveText('0,16'); // row 7, column 13: 40/255
    const index = fig.getByLabel('Imagen de prueba (0 a 1999)');
    await fig.getByRole('button', { name: 'Otro dígito' }).click();
    await expect(index).not.toHaveValue('3');
    await expect(fig.locator('.pi-about')).toContainText(`Imagen ${await index.inputValue()} del conjunto de prueba`);
  });

  test('dibujar con el puntero cambia los píxeles', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'pixeles');
    await expect(fig.locator('.pi-readout')).toContainText('144');
    await fig.getByLabel('Imagen', { exact: true }).selectOption('draw');
    await expect(fig.locator('.pi-about')).toContainText('todavía está en blanco');
    expect(await nonZero(fig)).toBe(0);
    await drawSeven(page, fig.locator('canvas.pi-pad-canvas'));
    await expect(fig.locator('.pi-about')).toContainText('Tu dibujo, escalado y centrado');
    const inked = await nonZero(fig);
    expect(inked).toBeGreaterThan(60);
    expect(inked).toBeLessThan(300);
    await fig.getByRole('button', { name: 'Borrar' }).click();
    await expect.poll(() => nonZero(fig)).toBe(0);
  });

  test('el enlace compartido reabre el mismo dígito y la misma celda', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(LESSON);
    const fig = await widget(page, 'pixeles');
    await fig.getByLabel('Imagen de prueba (0 a 1999)').fill('42');
    await fig.getByLabel('Valores normalizados (0 a 1)').check();
    await fig.getByRole('application').focus();
    await page.keyboard.press('PageDown');
    const readout = await fig.locator('.pi-readout').innerText();
    const about = await fig.locator('.pi-about').innerText();
    await fig.getByRole('button', { name: 'Compartir' }).click();
    await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain('w-pixeles=');
    const other = await context.newPage();
    await other.goto(url);
    const fig2 = await widget(other, 'pixeles');
    await expect(fig2.getByLabel('Imagen de prueba (0 a 1999)')).toHaveValue('42');
    await expect(fig2.getByLabel('Valores normalizados (0 a 1)')).toBeChecked();
    await expect(fig2.locator('.pi-readout')).toHaveText(readout);
    await expect(fig2.locator('.pi-about')).toHaveText(about);
    await other.close();
  });
});

test.describe('galería de filtros', () => {
  test('se activa con un dígito real; elegir un filtro cambia el núcleo y la salida', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'filtros');
    const out = fig.locator('canvas.fg-out');
    await expect(out).toHaveAttribute('aria-label', /^Salida de «Bordes verticales»: valores de −\d/);
    await expect(fig.locator('.fg-cap').first()).toHaveText('Imagen 0: un cinco');
    await expect(fig.getByRole('button', { name: 'Bordes verticales' })).toHaveAttribute('aria-pressed', 'true');
    const cells = fig.locator('.fg-kcell');
    await expect(cells).toHaveText(['−1', '0', '1', '−2', '0', '2', '−1', '0', '1']);
    const before = await out.getAttribute('aria-label');
    await fig.getByRole('button', { name: 'Bordes horizontales' }).click();
    await expect(cells).toHaveText(['−1', '−2', '−1', '0', '0', '0', '1', '2', '1']);
    await expect(out).toHaveAttribute('aria-label', /^Salida de «Bordes horizontales»/);
    expect(await out.getAttribute('aria-label')).not.toBe(before);
    await fig.getByRole('button', { name: 'Desenfoque' }).click();
    await expect(fig.locator('.fg-kscale')).toHaveText('1/16 ×');
    await expect(fig.locator('.fg-detects')).toContainText('suman 1');
    // The canvas really shows something: not a single flat colour.
    const colours = await out.evaluate((c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
      const set = new Set<string>();
      for (let i = 0; i < d.length; i += 4) set.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return set.size;
    });
    expect(colours).toBeGreaterThan(10);
  });

  test('la cuenta del ejemplo de la lección: imagen 3, fila 10, columna 16', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'filtros');
    await fig.getByLabel('Imagen de prueba (0 a 1999)').fill('3');
    await fig.getByLabel('Fila', { exact: true }).fill('10');
    await fig.getByLabel('Columna', { exact: true }).fill('16');
    await expect(fig.locator('.fg-probe-sum')).toHaveText(/^S\(10, 16\) = \(−1\)·\(0,00\) .* = 3,91$/);
    await fig.getByLabel('Aplicar ReLU (solo queda lo positivo)').check();
    await expect(fig.locator('.fg-probe-sum')).toContainText('con ReLU: max(0; 3,91) = 3,91');
    await expect(fig.locator('canvas.fg-out')).toHaveAttribute('aria-label', /todo lo negativo pasa a 0/);
  });

  test('los pesos de «Tu filtro» cambian la salida', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'filtros');
    await fig.getByRole('button', { name: 'Tu filtro' }).click();
    const out = fig.locator('canvas.fg-out');
    await expect(out).toHaveAttribute('aria-label', /^Salida de «Tu filtro»/);
    await expect(fig.getByLabel('Partir de un ejemplo')).toHaveValue('laplace');
    await expect(fig.locator('.fg-ksum')).toHaveText('Suma de los pesos: 0');
    const before = await out.getAttribute('aria-label');
    await fig.getByLabel('Peso en el centro').fill('-3');
    await expect(fig.locator('.fg-ksum')).toHaveText('Suma de los pesos: 1');
    await expect(fig.getByLabel('Partir de un ejemplo')).toHaveValue('');
    await expect(out).not.toHaveAttribute('aria-label', before ?? '');
    await fig.getByLabel('Partir de un ejemplo').selectOption('identity');
    await expect(fig.getByLabel('Peso en el centro')).toHaveValue('1');
    await expect(fig.getByLabel('Peso arriba', { exact: true })).toHaveValue('0');
    // Identity: the output is the input itself, from 0 to about 1.
    await expect(out).toHaveAttribute('aria-label', /valores de 0 a 1\./);
    // «Copiar y editar» starts «Tu filtro» from a classic filter.
    await fig.getByRole('button', { name: 'Relieve' }).click();
    await fig.getByRole('button', { name: 'Copiar y editar' }).click();
    await expect(fig.getByRole('button', { name: 'Tu filtro' })).toHaveAttribute('aria-pressed', 'true');
    await expect(fig.getByLabel('Peso arriba a la izquierda')).toHaveValue('-2');
  });

  test('el enlace compartido reabre el dígito, el filtro y ReLU', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(LESSON);
    const fig = await widget(page, 'filtros');
    await fig.getByLabel('Imagen de prueba (0 a 1999)').fill('7');
    await fig.getByRole('button', { name: 'Relieve' }).click();
    await fig.getByLabel('Aplicar ReLU (solo queda lo positivo)').check();
    const label = await fig.locator('canvas.fg-out').getAttribute('aria-label');
    await fig.getByRole('button', { name: 'Compartir' }).click();
    await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain('w-filtros=');
    const other = await context.newPage();
    await other.goto(url);
    const fig2 = await widget(other, 'filtros');
    await expect(fig2.getByRole('button', { name: 'Relieve' })).toHaveAttribute('aria-pressed', 'true');
    await expect(fig2.getByLabel('Imagen de prueba (0 a 1999)')).toHaveValue('7');
    await expect(fig2.getByLabel('Aplicar ReLU (solo queda lo positivo)')).toBeChecked();
    await expect(fig2.locator('canvas.fg-out')).toHaveAttribute('aria-label', label ?? '');
    await other.close();
  });
});

test('un archivo de datos dañado se explica en español y la página sigue funcionando', async ({ page }) => {
  await page.route('**/data/mnist-10k.bin', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'esto no es MNIST, es un texto cualquiera' }));
  await page.goto(LESSON);
  const pix = await widget(page, 'pixeles');
  await expect(pix.getByRole('alert')).toContainText('no es un archivo MNIST de este curso');
  await pix.getByLabel('Imagen', { exact: true }).selectOption('draw');
  await drawSeven(page, pix.locator('canvas.pi-pad-canvas'));
  expect(await nonZero(pix)).toBeGreaterThan(60);
  const fil = await widget(page, 'filtros');
  await expect(fil.getByRole('alert')).toContainText('no es un archivo MNIST de este curso');
  await expect(fil.locator('.fg-cap').first()).toHaveText('Figura de prueba');
  await expect(fil.locator('canvas.fg-out')).toHaveAttribute('aria-label', /^Salida de «Bordes verticales»: valores de −/);
});

test('los dos widgets descargan los datos una sola vez', async ({ page }) => {
  const hits: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/data/mnist-10k.bin')) hits.push(r.url()); });
  await page.goto(LESSON);
  await expect((await widget(page, 'pixeles')).locator('.pi-readout')).toContainText('144');
  await expect((await widget(page, 'filtros')).locator('.fg-cap').first()).toHaveText('Imagen 0: un cinco');
  expect(hits).toHaveLength(1);
});

test('en un móvil los widgets caben sin desbordar', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  for (const id of ['pixeles', 'filtros']) {
    const fig = await widget(page, id);
    const box = (await fig.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
