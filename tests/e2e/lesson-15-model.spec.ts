import type { Locator } from '@playwright/test';
import { spectralFeatures } from '../../widgets/lib/dsp';
import { exampleRecordings } from '../../widgets/lib/motion/example';
import { simulate } from '../../widgets/lib/sensors/simulator';
import { recordingAxes } from '../../widgets/lib/motion/windows';
import { axeViolations, expect, test, widget } from './fixtures';

// Lesson 15, the model side: signal and spectrum (features equal to spectralFeatures in Node, the
// formulas with those numbers, the EI ↔ textbook toggle changing the bin labels), the feature
// explorer (33 rows, one dot per window, hover names the recording), and the classifier (trains
// on the example data set to data-phase «trained», test accuracy ≥ 0.9, confusion matrix, saves,
// converts and offers the downloads). With an empty data set every widget uses the example one.
const LESSON = '/lecciones/clasificacion-de-movimiento/';

test.describe.configure({ timeout: 180_000 });

const AXES = ['x', 'y', 'z'] as const;
/** The widget's TeX number, as KaTeX shows it: 4 significant digits, decimal comma. */
const shown = (v: number): string => String(Number(v.toPrecision(4))).replace('.', ',');
const num = async (el: Locator, attr: string): Promise<number> => Number(await el.getAttribute(attr));

test('señal y espectro: las características son las de spectralFeatures, con sus fórmulas, y el selector cambia las frecuencias', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'senal');
  const root = fig.locator('tinyml-motion-spectrum');
  await expect(root).toHaveAttribute('data-phase', 'ready');
  await expect(root).toHaveAttribute('data-source', 'example');
  await expect(root.locator('.ms-source')).toContainText('usando el conjunto de ejemplo');
  const id = await root.getAttribute('data-recording');
  const rec = exampleRecordings().find((r) => r.id === id)!;
  expect(rec.label).toBe('lado a lado');
  const want = spectralFeatures(recordingAxes(rec.rows), rec.hz);
  expect((await root.getAttribute('data-features'))!.split(',').map(Number)).toEqual(want.features);
  for (const [i, ax] of AXES.entries()) {
    const a = want.axes[i]!;
    expect(await num(root, `data-rms-${ax}`)).toBe(a.rms);
    expect(await root.getAttribute(`data-peaks-${ax}`)).toBe(a.peaks.map((p) => `${p.freq}:${p.height}`).join(','));
    expect(await root.getAttribute(`data-bands-${ax}`)).toBe(a.bands.join(','));
  }
  // Six charts (signal + spectrum per axis), each with a text alternative; peaks ringed on x.
  const charts = root.locator('.ms-chart');
  await expect(charts).toHaveCount(6);
  for (let i = 0; i < 6; i++) await expect(charts.nth(i)).toHaveAttribute('aria-label', /.{40,}/);
  const x = want.axes[0]!;
  await expect(charts.nth(1)).toHaveAttribute('aria-label', new RegExp(`picos en ${shown(x.peaks[0]!.freq).slice(0, 3)}`));
  // The formulas of axis x, with the numbers of spectralFeatures.
  const f = root.locator('.ms-formula');
  await expect(f).toHaveCount(1 + 1 + 3 + 4);
  await expect(f.nth(1)).toContainText(`=${shown(x.rms)}`);
  await expect(f.nth(2)).toContainText(`=${shown(x.peaks[0]!.height)}`);
  await expect(f.nth(2)).toContainText(`=${shown(x.peaks[0]!.freq)}`);
  await expect(f.nth(2)).toContainText('126');
  await expect(f.nth(5)).toContainText('ningún bin');
  // Axis z's formulas follow the select.
  await root.getByLabel('Fórmulas del eje').selectOption('z');
  await expect(f.nth(1)).toContainText(`=${shown(want.axes[2]!.rms)}`);
  // Edge Impulse labels bins k·fs/(N−2); the textbook view uses all 200 samples padded to 256, k·fs/N.
  await expect(root).toHaveAttribute('data-df', String(100 / 126));
  await expect(root).toHaveAttribute('data-n', '128');
  await root.getByLabel(/De libro/).check();
  await expect(root).toHaveAttribute('data-df', String(100 / 256));
  await expect(root).toHaveAttribute('data-n', '256');
  await expect(root).toHaveAttribute('data-mode', 'libro');
  // The features do not change with the view; they change with the FFT length.
  expect((await root.getAttribute('data-features'))!.split(',').map(Number)).toEqual(want.features);
  await root.getByLabel(/Edge Impulse/).check();
  await root.getByLabel('Longitud de la FFT (N)').selectOption('64');
  await expect(root).toHaveAttribute('data-df', String(100 / 62));
  const w64 = spectralFeatures(recordingAxes(rec.rows), rec.hz, { fftLength: 64 });
  expect((await root.getAttribute('data-features'))!.split(',').map(Number)).toEqual(w64.features);
  expect(await axeViolations(page, ['#senal'])).toEqual([]);
});

test('explorador: 33 filas por eje y un punto por ventana, que dice de qué grabación es', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'caracteristicas');
  const root = fig.locator('tinyml-motion-features');
  await expect(root).toHaveAttribute('data-phase', 'ready');
  await expect(root.locator('.mf-source')).toContainText('usando el conjunto de ejemplo');
  await expect(root.locator('tr[data-feature]')).toHaveCount(33);
  await expect(root.locator('tbody')).toHaveCount(3);
  const id = await root.getAttribute('data-recording');
  const rec = exampleRecordings().find((r) => r.id === id)!;
  const want = spectralFeatures(recordingAxes(rec.rows), rec.hz).features;
  const values = await root.locator('tr[data-feature] td[data-value]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  expect(values).toEqual(want);
  await expect(root).toHaveAttribute('data-points', '48');
  await expect(root.locator('.mf-chart svg g[data-mark="dot"] > *')).toHaveCount(48);
  await expect(root.locator('.mf-legend li')).toHaveText(['reposo', 'lado a lado', 'arriba y abajo', 'círculo'].map((s) => new RegExp(s)));
  await root.getByLabel('Eje vertical').selectOption({ label: 'y · RMS' });
  await expect(root.locator('.mf-chart')).toHaveAttribute('aria-label', /vertical: y · RMS/);
  // Keyboard: focus the chart, walk to the first point; the readout names its recording.
  const chart = root.locator('.mf-chart');
  await chart.focus();
  await chart.press('Home');
  await expect(root).toHaveAttribute('data-hover', /^ejemplo-15-/);
  await expect(root.locator('.mf-readout')).toContainText(/«ejemplo-15-[a-z]+-\d+»/);
  const first = await root.getAttribute('data-hover');
  await chart.press('Enter');
  await expect(root).toHaveAttribute('data-recording', first!);
  // Pointer: hovering a dot names it too.
  const dot = root.locator('.mf-chart svg g[data-mark="dot"] > *').nth(30);
  await dot.hover();
  await expect(root).toHaveAttribute('data-hover', /^ejemplo-15-/);
  expect(await axeViolations(page, ['#caracteristicas'])).toEqual([]);
});

test('clasificador: entrena en el conjunto de ejemplo, ≥ 90 % en prueba, matriz, guarda y convierte', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'clasificador');
  const root = fig.locator('tinyml-motion-classifier');
  await expect(root).toHaveAttribute('data-phase', 'idle', { timeout: 30_000 });
  await expect(root).toHaveAttribute('data-split', '32,8,8');
  await expect(root.locator('.mcl-arch')).toContainText('33 → 20 ReLU → 10 ReLU → 4 softmax: 934 parámetros');
  await root.getByRole('button', { name: 'Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'trained', { timeout: 120_000 });
  expect(await num(root, 'data-test-acc')).toBeGreaterThanOrEqual(0.9);
  expect(await num(root, 'data-tensors-after')).toBe(await num(root, 'data-tensors-before'));
  await expect(root.locator('.mcl-confusion tbody tr')).toHaveCount(4);
  await expect(root.locator('.mcl-confusion tbody td')).toHaveCount(16);
  const diag = await root.locator('.mcl-confusion tbody tr').evaluateAll((trs) => trs.reduce((s, tr, i) => s + Number(tr.querySelectorAll('td')[i]!.textContent), 0));
  expect(diag / 8).toBeCloseTo(await num(root, 'data-test-acc'), 9);
  await expect(root.locator('.mcl-chart')).toHaveCount(2);
  await expect(root.locator('.mcl-chart').first()).toHaveAttribute('aria-label', /en 60 de 60 épocas/);
  // Save as «tu modelo de movimiento».
  await root.getByRole('button', { name: /Guardar como/ }).click();
  await expect(root).toHaveAttribute('data-saved', '1');
  await expect(root.locator('.mcl-status').last()).toContainText('Guardado');
  // It is in IndexedDB (tinyml-motion / models), with the train split's normalisation.
  const stored = await page.evaluate(() => new Promise<{ labels: string[]; mean: number[]; testAcc: number }>((resolve, reject) => {
    const req = indexedDB.open('tinyml-motion');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('models', 'readonly').objectStore('models').get('tu-modelo-de-movimiento');
      get.onsuccess = () => resolve({ labels: get.result.model.labels, mean: get.result.model.mean, testAcc: get.result.model.metrics.testAcc });
      get.onerror = () => reject(get.error);
    };
  }));
  expect(stored.labels).toEqual(['reposo', 'lado a lado', 'arriba y abajo', 'círculo']);
  expect(stored.mean).toHaveLength(33);
  expect(stored.testAcc).toBe(await num(root, 'data-test-acc'));
  // Convert: two .tflite files and two C headers, with their sizes and download links.
  await root.getByRole('button', { name: 'Convertir a .tflite' }).click();
  await expect(root).toHaveAttribute('data-converted', '1');
  const fp32 = await num(root, 'data-fp32-bytes');
  const int8 = await num(root, 'data-int8-bytes');
  expect(int8).toBeLessThan(fp32);
  const links = root.locator('.mcl-files a[download]');
  await expect(links).toHaveCount(4);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('download')))).toEqual([
    'modelo_movimiento_fp32.tflite', 'modelo_movimiento_int8.tflite', 'model_data.h', 'motion_params.h',
  ]);
  const download = page.waitForEvent('download');
  await links.nth(2).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('model_data.h');
  expect(await num(root, 'data-int8-acc')).toBeGreaterThanOrEqual(0.85);
  // A second run leaves no tensor behind either.
  await root.getByRole('button', { name: 'Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'trained', { timeout: 120_000 });
  expect(await num(root, 'data-tensors-after')).toBe(await num(root, 'data-tensors-before'));
  expect(await axeViolations(page, ['#clasificador'])).toEqual([]);
});

test('clasificador: «Detener» para el entrenamiento y libera la red', async ({ page }) => {
  await page.goto(`${LESSON}?w-clasificador=epocas:300`);
  const fig = await widget(page, 'clasificador');
  const root = fig.locator('tinyml-motion-classifier');
  await expect(root).toHaveAttribute('data-phase', 'idle', { timeout: 30_000 });
  await root.getByRole('button', { name: 'Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'training');
  await expect(root.locator('.mcl-status').first()).toContainText(/época [1-9]/, { timeout: 60_000 });
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'stopped');
  expect(await num(root, 'data-tensors-after')).toBe(await num(root, 'data-tensors-before'));
  await expect(root.getByRole('button', { name: /Guardar como/ })).toBeDisabled();
});

test('con grabaciones propias, los tres widgets las usan (y dicen que son tuyas)', async ({ page }) => {
  // Three classes × 5 recordings of 2 s at 100 Hz, written into tinyml-motion before the widgets read it.
  const recs = (['wave', 'updown', 'idle'] as const).flatMap((g, gi) => Array.from({ length: 5 }, (_, k) => ({
    id: `mia-${g}-${k}`, label: ['mano', 'salto', 'quieto'][gi]!, hz: 100, source: 'simulated', createdAt: gi * 10 + k,
    rows: simulate({ gesture: g, seconds: 2, hz: 100, seed: 100 + gi * 10 + k }),
  })));
  await page.goto(LESSON);
  await page.evaluate((rs) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('tinyml-motion', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('recordings', { keyPath: 'id' });
      req.result.createObjectStore('models', { keyPath: 'key' });
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('recordings', 'readwrite');
      for (const r of rs) tx.objectStore('recordings').put(r);
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), recs);
  await page.reload();
  const senal = (await widget(page, 'senal')).locator('tinyml-motion-spectrum');
  await expect(senal).toHaveAttribute('data-phase', 'ready');
  await expect(senal).toHaveAttribute('data-source', 'student');
  await expect(senal.locator('.ms-source')).toContainText('Usando tu conjunto de datos: 15 grabaciones de 3 clases');
  const feats = (await widget(page, 'caracteristicas')).locator('tinyml-motion-features');
  await expect(feats).toHaveAttribute('data-points', '15');
  await expect(feats.locator('.mf-legend li')).toHaveText([/mano/, /salto/, /quieto/]);
  const cls = (await widget(page, 'clasificador')).locator('tinyml-motion-classifier');
  await expect(cls).toHaveAttribute('data-phase', 'idle');
  await expect(cls).toHaveAttribute('data-split', '9,3,3');
  await expect(cls.locator('.mcl-arch')).toContainText('→ 3 softmax');
});
