import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { axeViolations, expect, test, widget } from './fixtures';
import { lessonPaths } from './pages';

// Issue 13, offline and «progress you own». One context per flow:
// 1. first visit → the service worker controls the page (<html data-sw="listo">), «Descargar el
//    curso» fills the heavy cache, the network goes away, and every lesson and the heavy widgets
//    (CNN trainer, converter + LiteRT, motion classifier, KWS trainer) still work;
// 2. a new build (a modified sw.js) waits, is announced, and replaces the old precache and the
//    old heavy cache only after «actualizar»;
// 3. /ajustes/: export → erase (after the dialog) → import gives the same data back; a foreign
//    file is rejected with a Spanish message and changes nothing.

test.describe.configure({ timeout: 240_000 });

async function controlled(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-sw', 'listo', { timeout: 90_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test.describe('con service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('una visita, descargar el curso, sin conexión: todas las lecciones y los widgets pesados funcionan', async ({ page, context }) => {
    await controlled(page);
    await page.goto('/ajustes/');
    const box = page.locator('[data-offline-download]');
    await expect(box).toHaveAttribute('data-phase', 'parcial');
    const list = await page.evaluate(async () => (await fetch('/offline-assets.json')).json() as Promise<{ items: { url: string }[]; cacheName: string }>);
    expect(list.items.length).toBeGreaterThan(20);
    await box.getByRole('button', { name: 'Descargar el curso para usarlo sin conexión' }).click();
    await expect(box).toHaveAttribute('data-phase', 'descargando');
    await expect(box).toHaveAttribute('data-phase', 'completo', { timeout: 120_000 });
    await expect(box.locator('[data-dl-text]')).toContainText(`Listo: los ${list.items.length} archivos pesados`);
    await expect(box.locator('[data-dl-space]')).toContainText(`Archivos pesados guardados: ${list.items.length} de ${list.items.length} (`);
    await expect(box.locator('[data-dl-space]')).toContainText(/\d+,\d MB de \d+,\d MB\)\. En total, el curso ocupa \d+,\d MB/);
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, list.cacheName);
    expect(cached).toBe(list.items.length);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    for (const path of lessonPaths()) {
      const res = await page.goto(path);
      expect(res?.fromServiceWorker(), path).toBe(true);
      await expect(page.locator('h1'), path).toHaveCount(1);
      await expect(page.locator('.prose').first(), path).toBeVisible();
    }

    // Lesson 10: the CNN trainer loads MNIST and trains in its Worker.
    await page.goto('/lecciones/entrenar-una-cnn/?w-entrenador=examples:500;batch:64');
    const cnn = (await widget(page, 'entrenador')).locator('tinyml-cnn-trainer');
    await expect(cnn).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
    await cnn.getByRole('button', { name: '▶ Entrenar' }).click();
    await expect(cnn).toHaveAttribute('data-phase', 'training');
    await expect.poll(async () => Number(await cnn.getAttribute('data-recent-acc')), { timeout: 90_000 }).toBeGreaterThan(0);

    // Lesson 12: the converter writes the .tflite and runs it in LiteRT (its wasm from the cache).
    await page.goto('/lecciones/tensorflow-lite/?w-conversor=model:defecto');
    const conv = (await widget(page, 'conversor')).locator('tinyml-tflite-converter');
    await expect(conv).toHaveAttribute('data-phase', 'idle');
    await conv.getByRole('button', { name: 'Convertir a TensorFlow Lite' }).click();
    await expect(conv).toHaveAttribute('data-phase', 'ready', { timeout: 180_000 });

    // Lesson 15: the motion classifier trains on the example data set.
    await page.goto('/lecciones/clasificacion-de-movimiento/');
    const motion = (await widget(page, 'clasificador')).locator('tinyml-motion-classifier');
    await expect(motion).toHaveAttribute('data-phase', 'idle', { timeout: 30_000 });
    await motion.getByRole('button', { name: 'Entrenar' }).click();
    await expect(motion).toHaveAttribute('data-phase', 'trained', { timeout: 120_000 });

    // Lesson 17: the keyword trainer loads the course's clips.
    await page.goto('/lecciones/deteccion-de-palabras-clave/');
    const kws = (await widget(page, 'entrenar')).locator('tinyml-kws-trainer');
    await expect(kws).toHaveAttribute('data-phase', 'idle', { timeout: 90_000 });
    await expect(kws.locator('.kt-set .kt-total')).toContainText('192');
    await context.setOffline(false);
  });

  test('una versión nueva espera, se anuncia y, tras «actualizar», sustituye a la vieja', async ({ page }) => {
    await controlled(page);
    // «A new build is deployed»: in the served folder, index.html gains a marker and sw.js a new
    // revision for it (both put back at the end; the marker is a <meta>, so a test of another
    // spec that loads / meanwhile sees the same page).
    const dist = process.env.E2E_DIST ?? 'dist';
    const swPath = join(dist, 'sw.js');
    const htmlPath = join(dist, 'index.html');
    const oldSw = await readFile(swPath, 'utf8');
    const oldHtml = await readFile(htmlPath, 'utf8');
    const m = /\{url:"index\.html",revision:"([0-9a-f]+)"\}/.exec(oldSw);
    expect(m, 'index.html in the precache manifest').not.toBeNull();
    const rev = 'e'.repeat(m![1]!.length);
    await page.evaluate(async () => (await caches.open('tinyml-pesados-viejo')).put('/viejo', new Response('x')));
    const marker = 'meta[name="tinyml-prueba-version"]';
    await writeFile(htmlPath, oldHtml.replace('</head>', '<meta name="tinyml-prueba-version" content="nueva"></head>'));
    await writeFile(swPath, oldSw.replace(m![0], `{url:"index.html",revision:"${rev}"}`));
    try {
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-sw', 'nueva', { timeout: 60_000 });
      // The open page still runs the old build until the user asks.
      await expect(page.locator(marker)).toHaveCount(0);
      const notice = page.locator('[data-sw-update]');
      await expect(notice).toBeVisible();
      await expect(notice).toHaveText(/Hay una versión nueva: actualizar/);
      expect(await axeViolations(page, ['[data-sw-update]'])).toEqual([]);
      await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'actualizar' }).click()]);
      await expect(page.locator(marker)).toHaveCount(1);
      await expect(page.locator('html')).toHaveAttribute('data-sw', 'listo');
      const names = await page.evaluate(() => caches.keys());
      expect(names).not.toContain('tinyml-pesados-viejo');
      expect(names.filter((n) => n.includes('precache'))).toHaveLength(1);
    } finally {
      await writeFile(swPath, oldSw);
      await writeFile(htmlPath, oldHtml);
    }
  });
});

async function snapshot(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const ls = Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('tinyml:')).sort().map((k) => [k, localStorage.getItem(k)]));
    const dbs = (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('tinyml-')).sort();
    const read = (name: string) => new Promise<unknown>((res, rej) => {
      const r = indexedDB.open(name);
      r.onerror = () => rej(r.error);
      r.onsuccess = () => {
        const db = r.result;
        const stores = [...db.objectStoreNames];
        if (stores.length === 0) return res([]);
        const tx = db.transaction(stores, 'readonly');
        Promise.all(stores.map((s) => new Promise((ok) => {
          const q = tx.objectStore(s).getAll();
          q.onsuccess = () => ok([s, JSON.stringify(q.result, (_k, v) => (ArrayBuffer.isView(v) ? `${v.constructor.name}:${[...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)]}` : v instanceof ArrayBuffer ? `AB:${[...new Uint8Array(v)]}` : v instanceof Blob ? `Blob:${v.type}:${v.size}` : v))]);
        }))).then((x) => { db.close(); res(x); });
      };
    });
    const out: Record<string, unknown> = { ls };
    for (const n of dbs) out[n!] = await read(n!);
    const tf = (await indexedDB.databases()).some((d) => d.name === 'tensorflowjs') ? await read('tensorflowjs') : null;
    out.tfjs = tf;
    return out;
  });
}

async function seed(page: Page): Promise<void> {
  await page.evaluate(async () => {
    localStorage.setItem('tinyml:progreso', JSON.stringify(['que-es-tinyml', 'la-neurona-artificial']));
    localStorage.setItem('tinyml:tema', 'light');
    localStorage.setItem('tinyml:celda:capas-y-matrices:a', 'const x = 1;');
    localStorage.setItem('tinyml:algo-nuevo', 'v');
    localStorage.setItem('otro-sitio', 'no es del curso');
    const put = (name: string, version: number, store: string, keyPath: string, values: unknown[]) => new Promise<void>((res, rej) => {
      const r = indexedDB.open(name, version);
      r.onupgradeneeded = () => r.result.createObjectStore(store, { keyPath });
      r.onerror = () => rej(r.error);
      r.onsuccess = () => {
        const tx = r.result.transaction(store, 'readwrite');
        for (const v of values) tx.objectStore(store).put(v);
        tx.oncomplete = () => { r.result.close(); res(); };
      };
    });
    await put('tinyml-kws', 1, 'recordings', 'id', [{ id: 'r1', word: 'sí', samples: new Float32Array([0.25, -0.5, 1]), wav: new Blob([new Uint8Array([82, 73, 70, 70])], { type: 'audio/wav' }), when: new Date('2026-12-04T21:00:00Z') }]);
    // tfjs's own layout: database `tensorflowjs` v1, stores models_store and model_info_store.
    await new Promise<void>((res, rej) => {
      const r = indexedDB.open('tensorflowjs', 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('models_store', { keyPath: 'modelPath' });
        r.result.createObjectStore('model_info_store', { keyPath: 'modelPath' });
      };
      r.onerror = () => rej(r.error);
      r.onsuccess = () => {
        const tx = r.result.transaction(['models_store', 'model_info_store'], 'readwrite');
        tx.objectStore('models_store').put({ modelPath: 'tinyml-tu-modelo', modelArtifacts: { modelTopology: { a: 1 }, weightData: new Uint8Array([1, 2, 3, 4]).buffer } });
        tx.objectStore('model_info_store').put({ modelPath: 'tinyml-tu-modelo', modelArtifactsInfo: { weightDataBytes: 4 } });
        tx.objectStore('models_store').put({ modelPath: 'ajeno', modelArtifacts: {} });
        tx.objectStore('model_info_store').put({ modelPath: 'ajeno', modelArtifactsInfo: {} });
        tx.oncomplete = () => { r.result.close(); res(); };
      };
    });
  });
}

test('ajustes: exportar, borrar tras confirmar, importar; un archivo ajeno no cambia nada', async ({ page }) => {
  await page.goto('/ajustes/');
  const box = page.locator('[data-storage]');
  await expect(box).toHaveAttribute('data-phase', 'listo');
  await seed(page);
  await page.reload();
  await expect(box).toHaveAttribute('data-phase', 'listo');
  const items = box.locator('[data-storage-list] li');
  await expect(items.filter({ hasText: 'Lecciones completadas' })).toContainText('2 lecciones completadas');
  await expect(items.filter({ hasText: 'Código que has editado en las celdas' })).toContainText('1 entrada');
  await expect(items.filter({ hasText: 'Otros datos del curso' })).toContainText('tinyml:algo-nuevo');
  await expect(items.filter({ hasText: 'Palabras clave (lección 17): tus grabaciones' })).toContainText('1 registro');
  await expect(items.filter({ hasText: '«Tu modelo» de dígitos' })).toContainText('indexeddb://tinyml-tu-modelo');
  await expect(items).toHaveCount(6);
  const before = await snapshot(page);

  const [dl] = await Promise.all([page.waitForEvent('download'), box.getByRole('button', { name: 'Exportar todo' }).click()]);
  expect(dl.suggestedFilename()).toMatch(/^curso-tinyml-respaldo-\d{4}-\d\d-\d\d\.json$/);
  const file = await readFile((await dl.path())!);
  const doc = JSON.parse(file.toString('utf8'));
  expect(doc.format).toBe('tinyml-respaldo');
  expect(Object.keys(doc.localStorage).sort()).toEqual(['tinyml:algo-nuevo', 'tinyml:celda:capas-y-matrices:a', 'tinyml:progreso', 'tinyml:tema']);
  expect(doc.tfjsModels.map((m: { modelPath: string }) => m.modelPath)).toEqual(['tinyml-tu-modelo']);

  // Erase: the dialog first; «Cancelar» keeps everything.
  await box.getByRole('button', { name: 'Borrar todo' }).click();
  const dialog = page.getByRole('dialog', { name: '¿Borrar todo lo que guardas?' });
  await expect(dialog).toBeVisible();
  expect(await axeViolations(page, ['[data-storage-dialog]'])).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
  expect(await snapshot(page)).toEqual(before);
  await box.getByRole('button', { name: 'Borrar todo' }).click();
  await dialog.getByRole('button', { name: 'Sí, borrar todo' }).click();
  await expect(box).toHaveAttribute('data-phase', 'borrado');
  await expect(items).toHaveText(['Nada: el curso no guarda aún ningún dato tuyo en este navegador.']);
  const erased = (await snapshot(page)) as Record<string, unknown>;
  expect(erased.ls).toEqual({});
  expect(JSON.stringify(erased.tfjs)).not.toContain('tinyml-tu-modelo');
  expect(JSON.stringify(erased.tfjs)).toContain('ajeno');
  expect(await page.evaluate(() => localStorage.getItem('otro-sitio'))).toBe('no es del curso');

  // Import the export: everything is back, byte for byte.
  const input = box.locator('[data-storage-file]');
  await input.setInputFiles({ name: 'respaldo.json', mimeType: 'application/json', buffer: file });
  await expect(box).toHaveAttribute('data-phase', 'importado');
  await expect(box.locator('[data-storage-status]')).toContainText('Importado «respaldo.json»: 4 entradas, 1 base de datos y 1 modelo.');
  expect(await snapshot(page)).toEqual(before);

  // Foreign, newer and damaged files: a clear message, nothing changes.
  const bad: [string, string][] = [
    ['{"format":"tinyml-motion-dataset","version":1}', 'no es un respaldo del curso de TinyML'],
    [JSON.stringify({ ...doc, version: 9 }), 'versión más nueva del curso'],
    [JSON.stringify({ ...doc, indexedDB: [{ ...doc.indexedDB[0], stores: 'roto' }] }), 'El respaldo está dañado: la base de datos «tinyml-kws» no tiene almacenes'],
    ['no soy json', 'no es un JSON válido'],
  ];
  for (const [body, message] of bad) {
    await input.setInputFiles({ name: 'malo.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    await expect(box).toHaveAttribute('data-phase', 'rechazado');
    await expect(box.locator('[data-storage-status]')).toContainText(message);
    await expect(box.locator('[data-storage-status]')).toContainText('No se ha cambiado nada.');
    expect(await snapshot(page)).toEqual(before);
    await box.evaluate((el) => { el.dataset.phase = 'listo'; });
  }
});

