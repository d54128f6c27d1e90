import type { Locator, Page } from '@playwright/test';
import { axeViolations, expect, test, widget } from './fixtures';

// Lesson 17, «Entrena la red de palabras clave»: trains the keyword CNN in a Worker on the course's
// clips, shows the curves, the confusion matrix on the test voices and the model table, saves
// «tu modelo» (tfjs IndexedDB) and can be stopped without touching what was saved.
// Only this widget is required; waits are on its data-* attributes.
const LESSON = '/lecciones/deteccion-de-palabras-clave/';

test.describe.configure({ timeout: 240_000 });

async function open(page: Page, query: string): Promise<Locator> {
  await page.goto(LESSON + query);
  const fig = await widget(page, 'entrenar');
  const root = fig.locator('tinyml-kws-trainer');
  await expect(root).toHaveAttribute('data-phase', 'idle', { timeout: 90_000 });
  return root;
}

/** dateSaved of «tu modelo» in tfjs's IndexedDB (null when there is none). */
function savedAt(page: Page): Promise<string | null> {
  return page.evaluate(() => new Promise<string | null>((resolve, reject) => {
    const req = indexedDB.open('tensorflowjs');
    req.onerror = () => reject(new Error(String(req.error)));
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('model_info_store')) {
        db.close();
        resolve(null);
        return;
      }
      const get = db.transaction('model_info_store', 'readonly').objectStore('model_info_store').get('tinyml-kws-modelo');
      get.onsuccess = () => {
        const v = get.result as { modelArtifactsInfo?: { dateSaved?: unknown } } | undefined;
        db.close();
        resolve(v ? String(v.modelArtifactsInfo?.dateSaved ?? 'sin fecha') : null);
      };
      get.onerror = () => reject(new Error(String(get.error)));
    };
  }));
}

test('entrena dos épocas: curvas, matriz de confusión 4 × 4 en las voces de prueba, tabla de la red y «tu modelo» guardado', async ({ page }) => {
  const root = await open(page, '?w-entrenar=epochs:2');
  await expect(root.locator('.kt-status')).toContainText(/Motor: (WebGL|WebAssembly|JavaScript)/);
  await expect(root).toHaveAttribute('data-current', 'defecto');
  expect(await savedAt(page)).toBeNull();
  // The data set: four classes, three splits, test voices apart.
  await expect(root.locator('.kt-set tbody tr')).toHaveCount(5);
  await expect(root.locator('.kt-set .kt-total')).toContainText('192');
  await expect(root.locator('.kt-data')).toContainText('voces de prueba');
  await expect(root.locator('.kt-data')).toContainText('Aún no has grabado clips');
  // The layer table of the default architecture on MFCC 49 × 13.
  await expect(root.locator('.kt-layers tbody tr')).toHaveCount(7);
  await expect(root.locator('.kt-model-totals')).toContainText('1\u202f892 parámetros');

  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'training');
  await expect(root.getByLabel('Filtros de conv1')).toBeDisabled();
  await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  await expect(root).toHaveAttribute('data-epoch', '2');
  await expect(root).toHaveAttribute('data-saved', 'true');

  const testSize = Number(await root.getAttribute('data-test-size'));
  expect(testSize).toBe(64);
  const cells = root.locator('.kt-matrix td');
  await expect(cells).toHaveCount(16);
  const counts = await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(testSize);
  await expect(root.locator('.kt-matrix td').first()).toContainText('%');
  const acc = Number(await root.getAttribute('data-test-accuracy'));
  expect(acc).toBeGreaterThanOrEqual(0);
  expect(acc).toBeLessThanOrEqual(1);
  const hits = counts.filter((_, i) => i % 5 === 0).reduce((a, b) => a + b, 0);
  expect(acc).toBeCloseTo(hits / testSize, 10);
  await expect(root.locator('.kt-test-acc')).toHaveText(/^\d{1,3}(,\d)? %$/);
  await expect(root.locator('.kt-accuracy')).toContainText(`de ${testSize} clips`);
  await expect(root.locator('.kt-chart svg')).toHaveCount(2);
  await expect(root.locator('.kt-chart').first()).toHaveAttribute('aria-label', /Curva de pérdida\. Tras la época 2/);

  // «tu modelo» is in IndexedDB and the widget says it is the current one.
  expect(await savedAt(page)).not.toBeNull();
  await expect(root).toHaveAttribute('data-current', 'propio');
  await expect(root.locator('.kt-current-name')).toHaveText('«tu modelo»');
  await expect(root.locator('.kt-store-msg')).toContainText('guardado como «tu modelo»');

  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.getByRole('button', { name: /tema oscuro/i }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    expect(await axeViolations(page, ['#entrenar']), `axe (${theme})`).toEqual([]);
  }

  // «Borrar tu modelo» goes back to the course's model.
  await root.getByRole('button', { name: 'Borrar tu modelo' }).click();
  await expect(root).toHaveAttribute('data-current', 'defecto');
  expect(await savedAt(page)).toBeNull();
  await expect(root.getByRole('button', { name: 'Borrar tu modelo' })).toBeDisabled();
});

test('«Detener» a mitad de entrenamiento no guarda nada ni sobrescribe «tu modelo»', async ({ page }) => {
  const root = await open(page, '?w-entrenar=epochs:1;copies:0');
  // First a short run that saves «tu modelo».
  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  await expect(root).toHaveAttribute('data-current', 'propio');
  const before = await savedAt(page);
  expect(before).not.toBeNull();
  const accBefore = await root.locator('.kt-current').innerText();

  // Then a long one, stopped after its first epoch.
  await root.getByLabel('Épocas').fill('60');
  await expect(root).toHaveAttribute('data-phase', 'done');
  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'training');
  await expect(root).toHaveAttribute('data-epoch', /^[1-9]\d*$/, { timeout: 120_000 });
  await root.getByRole('button', { name: '■ Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'cancelled', { timeout: 60_000 });
  await expect(root.locator('.kt-status')).toContainText('No se ha guardado nada');
  expect(await root.getAttribute('data-test-accuracy')).toBeNull();
  await expect(root.locator('.kt-results')).toBeHidden();
  expect(await savedAt(page)).toBe(before);
  await expect(root).toHaveAttribute('data-current', 'propio');
  expect(await root.locator('.kt-current').innerText()).toBe(accBefore);
  await expect(root.getByLabel('Filtros de conv1')).toBeEnabled();
  await expect(root.getByRole('button', { name: '▶ Entrenar' })).toBeEnabled();
});

test('tus grabaciones se suman solo al entrenamiento y se releen con el aviso del grabador', async ({ page }) => {
  const root = await open(page, '?w-entrenar=epochs:1;copies:0');
  await expect(root).toHaveAttribute('data-recordings', '0');
  // Two recordings as the recorder stores them (database tinyml-kws, store recordings), then its event.
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('tinyml-kws', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('recordings', { keyPath: 'id' });
    req.onerror = () => reject(new Error(String(req.error)));
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('recordings', 'readwrite');
      const tone = (f: number) => Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / 16000));
      tx.objectStore('recordings').put({ id: 'a', label: 'sí', samples: tone(440), createdAt: 1 });
      tx.objectStore('recordings').put({ id: 'b', label: 'no', samples: tone(220), createdAt: 2 });
      tx.oncomplete = () => {
        db.close();
        window.dispatchEvent(new Event('tinyml-kws-recordings'));
        resolve();
      };
      tx.onerror = () => reject(new Error(String(tx.error)));
    };
  }));
  await expect(root).toHaveAttribute('data-recordings', '2');
  await expect(root.locator('.kt-set .kt-total td').last()).toHaveText('2');
  await expect(root.locator('.kt-data')).toContainText('Se incluyen 2 grabaciones tuyas, solo en entrenamiento.');
  await root.getByRole('button', { name: '▶ Entrenar' }).click();
  await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  // 192 course clips + 2 recordings in training; the 64 test clips are untouched.
  await expect(root).toHaveAttribute('data-train-examples', '194');
  await expect(root).toHaveAttribute('data-test-size', '64');
  const counts = await root.locator('.kt-matrix td').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(64);
});

test('un clips.bin dañado da un mensaje en español y no deja entrenar', async ({ page }) => {
  await page.route('**/data/keywords/clips.bin', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(1000) }));
  await page.goto(LESSON);
  const fig = await widget(page, 'entrenar');
  const root = fig.locator('tinyml-kws-trainer');
  await expect(root).toHaveAttribute('data-phase', 'error', { timeout: 90_000 });
  await expect(root.locator('.kt-status')).toContainText('clips.bin no corresponde al manifiesto');
  await expect(root.getByRole('button', { name: '▶ Entrenar' })).toBeDisabled();
});
