import { test, expect, axeViolations, type Watch } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Notebook cells (issue 14): the sandbox's walls, every output kind, errors with their line,
 * runaway loops stopped by «Detener» and by the time limit while the page stays responsive,
 * shared state and «Ejecutar todo», the checker, edits kept across a reload, the lazy load of
 * the editor, and axe on a lesson with cells. Waits only on data-phase / data-runs.
 */

const cell = (page: Page, id: string) => page.locator(`figure[data-celda="${id}"]`);

async function run(page: Page, id: string, phase: string | RegExp = 'ok') {
  const c = cell(page, id);
  const runs = Number((await c.getAttribute('data-runs')) ?? '0');
  await c.getByRole('button', { name: 'Ejecutar', exact: true }).click();
  await expect(c).toHaveAttribute('data-runs', String(runs + 1), { timeout: 30_000 });
  await expect(c).toHaveAttribute('data-phase', phase);
  return c;
}

/** The CSP reports of the walls test are expected console errors, not failures. */
function forgetCspReports(watch: Watch): void {
  watch.errors = watch.errors.filter((e) => !/Content Security Policy|Refused to|ERR_|WebSocket|Failed to load/i.test(e));
}

test('cells: outputs, errors, walls, loops, shared state, checker, reload', async ({ page, watch }) => {
  test.setTimeout(120_000);
  await page.goto('/pruebas/celdas/');
  const first = cell(page, 'salidas');
  await expect(first).toHaveAttribute('data-phase', 'ready');

  // Every output kind, and the last expression's value.
  const out = first.locator('[data-celda-output]');
  await run(page, 'salidas');
  await expect(out.locator('pre.celda-text').first()).toHaveText('hola 4');
  await expect(out.locator('table th')).toHaveText(['x', 'y']);
  await expect(out.locator('table td')).toHaveText(['1', '2', '2', '4']);
  await expect(out.locator('.celda-tensor-head')).toHaveText('Tensor · forma [2, 3] · float32');
  await expect(out.locator('.celda-tensor-values')).toHaveText('[[1, 2, 3],\n [4, 5, 6]]');
  await expect(out.locator('.celda-image canvas')).toHaveAttribute('aria-label', 'Imagen de 28 × 28 píxeles: rampa');
  // The ramp goes from 0 (black) at the left to 1 (white) at the right.
  expect(await out.locator('.celda-image canvas').evaluate((cv: HTMLCanvasElement) => [...cv.getContext('2d')!.getImageData(0, 0, 28, 1).data].filter((_, i) => i % 4 === 0).filter((_, i) => i === 0 || i === 27))).toEqual([0, 255]);
  await expect(out.locator('[data-out="plot"]')).toHaveAttribute('data-ready', '1');
  await expect(out.locator('[data-out="plot"] svg g[data-mark="line"] path')).toHaveAttribute('d', /^M.+L.+L.+L/);
  await expect(out.locator('pre.celda-text').last()).toHaveText('float32');
  await expect(first.locator('[data-celda-status]')).toHaveText(/^Ejecutada en \d/);

  // A runtime error names its line in the student's code.
  const err = await run(page, 'error-linea', 'error');
  await expect(err.locator('.celda-error')).toHaveAttribute('data-line', '3');
  await expect(err.locator('.celda-error-msg')).toHaveText("Línea 3: no se puede leer «propiedad» de null");
  await expect(err.locator('pre.celda-text')).toHaveCount(0);
  // …and the editor marks that line.
  await expect(err.locator('.cm-line[data-error-line]')).toHaveText('null.propiedad;');
  // Every output kind and the error box pass axe.
  expect(await axeViolations(page, ['figure[data-celda="salidas"]', 'figure[data-celda="error-linea"]'])).toEqual([]);

  // The sandbox's walls.
  const walls = await run(page, 'muros');
  await expect(walls.locator('table td:nth-child(1)')).toHaveText(['fetch', 'xhr', 'websocket', 'importScripts', 'localStorage', 'cookie', 'parentDocument', 'indexedDB']);
  await expect(walls.locator('table td:nth-child(2)')).toHaveText(Array(8).fill('falla'));
  forgetCspReports(watch);

  // A cell run alone that needs an earlier one says which; «Ejecutar todo» runs them in order.
  // (The runtime is fresh here only if nothing defined base yet: run «usa» first.)
  const usa = await run(page, 'usa', 'error');
  await expect(usa.locator('.celda-error-hint')).toHaveText('«doble» se define en la celda «Define base», más arriba. Ejecútala antes (o pulsa «Ejecutar todo»).');
  await run(page, 'define');
  await run(page, 'usa');
  await expect(usa.locator('pre.celda-text')).toHaveText('42');

  // Tensors made by a run are released; those a top-level name holds stay (one, 3 values).
  const t = await run(page, 'tensores');
  const before1 = Number(await t.getAttribute('data-tensors-before'));
  const after1 = Number(await t.getAttribute('data-tensors'));
  // 22 tensors were made (ones, 20 adds, sum); only «guardado» is left.
  expect(after1).toBe(before1 + 1);
  await run(page, 'tensores');
  expect(Number(await t.getAttribute('data-tensors'))).toBe(after1);
  await expect(t.locator('pre.celda-text')).toHaveText('3');

  // «Detener» stops while (true) {}; meanwhile the page answers (another cell's button works).
  const loop = cell(page, 'bucle');
  await loop.getByRole('button', { name: 'Ejecutar', exact: true }).click();
  await expect(loop).toHaveAttribute('data-phase', 'running');
  await first.getByRole('button', { name: 'Restaurar' }).click();
  await expect(first.locator('[data-celda-status]')).toHaveText('Código original restaurado.');
  await loop.getByRole('button', { name: 'Detener' }).click();
  await expect(loop).toHaveAttribute('data-phase', 'stopped');
  // The time limit stops it too (this cell's limit is 0,5 s).
  const short = await run(page, 'bucle-corto', 'timeout');
  await expect(short.locator('.celda-stopped')).toHaveText(/superado su límite de 0,5 s/);
  // A fresh runtime: the state is gone, the cells run again.
  await run(page, 'usa', 'error');

  // The checker names the failing case, then passes a right answer and remembers it.
  const ex = cell(page, 'rms-ventana');
  await ex.getByRole('button', { name: 'Comprobar' }).click();
  await expect(ex.locator('[data-celda-verdict]')).toHaveText(/^Caso 1 de 5: rms\(\[3, 4\]\) debería dar 3\.5355, pero tu función da 0/);
  await ex.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('function rms(x) {\nlet s = 0;\nfor (const v of x) s += v * v;\nreturn Math.sqrt(s / x.length);\n');
  await ex.getByRole('button', { name: 'Comprobar' }).click();
  await expect(ex.locator('[data-celda-verdict]')).toHaveText('✓ ¡Superado! Tu código acierta los 5 casos de prueba.');
  await expect(ex.locator('[data-celda-passed]')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('tinyml:ejercicios:pruebas-celdas'))).toBe('{"rms-ventana":true}');

  // Edits survive a reload; «Restaurar» brings the original back.
  await page.reload();
  await expect(ex).toHaveAttribute('data-phase', 'ready');
  await expect(ex.locator('.cm-content')).toContainText('Math.sqrt(s / x.length)');
  await expect(ex.locator('[data-celda-passed]')).toBeVisible();
  await ex.getByRole('button', { name: 'Restaurar' }).click();
  await expect(ex.locator('.cm-content')).toContainText('return 0;');
  expect(await page.evaluate(() => localStorage.getItem('tinyml:celda:pruebas-celdas:rms-ventana'))).toBeNull();

  // «Ejecutar todo» runs every cell in order and stops at the first that fails (error-linea).
  await cell(page, 'define').getByRole('button', { name: 'Ejecutar todo' }).click();
  await expect(cell(page, 'error-linea')).toHaveAttribute('data-phase', 'error');
  await expect(cell(page, 'define').locator('[data-celda-status]')).toHaveText('«Ejecutar todo» se ha parado en la celda «Un error en la línea 3».');
  await expect(cell(page, 'salidas')).toHaveAttribute('data-phase', 'ok');
  await expect(cell(page, 'muros')).not.toHaveAttribute('data-phase', 'running');
  forgetCspReports(watch);
});

test('a lesson with a cell: the editor loads only near the cell; axe clean', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto('/lecciones/perceptron-and-xor/');
  const c = cell(page, 'paso-perceptron');
  // The server-rendered code reads without JavaScript; the toolbar waits for the editor.
  await expect(c.locator('[data-celda-source] pre')).toContainText('function actualizar(w, b, x, d, alfa)');
  await expect(c.locator('[data-celda-toolbar]')).toBeHidden();
  await page.evaluate(() => document.fonts.ready);
  expect(requested.filter((p) => /celda-view|celda-runtime|sandbox/.test(p))).toEqual([]);
  await c.scrollIntoViewIfNeeded();
  await expect(c).toHaveAttribute('data-phase', 'ready');
  expect(requested.some((p) => /\/_astro\/celda-view\.[\w-]+\.js$/.test(p))).toBe(true);
  // Mounting the editor does not start the sandbox; the first interaction does.
  expect(requested.filter((p) => /celda-runtime|sandbox/.test(p))).toEqual([]);
  await expect(c.locator('.cm-content')).toHaveAttribute('aria-label', 'Código de la celda «Escribe un paso del perceptrón»');
  expect(await axeViolations(page, ['figure[data-celda]'])).toEqual([]);
});
