import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { launchOptions } from '../../scripts/browser.mjs';
import { axeViolations, expect, freezeClock, test, widget } from './fixtures';

// Lesson 17, «Detección en directo» (kws-live): Chromium's fake microphone playing
// silence – «sí» – silence, a shipped sample driven by page.clock, and a denied microphone.
// Waits are on the widget's data-* attributes only.
const LESSON = '/lecciones/deteccion-de-palabras-clave/';
const FAKE_MIC = fileURLToPath(new URL('./assets/fake-mic-si.wav', import.meta.url));

test.describe.configure({ timeout: 180_000 });
// Launch options apply to the whole file (they force a new browser); only the first test grants
// the microphone permission.
test.use({
  launchOptions: { ...launchOptions(), args: [...launchOptions().args, '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${FAKE_MIC}`] },
});

async function open(page: Page): Promise<Locator> {
  const fig = await widget(page, 'en-directo');
  const root = fig.locator('tinyml-kws-live');
  // The course model loaded (tfjs and the model files can take a while on a busy machine).
  await expect(root).toHaveAttribute('data-model', 'defecto', { timeout: 90_000 });
  await expect(root).toHaveAttribute('data-phase', 'idle');
  return root;
}

test.describe('micrófono falso de Chromium', () => {
  test.use({ permissions: ['microphone'] });

  test('el micrófono oye «sí» entre silencios y lo detecta', async ({ page }) => {
    await page.goto(LESSON);
    const root = await open(page);
    await root.getByLabel('Micrófono', { exact: true }).check();
    await root.getByRole('button', { name: 'Usar el micrófono' }).click();
    await expect(root).toHaveAttribute('data-phase', 'listening');
    await expect(root).toHaveAttribute('data-source', 'mic');
    // The file loops every 4 s: one «sí» per loop.
    await expect(root).toHaveAttribute('data-last', 'sí', { timeout: 60_000 });
    expect(Number(await root.getAttribute('data-detections'))).toBeGreaterThanOrEqual(1);
    await expect(root.locator('[data-word="sí"]')).toHaveClass(/kl-lit/);
    await root.getByRole('button', { name: 'Detener' }).click();
    await expect(root).toHaveAttribute('data-phase', 'idle');
  });

  test('el mismo micrófono llena el espectrograma, el log-mel y los MFCC de «Del sonido a los MFCC»', async ({ page }) => {
    await page.goto(LESSON);
    const fig = await widget(page, 'espectrograma');
    const root = fig.locator('tinyml-kws-features');
    const picker = root.locator('.audio-picker');
    await picker.getByRole('radio', { name: 'Micrófono' }).check();
    await picker.getByRole('button', { name: 'Usar el micrófono' }).click();
    await expect(picker).toHaveAttribute('data-audio-status', 'running');
    await expect(root).toHaveAttribute('data-phase', 'running');
    // 2 s of the file at 50 frames per second; then every map holds more than a flat colour.
    await expect.poll(async () => Number(await root.getAttribute('data-frames')), { timeout: 60_000 }).toBeGreaterThan(100);
    for (const sel of ['.kf-db', '.kf-mel', '.kf-mfcc']) {
      const distinct = await root.locator(sel).evaluate((el) => {
        const cv = el as HTMLCanvasElement;
        const d = cv.getContext('2d')!.getImageData(Math.floor(cv.width * 0.15), Math.floor(cv.height * 0.1), Math.floor(cv.width * 0.65), Math.floor(cv.height * 0.65)).data;
        const seen = new Set<number>();
        for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
        return seen.size;
      });
      expect(distinct, sel).toBeGreaterThan(12);
    }
    await picker.getByRole('button', { name: 'Detener' }).click();
    await expect(root).toHaveAttribute('data-phase', 'idle');
  });
});

test('una muestra con page.clock: «no» en bucle entre silencios dispara «no»; con umbral 1, nada', async ({ page }) => {
  await page.clock.install();
  await page.goto(LESSON);
  const root = await open(page);
  await expect(root.locator('[data-samples="ready"]')).toHaveCount(1);
  await freezeClock(page);
  await root.getByLabel('Muestra', { exact: true }).selectOption('no-2.wav');
  await root.getByRole('button', { name: 'Analizar la muestra' }).click();
  await expect(root).toHaveAttribute('data-phase', 'listening');
  // One turn of the loop is 0,5 s of silence, the word (1 s) and 0,5 s of silence, in 20 ms chunks.
  await page.clock.runFor(2_600);
  await expect(root).toHaveAttribute('data-last', 'no');
  await expect(root).toHaveAttribute('data-detections', '1');
  await expect(root.locator('.kl-counts')).toContainText('«no» 1');
  await expect(root.locator('svg [data-detection="no"]')).toHaveCount(1);
  await expect(root.locator('p[aria-live="polite"]', { hasText: 'Detectado «no»' })).toHaveCount(1);
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'idle');
  // The threshold at its maximum (1): the same sample is now a miss, turn after turn.
  await root.getByRole('slider', { name: 'Umbral de detección' }).fill('1');
  await root.getByRole('button', { name: 'Analizar la muestra' }).click();
  await expect(root).toHaveAttribute('data-phase', 'listening');
  await expect(root).toHaveAttribute('data-detections', '0');
  await page.clock.runFor(4_200);
  await expect(root.locator('svg [data-series="avg:no"]')).toHaveCount(1);
  await expect(root).toHaveAttribute('data-detections', '0');
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'idle');
});

test('micrófono denegado: mensaje en español y las muestras siguen funcionando; axe limpio', async ({ page }) => {
  await page.addInitScript(() => {
    const deny = (): Promise<MediaStream> => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: deny, configurable: true });
  });
  await page.goto(LESSON);
  const root = await open(page);
  // «Tu modelo» asked for but never trained: the course's model, and load's Spanish reason.
  await root.getByLabel('Modelo', { exact: true }).selectOption('propio');
  await expect(root.locator('.kl-model-note')).toContainText('Todavía no has entrenado tu modelo', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-model', 'defecto');
  await expect(root).toHaveAttribute('data-phase', 'idle');
  await root.getByLabel('Micrófono', { exact: true }).check();
  await root.getByRole('button', { name: 'Usar el micrófono' }).click();
  await expect(root).toHaveAttribute('data-phase', 'error');
  await expect(root.getByRole('alert')).toContainText('No tengo permiso para usar el micrófono');
  await root.getByLabel('Muestras del curso', { exact: true }).check();
  await root.getByLabel('Muestra', { exact: true }).selectOption('si-2.wav');
  await root.getByRole('button', { name: 'Analizar la muestra' }).click();
  await expect(root).toHaveAttribute('data-phase', 'listening');
  await expect(root).toHaveAttribute('data-last', 'sí', { timeout: 30_000 });
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'idle');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    expect(await axeViolations(page, ['figure#en-directo']), `axe (${scheme})`).toEqual([]);
  }
});
