import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { axeViolations, chooseFiles, expect, test, widget } from './fixtures';

// Lesson 10: the CNN trainer (Worker + tfjs, curves, confusion matrix, «tu modelo») and the
// try-it widget (drawing pad, probabilities, feature maps of every layer).
const LESSON = '/lecciones/entrenar-una-cnn/';
// Small, quick runs: 1 000 training digits in batches of 64.
const QUICK = '?w-entrenador=examples:1000;batch:64';

test.describe.configure({ timeout: 180_000 });

const num = async (el: Locator, attr: string): Promise<number> => Number(await el.getAttribute(attr));

async function ready(page: Page, query = ''): Promise<Locator> {
  await page.goto(LESSON + query);
  const fig = await widget(page, 'entrenador');
  const root = fig.locator('tinyml-cnn-trainer');
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  return root;
}

test('el entrenador entrena unos segundos y la exactitud supera el azar', async ({ page }) => {
  const root = await ready(page, QUICK);
  await expect(root.locator('.ct-status')).toContainText(/Motor: (WebGL|WebAssembly|JavaScript)/);
  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'training');
  // Settings are locked while a model exists.
  await expect(root.getByLabel('Filtros de conv1')).toBeDisabled();
  await expect.poll(async () => num(root, 'data-recent-acc'), { timeout: 90_000, intervals: [500] }).toBeGreaterThan(0.2);
  const shown = await root.locator('.ct-recent-acc').innerText();
  expect(Number(shown.replace(/[^\d,]/g, '').replace(',', '.'))).toBeGreaterThan(20);
  await root.getByRole('button', { name: 'Pausa' }).click();
  await expect(root).toHaveAttribute('data-phase', 'paused', { timeout: 60_000 });
  // After a pause: confusion matrix over the 1 000 validation digits (held out of training; the
  // 2 000 test digits are kept for the end of the run), mistakes, and the curves drawn.
  const cells = root.locator('.ct-matrix td');
  await expect(cells).toHaveCount(100);
  const counts = await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
  await expect(root.locator('.ct-matrix-text')).toContainText(/^Matriz de confusión sobre 1\u202f000 dígitos de validación: acertó/);
  await expect(root.getByRole('heading', { name: 'Matriz de confusión (dígitos de validación)' })).toBeVisible();
  expect(await num(root, 'data-val-acc')).toBeGreaterThan(0.2);
  expect(await root.getAttribute('data-test-acc')).toBeNull();
  await expect(root.locator('.ct-test-acc')).toHaveText('— (se mide una vez, al terminar)');
  await expect(root.locator('.ct-miss').first()).toBeVisible();
  await expect(root.locator('.ct-chart svg')).toHaveCount(2);
  await expect(root.locator('.ct-chart').first()).toHaveAttribute('aria-label', /Curva de pérdida\. Tras/);
  // The model summary lists the six layers with the hand-checked totals.
  await root.getByText('Resumen del modelo').click();
  await expect(root.locator('.ct-layers tbody tr')).toHaveCount(6);
  await expect(root.locator('.ct-summary')).toContainText('9\u202f098 parámetros');
  expect(await num(root, 'data-samples-per-sec')).toBeGreaterThan(0);
  // The results (coloured matrix, curves, gallery) pass axe in both themes.
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.getByRole('button', { name: /tema oscuro/i }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    expect(await axeViolations(page, ['#entrenador']), `axe (${theme})`).toEqual([]);
  }
});

test('modo proyector: con el entrenador enfocado, la barra espaciadora entrena y pausa', async ({ page }) => {
  // «▶ Entrenar» and «Pausa» carry data-step="play": Space clicks the first enabled one (lib/widget/keys).
  const root = await ready(page, `${QUICK}&proyector=1`);
  await expect(page.locator('html')).toHaveAttribute('data-proyector', '');
  await page.locator('figure#entrenador .widget-title').click();
  await page.keyboard.press(' ');
  await expect(root).toHaveAttribute('data-phase', 'training');
  await expect(root.getByRole('button', { name: 'Pausa' })).toBeEnabled();
  await page.keyboard.press(' ');
  await expect(root).toHaveAttribute('data-phase', 'paused', { timeout: 60_000 });
  // Space again resumes: the start button is now «▶ Seguir».
  await expect(root.getByRole('button', { name: '▶ Seguir' })).toBeEnabled();
  await page.keyboard.press(' ');
  await expect(root).toHaveAttribute('data-phase', 'training');
  await root.getByRole('button', { name: 'Pausa' }).click();
  await expect(root).toHaveAttribute('data-phase', 'paused', { timeout: 60_000 });
});

test('cinco ciclos de entrenar y reiniciar dejan el mismo número de tensores', async ({ page }) => {
  const root = await ready(page, QUICK);
  const start = await num(root, 'data-num-tensors');
  for (let cycle = 1; cycle <= 5; cycle++) {
    await root.getByRole('button', { name: '▶ Entrenar' }).click();
    await expect.poll(async () => num(root, 'data-samples'), { timeout: 60_000, intervals: [200] }).toBeGreaterThan(128);
    await root.getByRole('button', { name: '↺ Reiniciar' }).click();
    await expect(root).toHaveAttribute('data-resets', String(cycle), { timeout: 30_000 });
    await expect(root).toHaveAttribute('data-phase', 'ready');
    expect(await num(root, 'data-num-tensors'), `ciclo ${cycle}`).toBe(start);
    await expect(root.getByLabel('Filtros de conv1')).toBeEnabled();
  }
});

test('al terminar guarda «tu modelo»: la prueba lo usa, se descarga y se vuelve a cargar', async ({ page }, info) => {
  const root = await ready(page, '?w-entrenador=examples:500;batch:64;epochs:1');
  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 90_000 });
  await expect(root.locator('.ct-store-msg')).toContainText('guardado como «tu modelo»');
  // The end of the run, and only it, is measured on the 2 000 test digits.
  await expect(root.locator('.ct-matrix-text')).toContainText(/^Matriz de confusión sobre 2\u202f000 dígitos de prueba: acertó/);
  const counts = await root.locator('.ct-matrix td').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
  const testAcc = await num(root, 'data-test-acc');
  expect(testAcc).toBeGreaterThan(0.2);
  expect(await num(root, 'data-result-exactitud-prueba')).toBeCloseTo(100 * testAcc, 9);
  const tryFig = await widget(page, 'prueba');
  const tryRoot = tryFig.locator('tinyml-cnn-try');
  await expect(tryRoot).toHaveAttribute('data-model-source', 'propio', { timeout: 30_000 });
  await expect(tryRoot.locator('.cy-status')).toContainText('Modelo en uso: «tu modelo»');
  // Switch to the default model and back.
  await tryRoot.getByRole('button', { name: 'Usar el modelo por defecto' }).click();
  await expect(tryRoot).toHaveAttribute('data-model-source', 'defecto');
  await tryRoot.getByRole('button', { name: 'Usar tu modelo' }).click();
  await expect(tryRoot).toHaveAttribute('data-model-source', 'propio');

  // Download: two files, the .json naming the .bin.
  const downloads: string[] = [];
  page.on('download', async (d) => {
    const path = info.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    downloads.push(path);
  });
  await root.getByRole('button', { name: 'Descargar «tu modelo»' }).click();
  await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
  const jsonPath = downloads.find((p) => p.endsWith('.json'))!;
  const model = JSON.parse(await readFile(jsonPath, 'utf8'));
  expect(model.weightsManifest[0].paths).toEqual(['./tu-modelo.weights.bin']);

  // A wrong pick gets a Spanish message; the right pair loads back.
  const upload = root.getByRole('button', { name: 'Cargar un modelo descargado' });
  await chooseFiles(page, upload, [jsonPath]);
  await expect(root.locator('.ct-store-msg')).toHaveText(/Falta el archivo de pesos/);
  const binPath = downloads.find((p) => p.endsWith('.bin'))!;
  await chooseFiles(page, upload, [
    { name: 'tu-modelo.json', mimeType: 'application/json', buffer: Buffer.from('{roto') },
    { name: 'tu-modelo.weights.bin', mimeType: 'application/octet-stream', buffer: await readFile(binPath) },
  ]);
  await expect(root.locator('.ct-store-msg')).toHaveText(/no es un JSON válido/);
  await chooseFiles(page, upload, downloads);
  await expect(root.locator('.ct-store-msg')).toContainText('Modelo cargado y guardado', { timeout: 30_000 });
  await expect(root.locator('.ct-summary')).toContainText('Modelo cargado desde archivos');
  await expect(root.locator('.ct-matrix td')).toHaveCount(100);
});

test.describe('prueba tu CNN', () => {
  test('dibujar con el puntero da probabilidades que suman 1 y mapas de cada capa', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'prueba');
    const root = fig.locator('tinyml-cnn-try');
    await expect(root).toHaveAttribute('data-model-source', 'defecto', { timeout: 60_000 });
    await expect(root.locator('.cy-status')).toContainText('el modelo por defecto del curso, exactitud de prueba');
    await expect(root.getByRole('button', { name: 'Usar tu modelo' })).toBeDisabled();
    // A test digit is shown first: every map is there.
    await expect(root.locator('[data-layer="conv1"] canvas')).toHaveCount(8);
    await expect(root.locator('[data-layer="pool1"] canvas')).toHaveCount(8);
    await expect(root.locator('[data-layer="conv2"] canvas')).toHaveCount(16);
    await expect(root.locator('[data-layer="pool2"] canvas')).toHaveCount(16);
    await expect(root.locator('[data-layer="flatten"] canvas')).toHaveCount(1);
    await expect(root.locator('[data-layer="conv1"] [role="img"]')).toHaveAttribute('aria-label', /El mapa más activo es el \d+/);
    const first = await root.getAttribute('data-prediction');
    expect(first).toMatch(/^\d$/);

    // Draw a 7 with the mouse (pointer events on the pad).
    const pad = root.locator('canvas.cy-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const at = (x: number, y: number): [number, number] => [box.x + x * box.width, box.y + y * box.height];
    await page.mouse.move(...at(0.25, 0.2));
    await page.mouse.down();
    await page.mouse.move(...at(0.75, 0.2), { steps: 10 });
    await page.mouse.move(...at(0.4, 0.85), { steps: 12 });
    await page.mouse.up();
    await expect(root.locator('.cy-note').first()).toContainText('Tu dibujo');
    await expect.poll(async () => Math.abs(Number(await root.getAttribute('data-prob-sum')) - 1)).toBeLessThan(1e-3);
    await expect(root.locator('.cy-probs li')).toHaveCount(10);
    await expect(root.locator('.cy-total')).toContainText('Suma de las diez: 100 %');
    await expect(root.locator('.cy-verdict')).toContainText('El modelo');

    // Clearing the pad leaves nothing to classify.
    await root.getByRole('button', { name: 'Borrar' }).click();
    await expect(root.locator('.cy-verdict')).toHaveText('No hay nada que clasificar: el recuadro está vacío.');

    // Keyboard-free alternative: choose test digits.
    const index = root.getByLabel('Dígito de prueba (0 a 1999)');
    await index.fill('5');
    await expect(root.locator('.cy-input + .cy-note')).toContainText('Dígito de prueba nº 5');
    await root.getByRole('button', { name: 'Siguiente ▶' }).click();
    await expect(root.locator('.cy-input + .cy-note')).toContainText('Dígito de prueba nº 6');
    await expect.poll(async () => Math.abs(Number(await root.getAttribute('data-prob-sum')) - 1)).toBeLessThan(1e-3);
  });
});
