import { buildSync } from 'esbuild';
import type { Page } from '@playwright/test';
import { expect, freezeClock, test, widget } from './fixtures';

// Lesson 15, the sensor side: capture (simulated board and a fake Web Serial board, recordings
// that survive a reload, garbage lines counted, an unplug mid-window kept as «incompleta», a
// browser without Web Serial told so) and live classification (trains the example model, then
// names the simulated gesture). Every timer runs through page.clock: no sleeps, no budgets.
const LESSON = '/lecciones/clasificacion-de-movimiento/';

test.describe.configure({ timeout: 180_000 });

/** The fake navigator.serial bundled for the page; options are JSON set on window first. */
const FAKE_SERIAL = buildSync({
  stdin: {
    contents: `import { installFakeSerial } from './widgets/lib/sensors/fake-serial';
      installFakeSerial(window, window.__fakeSerialOptions ?? {});`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
  target: 'es2022',
}).outputFiles[0]!.text;

async function withFakeSerial(page: Page, options: object): Promise<void> {
  await page.addInitScript(`window.__fakeSerialOptions = ${JSON.stringify(options)};`);
  await page.addInitScript(FAKE_SERIAL);
}

async function openCapture(page: Page) {
  await page.clock.install();
  await page.goto(LESSON);
  await freezeClock(page);
  const fig = await widget(page, 'captura');
  const root = fig.locator('tinyml-motion-capture');
  await expect(root).toHaveAttribute('data-store', 'ready');
  return root;
}

test('captura con la placa simulada: graba una ventana de 2 s, la guarda y sigue ahí al recargar', async ({ page }) => {
  const root = await openCapture(page);
  await expect(root).toHaveAttribute('data-count', '0');
  const record = root.getByRole('button', { name: 'Grabar' });
  await expect(record).toBeDisabled();
  await root.getByLabel('Placa simulada').check();
  await root.getByRole('button', { name: 'Conectar' }).click();
  await page.clock.runFor(500);
  await expect(root.locator('.motion-picker')).toHaveAttribute('data-status', 'streaming');
  await expect(root.locator('.motion-picker')).toHaveAttribute('data-rate', '100');
  await root.getByLabel('Nombre de la clase').fill('saludo');
  await expect(record).toBeEnabled();
  await record.click();
  await expect(root).toHaveAttribute('data-phase', 'recording');
  await page.clock.runFor(2500);
  await expect(root).toHaveAttribute('data-phase', 'saved');
  await expect(root).toHaveAttribute('data-count', '1');
  await expect(root).toHaveAttribute('data-counts', 'saludo:1');
  await expect(root).toContainText('Guardada: «saludo», 200 muestras (2 s)');
  await root.getByRole('button', { name: 'Desconectar' }).click();
  await expect(root.locator('.motion-picker')).toHaveAttribute('data-status', /^(idle|stopped)$/);

  await page.reload();
  const again = page.locator('figure#captura tinyml-motion-capture');
  await again.scrollIntoViewIfNeeded();
  await expect(again).toHaveAttribute('data-store', 'ready');
  await expect(again).toHaveAttribute('data-count', '1');
  await expect(again).toHaveAttribute('data-counts', 'saludo:1');
});

test('captura por Web Serial: detecta 100 Hz y 3 ejes, cuenta las líneas basura y guarda lo grabado si se desconecta', async ({ page }) => {
  await withFakeSerial(page, {
    hz: 100,
    seed: 7,
    faults: [
      { at: 150, kind: 'garbage' },
      { at: 160, kind: 'wrong-count' },
      { at: 170, kind: 'text', text: 'hola' },
    ],
  });
  const root = await openCapture(page);
  const picker = root.locator('.motion-picker');
  await root.getByLabel('Placa por Web Serial').check();
  await root.getByRole('button', { name: 'Conectar' }).click();
  await page.clock.runFor(1500);
  await expect(picker).toHaveAttribute('data-status', 'streaming');
  await expect(picker).toHaveAttribute('data-axes', '3');
  const rate = Number(await picker.getAttribute('data-rate'));
  expect(Math.abs(rate - 100)).toBeLessThan(2);
  await page.clock.runFor(1500);
  expect(Number(await picker.getAttribute('data-bad-lines'))).toBeGreaterThanOrEqual(2);
  await expect(root).toContainText('Líneas descartadas');

  await root.getByLabel('Nombre de la clase').fill('vaivén');
  await root.getByRole('button', { name: 'Grabar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'recording');
  await page.clock.runFor(800);
  await page.evaluate(() => (window as unknown as { __fakeSerial: { unplug(): void } }).__fakeSerial.unplug());
  await page.clock.runFor(200);
  await expect(root).toHaveAttribute('data-phase', 'partial');
  await expect(root).toHaveAttribute('data-count', '1');
  await expect(root).toHaveAttribute('data-partial-count', '1');
  await expect(root).toContainText('se perdió a mitad de la grabación');
  await expect(root).toContainText('incompleta');
});

test('sin Web Serial (Firefox, Safari) la opción de la placa lo explica y ofrece las otras fuentes', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'serial', { get: () => undefined, configurable: true });
  });
  const root = await openCapture(page);
  await root.getByLabel('Placa por Web Serial').check();
  await expect(root.getByRole('button', { name: 'Conectar' })).toBeDisabled();
  await expect(root).toContainText(/Chrome|Edge/);
  await root.getByRole('button', { name: 'Usar la placa simulada' }).click();
  await expect(root.getByLabel('Placa simulada')).toBeChecked();
  await expect(root.getByRole('button', { name: 'Conectar' })).toBeEnabled();
});

test('clasificación en vivo: sin modelo entrena el de ejemplo y reconoce el gesto simulado', async ({ page }) => {
  await page.clock.install();
  await page.goto(LESSON);
  const fig = await widget(page, 'en-vivo');
  const root = fig.locator('tinyml-motion-live');
  await expect(root).toHaveAttribute('data-phase', 'no-model');
  await root.getByRole('button', { name: 'Entrenar un modelo de ejemplo' }).click();
  // Training runs in slices on timers: let the (installed, still running) clock go on.
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-model', 'example');
  await freezeClock(page);
  await root.getByLabel('Placa simulada').check();
  await root.getByRole('button', { name: 'Conectar' }).click();
  await page.clock.runFor(1000);
  await expect(root).toHaveAttribute('data-phase', 'filling');
  await page.clock.runFor(4000);
  await expect(root).toHaveAttribute('data-phase', 'classifying');
  expect(Number(await root.getAttribute('data-predictions'))).toBeGreaterThan(4);
  await expect(root).toHaveAttribute('data-class', 'lado a lado');
  expect(Number(await root.getAttribute('data-prob'))).toBeGreaterThan(0.6);
});
