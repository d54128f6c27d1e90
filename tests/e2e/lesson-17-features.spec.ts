import type { Locator, Page } from '@playwright/test';
import { axeViolations, chooseFiles, expect, freezeClock, test, widget } from './fixtures';

// Lesson 17, «Espectrograma, mel y MFCC en directo» (#espectrograma) and the shared audio picker.
// Waits are on data-* attributes; the sample's chunks come from timers driven by page.clock.
const LESSON = '/lecciones/deteccion-de-palabras-clave/';

test.describe.configure({ timeout: 240_000 });

const num = async (el: Locator, attr: string): Promise<number> => Number(await el.getAttribute(attr));

/** Distinct colours in the middle of a canvas's plot area (a blank or flat map has one or two). */
const colours = (c: Locator): Promise<number> =>
  c.evaluate((el) => {
    const cv = el as HTMLCanvasElement;
    const ctx = cv.getContext('2d')!;
    const x0 = Math.floor(cv.width * 0.15);
    const y0 = Math.floor(cv.height * 0.1);
    const d = ctx.getImageData(x0, y0, Math.floor(cv.width * 0.65), Math.floor(cv.height * 0.65)).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  });

async function openFrozen(page: Page): Promise<Locator> {
  await page.clock.install();
  await page.goto(LESSON);
  await freezeClock(page);
  const fig = page.locator('figure#espectrograma');
  await fig.scrollIntoViewIfNeeded();
  await expect.poll(async () => { await page.clock.runFor(50); return fig.getAttribute('data-state'); }).toBe('ready');
  return fig.locator('tinyml-kws-features');
}

test('una muestra del curso llena los tres mapas; cambiar las bandas mel reconstruye; pausar congela', async ({ page }) => {
  const root = await openFrozen(page);
  const picker = root.locator('.audio-picker');
  await expect(root).toHaveAttribute('data-phase', 'idle');
  await expect(root).toHaveAttribute('data-params', 'L=480 hop=320 N=512 M=40 C=13');
  await expect(root.locator('.kf-params')).toContainText('Trama de 30 ms = 480 muestras, salto de 20 ms = 320 muestras');
  await expect(picker).toHaveAttribute('data-samples', 'ready');
  await picker.getByLabel('Muestra', { exact: true }).selectOption('si-1.wav');
  await picker.getByRole('button', { name: 'Analizar la muestra' }).click();
  await expect.poll(async () => { await page.clock.runFor(20); return picker.getAttribute('data-audio-status'); }).toBe('running');
  await expect(root).toHaveAttribute('data-phase', 'running');
  await page.clock.runFor(2500);
  expect(await num(root, 'data-frames')).toBeGreaterThan(100);
  for (const sel of ['.kf-db', '.kf-mel', '.kf-mfcc', '.kf-bank']) expect(await colours(root.locator(sel)), sel).toBeGreaterThan(12);
  await expect(root.locator('.kf-db')).toHaveAttribute('aria-label', /frecuencia con más energía es \d+ Hz/);
  await expect(root.locator('.kf-bank-text')).toContainText('ln max(Y, 10⁻¹⁰)');
  // Fewer mel bands: a new stream that starts counting again.
  const rebuilds = await num(root, 'data-rebuilds');
  await root.getByRole('slider', { name: 'Bandas mel (M)' }).fill('20');
  await expect(root).toHaveAttribute('data-params', 'L=480 hop=320 N=512 M=20 C=13');
  expect(await num(root, 'data-rebuilds')).toBeGreaterThan(rebuilds);
  expect(await num(root, 'data-frames')).toBeLessThan(5);
  await page.clock.runFor(1000);
  expect(await num(root, 'data-frames')).toBeGreaterThan(40);
  await expect(root.locator('.kf-mel')).toHaveAttribute('aria-label', /con 20 bandas/);
  // An FFT shorter than the frame is raised, and says so.
  await root.getByLabel('Tamaño de la FFT (N)').selectOption('256');
  await expect(root).toHaveAttribute('data-params', 'L=480 hop=320 N=512 M=20 C=13');
  await expect(root.locator('.kf-notes')).toContainText('no cabe en una FFT de 256 puntos');
  // A cell's value from the keyboard.
  await page.clock.runFor(1000);
  await root.locator('.kf-mel').focus();
  await page.keyboard.press('ArrowDown');
  await page.clock.runFor(50); // the readout is written in the next animation frame
  await expect(root.locator('.kf-readout')).toContainText('banda mel');
  // Pause freezes the picture.
  await root.getByRole('button', { name: 'Pausar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'paused');
  const frozen = await num(root, 'data-frames');
  await page.clock.runFor(1000);
  expect(await num(root, 'data-frames')).toBe(frozen);
  await root.getByRole('button', { name: 'Seguir' }).click();
  await page.clock.runFor(500);
  expect(await num(root, 'data-frames')).toBeGreaterThan(frozen);
  await picker.getByRole('button', { name: 'Detener' }).click();
  await expect(picker).toHaveAttribute('data-audio-status', 'stopped');
  await expect(root).toHaveAttribute('data-phase', 'idle');
});

test('micrófono denegado: mensaje en español, y las muestras y los WAV siguen funcionando', async ({ page }) => {
  await page.addInitScript(() => {
    const md = navigator.mediaDevices;
    if (md) md.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.goto(LESSON);
  const fig = await widget(page, 'espectrograma');
  const root = fig.locator('tinyml-kws-features');
  const picker = root.locator('.audio-picker');
  await picker.getByRole('radio', { name: 'Micrófono' }).check();
  await expect(picker.locator('.ap-hint').first()).toContainText('sin cancelación de eco');
  await picker.getByRole('button', { name: 'Usar el micrófono' }).click();
  await expect(picker).toHaveAttribute('data-audio-status', 'error');
  await expect(picker.getByRole('alert')).toContainText('No tengo permiso para usar el micrófono');
  await expect(root).toHaveAttribute('data-phase', 'error');
  // A file that is not a WAV.
  await picker.getByRole('radio', { name: 'Archivo WAV' }).check();
  await chooseFiles(page, picker.getByRole('button', { name: 'Elegir un archivo .wav' }),
    { name: 'nota.wav', mimeType: 'audio/wav', buffer: Buffer.from('esto no es audio') });
  await expect(picker.getByRole('alert')).toContainText('no es un WAV');
  // The samples still work.
  await picker.getByRole('radio', { name: 'Muestras del curso' }).check();
  await picker.getByRole('button', { name: 'Analizar la muestra' }).click();
  await expect(picker).toHaveAttribute('data-audio-status', 'running');
  await expect(root).toHaveAttribute('data-phase', 'running');
  await expect.poll(() => num(root, 'data-frames')).toBeGreaterThan(10);
  await expect(picker.locator('.ap-alert')).toBeEmpty();
  await picker.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'idle');
});

test('micrófono (un tono de 1 kHz en lugar de la voz): el worklet entrega audio y el pico cae en 1 kHz (±1 bin de 31,25 Hz)', async ({ page }) => {
  // getUserMedia answers with a stream made in the page: an oscillator through a
  // MediaStreamDestination, so the real path runs (MicSource, AudioWorklet, resampler to 16 kHz).
  await page.addInitScript(() => {
    const md = navigator.mediaDevices;
    if (!md) return;
    md.getUserMedia = async () => {
      const ctx = new AudioContext();
      const osc = new OscillatorNode(ctx, { frequency: 1000 });
      const gain = new GainNode(ctx, { gain: 0.3 });
      const dst = ctx.createMediaStreamDestination();
      osc.connect(gain).connect(dst);
      osc.start();
      await ctx.resume();
      return dst.stream;
    };
  });
  await page.goto(LESSON);
  const fig = await widget(page, 'espectrograma');
  const root = fig.locator('tinyml-kws-features');
  const picker = root.locator('.audio-picker');
  await picker.getByRole('radio', { name: 'Micrófono' }).check();
  await picker.getByRole('button', { name: 'Usar el micrófono' }).click();
  await expect(picker).toHaveAttribute('data-audio-status', 'running');
  await expect(root).toHaveAttribute('data-phase', 'running');
  await expect.poll(() => num(root, 'data-frames')).toBeGreaterThan(20);
  await expect.poll(() => root.locator('.kf-db').getAttribute('aria-label')).toMatch(/más energía es (969|1\u202f000|1\u202f031) Hz/);
  await picker.getByRole('button', { name: 'Detener' }).click();
  await expect(picker).toHaveAttribute('data-audio-status', 'stopped');
  await expect(root).toHaveAttribute('data-phase', 'idle');
});

test('axe no encuentra infracciones en el widget (claro y oscuro)', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(LESSON);
    await widget(page, 'espectrograma');
    expect(await axeViolations(page, ['figure#espectrograma']), `axe (${scheme})`).toEqual([]);
  }
});
