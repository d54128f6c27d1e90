import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { axeViolations, expect, test, widget } from './fixtures';

// Lesson 17, «Exporta tu modelo» (kws-export): the course's keyword model → float32 and int8
// .tflite + C header in the browser, both files run in LiteRT.js on the held-out test voices.
// Only this widget is required on the page; every wait is on its data-phase.
const LESSON = '/lecciones/deteccion-de-palabras-clave/';
const ID = 'exportar';
const TAG = 'tinyml-kws-export';
const METADATA = '**/models/kws-default/metadata.json';

test.describe.configure({ timeout: 240_000 });

async function open(page: Page): Promise<Locator> {
  await page.goto(`${LESSON}?w-${ID}=model:defecto`);
  return (await widget(page, ID)).locator(TAG);
}

/** Waits until a run settles one way or the other, then requires `done` (a failed run fails at once, with its message). */
async function settled(root: Locator): Promise<void> {
  await expect(root).toHaveAttribute('data-phase', /^(done|error|cancelled)$/, { timeout: 180_000 });
  expect(await root.getAttribute('data-phase'), await root.locator('.ke-status').innerText()).toBe('done');
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

test('exporta el modelo del curso, compara float32 e int8 con las voces de prueba y descarga los tres archivos', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const root = await open(page);
  await expect(root).toHaveAttribute('data-phase', 'idle');
  // Nothing heavy before the button: no LiteRT.js, no keyword clips, no model.
  expect(requests.some((p) => p.startsWith('/litert/') || p.endsWith('clips.bin') || p.includes('kws-default'))).toBe(false);

  await root.getByRole('button', { name: 'Exportar y comparar' }).click();
  await expect(root).toHaveAttribute('data-phase', /^(loading|converting|evaluating|done)$/);
  await settled(root);
  expect(await root.getAttribute('data-source')).toBe('defecto');
  const num = async (k: string): Promise<number> => Number(await root.getAttribute(`data-${k}`));
  const [tfjs, fp32, int8, n, agree] = [await num('tfjs-acc'), await num('fp32-acc'), await num('int8-acc'), await num('n'), await num('agree')];
  expect(n).toBe(64);
  expect(fp32).toBeGreaterThanOrEqual(0.85);
  expect(int8).toBeGreaterThanOrEqual(0.85);
  expect(fp32).toBe(tfjs); // float32 in LiteRT.js decides like tfjs on every clip
  expect(agree / n).toBeGreaterThanOrEqual(0.95);

  // The three accuracies, side by side, as text.
  const pct = (x: number): string => `${(100 * x).toLocaleString('es-ES', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  const side = root.locator('table').filter({ hasText: 'LiteRT.js, int8' });
  await expect(side.locator('tbody tr')).toHaveCount(3);
  await expect(side.locator('tbody tr').nth(1)).toContainText(pct(fp32));
  await expect(side.locator('tbody tr').nth(2)).toContainText(pct(int8));
  await expect(side.locator('tbody tr').nth(2)).toContainText(`${Math.round(int8 * n)} de ${n}`);
  await expect(root.locator('.ke-agree')).toContainText(`misma palabra en ${agree} de ${n} clips`);
  // The int8 confusion matrix: 4 classes, rows add up to the 64 clips, diagonal = int8 hits.
  const cm = root.locator('table.ke-confusion tbody tr');
  await expect(cm).toHaveCount(4);
  const cells = (await root.locator('table.ke-confusion td.ke-cm').allInnerTexts()).map(Number);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(n);
  expect([0, 5, 10, 15].reduce((a, i) => a + cells[i]!, 0)).toBe(Math.round(int8 * n));
  // The input's scale and zero point, shown and equal to the file's.
  const scale = await num('input-scale');
  const zero = await num('input-zero-point');
  expect(scale).toBeGreaterThan(0);
  const quant = root.locator('dl.ke-quant');
  await expect(quant).toHaveAttribute('data-scale', String(scale));
  await expect(quant).toContainText('Escala de la entrada');
  await expect(quant).toContainText(String(zero).replace('-', '−'));

  // Downloads: both .tflite files (TFL3 at bytes 4..8) and the header's array.
  const sizes = JSON.parse((await root.getAttribute('data-sizes'))!) as { fp32: number; int8: number; int8io: number };
  for (const [name, size] of [['kws_float32.tflite', sizes.fp32], ['kws_int8.tflite', sizes.int8]] as const) {
    const f = await download(page, () => root.getByRole('button', { name: `Descargar ${name}` }).click());
    expect(f.name).toBe(name);
    expect(f.bytes.length).toBe(size);
    expect(f.bytes.subarray(4, 8).toString('latin1')).toBe('TFL3');
  }
  const h = await download(page, () => root.getByRole('button', { name: 'Descargar kws_model_data.h' }).click());
  expect(h.name).toBe('kws_model_data.h');
  const text = h.bytes.toString('utf8');
  expect(text).toContain('alignas(16) const unsigned char g_kws_model[] = {');
  expect(text).toContain(`const unsigned int g_kws_model_len = ${sizes.int8io};`);
  expect(text).toContain(`const int kKwsInputZeroPoint = ${zero};`);
  expect(text).toContain('const char* const kKwsClasses[4] = {"sí", "no", "silencio", "desconocido"};');
  // Bytes 4..7 of the array are «TFL3» too.
  const first = text.slice(text.indexOf('{') + 1).split(',').slice(0, 8).map((s) => Number.parseInt(s.trim(), 16));
  expect(String.fromCharCode(...first.slice(4, 8))).toBe('TFL3');

  await expect(root.getByRole('button', { name: 'Exportar y comparar' })).toBeEnabled();
  await expect(root.getByRole('button', { name: 'Cancelar' })).toBeDisabled();

  // axe on the results, light and dark themes (no clock is frozen in this file).
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.getByRole('button', { name: /tema oscuro/i }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    expect(await axeViolations(page, [`#${ID}`]), `axe (${theme})`).toEqual([]);
  }
});

test('la exportación se puede cancelar y después repetir', async ({ page }) => {
  // No race with the clock: the default model's metadata request is held open, so the widget is
  // provably inside its loading phase when «Cancelar» is pressed; the request is released after.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let seen!: () => void;
  const requested = new Promise<void>((r) => (seen = r));
  await page.route(METADATA, async (route) => {
    seen();
    await held;
    await route.continue();
  });
  const root = await open(page);
  await root.getByRole('button', { name: 'Exportar y comparar' }).click();
  await requested;
  await expect(root).toHaveAttribute('data-phase', 'loading');
  await root.getByRole('button', { name: 'Cancelar' }).click();
  release();
  await expect(root).toHaveAttribute('data-phase', 'cancelled', { timeout: 60_000 });
  await expect(root.locator('.ke-status')).toHaveText(/^Exportación cancelada/);
  await expect(root.locator('.ke-results')).toBeHidden();
  expect(await root.getAttribute('data-int8-acc')).toBeNull();
  await expect(root.getByRole('button', { name: 'Cancelar' })).toBeDisabled();
  await page.unroute(METADATA);
  await root.getByRole('button', { name: 'Exportar y comparar' }).click();
  await settled(root);
  expect(Number(await root.getAttribute('data-int8-acc'))).toBeGreaterThanOrEqual(0.85);
});

test('sin «tu modelo» guardado, «Tu modelo» exporta el del curso y lo dice; al guardarse uno, vuelve a exportar', async ({ page }) => {
  await page.goto(`${LESSON}?w-${ID}=model:propio`);
  const root = (await widget(page, ID)).locator(TAG);
  await root.getByRole('button', { name: 'Exportar y comparar' }).click();
  await settled(root);
  expect(await root.getAttribute('data-source')).toBe('defecto');
  await expect(root.locator('.ke-note').first()).toContainText('Todavía no has entrenado tu modelo');
  // The trainer's «saved» event (lib/kws/contract's KWS_SAVED_EVENT) makes it export again.
  await page.evaluate(() => window.dispatchEvent(new Event('tinyml-kws-saved')));
  await expect(root.locator('.ke-status')).toContainText('«Tu modelo» ha cambiado en este navegador');
  await settled(root);
  await expect(root.locator('.ke-status')).toContainText('Exportación completa');
});
