import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { launchOptions } from '../../scripts/browser.mjs';
import { readZip } from '../../widgets/lib/storage/zip';
import { axeViolations, chooseFiles, expect, freezeClock, test, widget } from './fixtures';

// Lesson 17, «Graba tus palabras clave»: a fake microphone (Chromium plays si-1.wav as the
// capture device) records one 1 s clip after a 3-2-1 countdown driven by page.clock; the clip
// survives a reload (IndexedDB), goes out as a .zip and comes back in; a malformed .wav is named
// in Spanish and loses nothing; a denied microphone says so and «Usar un archivo» still works.
// Waits are on the widget's data-* attributes only.
const LESSON = '/lecciones/deteccion-de-palabras-clave/';
const SI = resolve('public/data/keywords/samples/si-1.wav');
const base = launchOptions();

test.describe.configure({ timeout: 120_000 });
// Launch options are per worker, so top-level: the fake capture device for the whole file.
test.use({
  launchOptions: { ...base, args: [...base.args, '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${SI}`] },
});

async function open(page: Page): Promise<Locator> {
  await page.clock.install();
  await page.goto(LESSON);
  await freezeClock(page);
  const fig = await widget(page, 'grabar');
  const root = fig.locator('tinyml-kws-recorder');
  await expect(root).toHaveAttribute('data-store', 'ready');
  return root;
}

test.describe('con un micrófono falso', () => {
  test.use({ permissions: ['microphone'] });

  test('graba 1 s tras la cuenta atrás, sigue ahí al recargar, exporta e importa el .zip y rechaza un .wav roto', async ({ page }) => {
    const root = await open(page);
    await expect(root).toHaveAttribute('data-count', '0');
    await expect(root).toHaveAttribute('data-phase', 'idle');
    await expect(root).toContainText('no se envía nada');
    await root.getByLabel('Palabra que vas a grabar').selectOption('si');
    await root.getByRole('button', { name: 'Grabar' }).click();
    await expect(root).toHaveAttribute('data-phase', 'countdown');
    await expect(root).toHaveAttribute('data-countdown', '3');
    // The countdown starts once the microphone is open (the level meter already shows it).
    await expect(root).toHaveAttribute('data-mic', 'on');
    await expect(root.locator('.kr-level-text')).toContainText('dBFS');
    await page.clock.runFor(1000);
    await expect(root).toHaveAttribute('data-countdown', '2');
    await page.clock.runFor(1000);
    await expect(root).toHaveAttribute('data-countdown', '1');
    await page.clock.runFor(1000);
    // The second itself is counted in samples from the microphone, not by a timer.
    await expect(root).toHaveAttribute('data-phase', /^(recording|saved)$/);
    await expect(root).toHaveAttribute('data-phase', 'saved', { timeout: 20_000 });
    await expect(root).toHaveAttribute('data-mic', 'off');
    await expect(root).toHaveAttribute('data-count', '1');
    await expect(root).toHaveAttribute('data-counts', 'sí:1;no:0;silencio:0;desconocido:0');
    await expect(root.locator('.kr-status')).toContainText('Guardado: «sí», 1 s (16000 muestras a 16 kHz).');
    await expect(root.locator('.kr-level-text')).toHaveText('Nivel: micrófono apagado');
    await expect(root.locator('.kr-wave')).toHaveAttribute('aria-label', /Forma de onda del Clip de «sí»: 1 s, pico/);

    // Centrar moves the energy peak to 0,5 s and saves the clip again (same id, still one).
    await root.getByRole('button', { name: 'Centrar' }).click();
    await expect(root).toHaveAttribute('data-shift', /^-?\d+$/);
    await expect(root.locator('.kr-wave-info')).toContainText('la parte más fuerte está en 0,5 s');
    await expect(root).toHaveAttribute('data-count', '1');

    // A single .wav download named after its word.
    const one = page.waitForEvent('download');
    await root.getByRole('button', { name: 'Descargar .wav' }).click();
    expect((await one).suggestedFilename()).toMatch(/^sí_rec-[0-9a-z]+-1\.wav$/);

    await page.reload();
    await freezeClock(page);
    const again = (await widget(page, 'grabar')).locator('tinyml-kws-recorder');
    await expect(again).toHaveAttribute('data-store', 'ready');
    await expect(again).toHaveAttribute('data-count', '1');
    await expect(again.locator('.kr-group[data-label="sí"] .kr-item')).toHaveCount(1);

    // Export: one 16-bit WAV per clip in <label>/<id>.wav.
    const dl = page.waitForEvent('download');
    await again.getByRole('button', { name: 'Exportar todo (.zip)' }).click();
    const zipDl = await dl;
    expect(zipDl.suggestedFilename()).toBe('mis-palabras-clave.zip');
    const zipPath = await zipDl.path();
    const entries = await readZip(new Uint8Array(readFileSync(zipPath)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.name).toMatch(/^sí\/rec-[0-9a-z]+-1\.wav$/);
    expect(entries[0]!.data!.length).toBe(44 + 2 * 16000);

    // «Borrar todo» asks first; then the zip brings the clip back.
    await again.getByRole('button', { name: 'Borrar todo' }).click();
    await again.getByRole('button', { name: 'No, conservarlos' }).click();
    await expect(again).toHaveAttribute('data-count', '1');
    await again.getByRole('button', { name: 'Borrar todo' }).click();
    await again.getByRole('button', { name: 'Sí, borrarlo' }).click();
    await expect(again).toHaveAttribute('data-count', '0');
    await chooseFiles(page, again.getByRole('button', { name: 'Importar .zip o .wav' }), zipPath);
    await expect(again).toHaveAttribute('data-import', 'done');
    await expect(again).toHaveAttribute('data-count', '1');
    await expect(again).toHaveAttribute('data-counts', 'sí:1;no:0;silencio:0;desconocido:0');
    await expect(again.locator('.kr-data-msg')).toContainText('Importado 1 clip (sí: 1).');

    // A malformed .wav next to a good one: named in Spanish, the good one and the old clip kept.
    await again.getByLabel('Palabra que vas a grabar').selectOption('no');
    await chooseFiles(page, again.getByRole('button', { name: 'Importar .zip o .wav' }), [
      { name: 'roto.wav', mimeType: 'audio/wav', buffer: Buffer.from('esto no es un wav') },
      { name: 'no-1.wav', mimeType: 'audio/wav', buffer: readFileSync(resolve('public/data/keywords/samples/no-1.wav')) },
    ]);
    await expect(again.locator('.kr-data-msg')).toContainText('«roto.wav»: Este archivo no es un WAV');
    await expect(again.locator('.kr-data-msg')).toContainText('Importado 1 clip (no: 1).');
    await expect(again).toHaveAttribute('data-count', '2');
    await expect(again).toHaveAttribute('data-counts', 'sí:1;no:1;silencio:0;desconocido:0');

    await page.clock.resume(); // axe runs on timers
    expect(await axeViolations(page, ['figure#grabar'])).toEqual([]);
  });
});

test.describe('sin permiso para el micrófono', () => {
  test.use({ permissions: [] });

  test('lo dice en español, no pierde nada, y «Usar un archivo» graba sin micrófono', async ({ page }) => {
    // The browser's answer to a denied prompt, made certain for every runner.
    await page.addInitScript(() => {
      const md = navigator.mediaDevices;
      if (md) md.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const root = await open(page);
    await root.getByRole('button', { name: 'Grabar' }).click();
    await expect(root).toHaveAttribute('data-phase', 'error');
    await expect(root.locator('.kr-mic-msg')).toContainText('No tengo permiso para usar el micrófono');
    await expect(root.locator('.kr-mic-msg')).toContainText('la red se entrena igual con el conjunto de clips del curso');
    await expect(root).toHaveAttribute('data-count', '0');
    await root.getByLabel('Palabra que vas a grabar').selectOption('silencio');
    await chooseFiles(page, root.getByRole('button', { name: 'Usar un archivo .wav' }), resolve('public/data/keywords/samples/silencio.wav'));
    await expect(root).toHaveAttribute('data-phase', 'saved');
    await expect(root).toHaveAttribute('data-count', '1');
    await expect(root).toHaveAttribute('data-counts', 'sí:0;no:0;silencio:1;desconocido:0');
    await expect(root.locator('.kr-mic-msg')).toBeHidden();
    await page.clock.resume(); // axe runs on timers
    expect(await axeViolations(page, ['figure#grabar'])).toEqual([]);
  });
});
