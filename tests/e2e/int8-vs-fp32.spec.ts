/**
 * The int8-vs-fp32 widget of lesson 13, on its test-only page /pruebas/int8-vs-fp32/ (noindex,
 * unlinked; same <Widget> mounting as a lesson): a small run converts the default CNN in the
 * browser, runs both .tflite files in LiteRT.js (wasm) and fills the tables. The fixtures fail any
 * test that logs a console error or asks another origin for anything.
 */
import type { Locator, Page } from '@playwright/test';
import { axeViolations, chooseFiles, expect, test, widget } from './fixtures';
import { intText } from '../../widgets/lib/format/number';

const PAGE = '/pruebas/int8-vs-fp32/';
const ID = 'int8-fp32';

/** Picks 200 test digits and 200 timed runs, presses the button and waits for the end. */
async function smallRun(page: Page): Promise<Locator> {
  const fig = await widget(page, ID);
  await fig.getByLabel('Dígitos de prueba para la exactitud').selectOption('200');
  await fig.getByLabel('Inferencias cronometradas por modelo').selectOption('200');
  await fig.getByRole('button', { name: 'Convertir y medir' }).click();
  const el = fig.locator('tinyml-int8-vs-fp32');
  await expect(el).toHaveAttribute('data-run', 'done', { timeout: 150_000 });
  return el;
}

test.describe('int8 frente a float32 (lección 13)', () => {
  test.setTimeout(240_000);

  test('nada pesado se descarga hasta pulsar el botón; la página no se indexa', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(PAGE);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    const fig = await widget(page, ID);
    await expect(fig.locator('tinyml-int8-vs-fp32')).toHaveAttribute('data-run', 'idle');
    // The published PTQ table is there from the start, with our row still pending.
    await expect(fig.locator('table').filter({ hasText: 'MobileNet v1' })).toContainText('69,57 %');
    expect(requests.some((p) => p.startsWith('/litert/') || p.endsWith('mnist-10k.bin') || p.includes('default-cnn'))).toBe(false);
  });

  test('una medida pequeña llena la tabla: int8 más pequeño, mismas clases, exactitud a menos de 1 punto', async ({ page }) => {
    await page.goto(PAGE);
    const el = await smallRun(page);
    const num = async (k: string): Promise<number> => Number(await el.getAttribute(`data-${k}`));
    expect(await el.getAttribute('data-model-source')).toBe('defecto');
    const fp32Bytes = await num('fp32-bytes');
    const int8Bytes = await num('int8-bytes');
    expect(int8Bytes).toBeGreaterThan(0);
    expect(int8Bytes).toBeLessThan(fp32Bytes);
    expect(await num('n')).toBe(200);
    expect(await num('agreement')).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs((await num('acc-fp32')) - (await num('acc-int8')))).toBeLessThanOrEqual(0.01);
    expect(await num('acc-fp32')).toBeGreaterThan(0.9);
    expect(await num('max-diff')).toBeLessThan(0.5);
    expect(await num('lat-fp32')).toBeGreaterThan(0);
    expect(await num('lat-int8')).toBeGreaterThan(0);
    expect(await num('layers')).toBe(7);

    const side = el.locator('table').filter({ hasText: 'Tamaño del .tflite' });
    await expect(side.locator('tbody td')).toHaveCount(12);
    for (const t of await side.locator('tbody td').allInnerTexts()) expect(t).not.toBe('—');
    await expect(side).toContainText(`${intText(fp32Bytes)} bytes`);
    await expect(side).toContainText('Exactitud (200 dígitos de prueba)');
    await expect(el.locator('.iv-agree')).toContainText(/misma clase en \d+ de 200 dígitos/);
    // The speed sentence follows the measurement, whichever way it went.
    const fp32Ms = await num('lat-fp32');
    const int8Ms = await num('lat-int8');
    const verdict = el.locator('.iv-verdict');
    if (int8Ms < 0.95 * fp32Ms) await expect(verdict).toContainText('int8 ha sido');
    else if (int8Ms > 1.05 * fp32Ms) await expect(verdict).toContainText('int8 no ha sido más rápido');
    else await expect(verdict).toContainText('prácticamente lo mismo');
    const layers = el.locator('table.iv-layers tbody tr');
    await expect(layers).toHaveCount(7);
    await expect(layers.first()).toContainText('entrada');
    const ours = el.locator('tr.iv-ours');
    await expect(ours).toContainText('MNIST, 200 dígitos');
    await expect(ours).not.toContainText('—');
    await expect(el.getByRole('button', { name: 'Convertir y medir' })).toBeEnabled();
    await expect(el.getByRole('button', { name: 'Cancelar' })).toBeDisabled();
  });

  test('una medida larga se puede cancelar y la página sigue respondiendo', async ({ page }) => {
    await page.goto(PAGE);
    const fig = await widget(page, ID);
    const el = fig.locator('tinyml-int8-vs-fp32');
    await fig.getByLabel('Dígitos de prueba para la exactitud').selectOption('2000');
    await fig.getByRole('button', { name: 'Convertir y medir' }).click();
    await expect(el).toHaveAttribute('data-run', 'running');
    // Wait until it is classifying test digits (step 2), then cancel.
    await expect(el.locator('.iv-status')).toContainText('Paso 2 de 4', { timeout: 120_000 });
    await el.getByRole('button', { name: 'Cancelar' }).click();
    await expect(el).toHaveAttribute('data-run', 'cancelled');
    await expect(el.locator('.iv-status')).toContainText('Medida cancelada');
    await expect(el.getByRole('button', { name: 'Convertir y medir' })).toBeEnabled();
    // Sizes were measured before the cancel; accuracy was not.
    expect(Number(await el.getAttribute('data-int8-bytes'))).toBeGreaterThan(0);
    expect(await el.getAttribute('data-n')).toBeNull();
  });

  test('«tu modelo»: sin él se usa el del curso y se dice; guardado en la lección 10, se convierte el tuyo', async ({ page }) => {
    await page.goto(PAGE);
    let fig = await widget(page, ID);
    await fig.getByLabel('Modelo', { exact: true }).selectOption('propio');
    let el = await smallRun(page);
    expect(await el.getAttribute('data-model-source')).toBe('defecto');
    await expect(el.locator('.iv-note').filter({ hasText: 'Modelo convertido' })).toContainText('No hay «tu modelo» guardado en este navegador');

    // Store the course's model as «tu modelo» through lesson 10's upload (same origin, same IndexedDB).
    await page.goto('/lecciones/entrenar-una-cnn/');
    const trainer = (await widget(page, 'entrenador')).locator('tinyml-cnn-trainer');
    await expect(trainer).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
    await chooseFiles(page, trainer.getByRole('button', { name: 'Cargar un modelo descargado' }), ['public/models/default-cnn/model.json', 'public/models/default-cnn/weights.bin']);
    await expect(trainer.locator('.ct-store-msg')).toContainText('Modelo cargado y guardado', { timeout: 60_000 });

    await page.goto(PAGE);
    fig = await widget(page, ID);
    await fig.getByLabel('Modelo', { exact: true }).selectOption('propio');
    el = await smallRun(page);
    expect(await el.getAttribute('data-model-source')).toBe('propio');
    await expect(el.locator('.iv-note').filter({ hasText: 'Modelo convertido' })).toContainText('«tu modelo», el que entrenaste');
    expect(await el.getAttribute('data-agreement')).not.toBeNull();
  });

  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 390]] as const) {
    test(`axe sin infracciones con los resultados a la vista (tema ${scheme === 'light' ? 'claro' : 'oscuro'}, ${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(PAGE);
      await smallRun(page);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
