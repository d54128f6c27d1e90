import { describe, expect, it } from 'vitest';
import { cachedTotal, downloadAll, parseOfflineList, progressText, resultText, type OfflineList } from '../../src/lib/offline/download';
import { classify, offlinePlan } from '../../scripts/offline/assets.mjs';

const list = (): OfflineList => ({
  format: 'tinyml-offline-assets', version: 1, cacheName: 'tinyml-pesados-x', totalBytes: 3 * 1048576 + 10,
  items: [{ url: '/a.wasm', bytes: 2 * 1048576 }, { url: '/b.bin', bytes: 1048576 }, { url: '/c.json', bytes: 10 }],
});

function fakeCache(initial: string[] = []) {
  const m = new Map<string, Response>(initial.map((u) => [u, new Response('old')]));
  return { m, cache: { match: async (u: string) => m.get(u), put: async (u: string, r: Response) => void m.set(u, r) } };
}
const body = (n: number) => new Response(new Uint8Array(n));

describe('downloadAll', () => {
  it('fetches what is missing, skips what is cached, reports bytes', async () => {
    const { m, cache } = fakeCache(['/b.bin']);
    const fetched: string[] = [];
    const seen: number[] = [];
    const l = list();
    const r = await downloadAll(l, {
      cache,
      fetch: async (u) => (fetched.push(u), body(l.items.find((i) => i.url === u)!.bytes)),
      onProgress: (p) => seen.push(p.doneBytes),
      concurrency: 1,
    });
    expect(r).toEqual({ skipped: 1, fetched: 2, failed: [] });
    expect(fetched).toEqual(['/a.wasm', '/c.json']);
    expect(m.size).toBe(3);
    expect((await (await cache.match('/a.wasm'))!.arrayBuffer()).byteLength).toBe(2 * 1048576);
    expect(seen.at(-1)).toBe(l.totalBytes);
    expect(Math.max(...seen)).toBe(l.totalBytes);
  });

  it('offline half way: lists the failed items, keeps the rest, and a second run resumes', async () => {
    const { m, cache } = fakeCache();
    let online = true;
    const l = list();
    const fetchFn = async (u: string) => {
      if (!online || u === '/b.bin') throw new TypeError('Failed to fetch');
      return body(5);
    };
    const first = await downloadAll(l, { cache, fetch: async (u) => { const r = await fetchFn(u); if (u === '/a.wasm') online = false; return r; }, concurrency: 1 });
    expect(first.fetched).toBe(1);
    expect(first.failed).toEqual([{ url: '/b.bin', reason: 'sin conexión' }, { url: '/c.json', reason: 'sin conexión' }]);
    expect([...m.keys()]).toEqual(['/a.wasm']);
    expect(resultText(l, first)).toBe('No se pudieron descargar 2 de 3 archivos: b.bin (sin conexión), c.json (sin conexión). Lo que ya se descargó (1 archivo) se queda guardado; pulsa «Reanudar la descarga» cuando vuelvas a tener conexión.');
    online = true;
    const again = await downloadAll(l, { cache, fetch: async () => body(5) });
    expect(again).toEqual({ skipped: 1, fetched: 2, failed: [] });
    expect(resultText(l, again)).toContain('Listo: los 3 archivos pesados');
  });

  it('an HTTP error is a failure with its status', async () => {
    const { cache } = fakeCache();
    const r = await downloadAll(list(), { cache, fetch: async () => new Response('', { status: 404 }) });
    expect(r.failed.map((f) => f.reason)).toEqual(['el servidor respondió 404', 'el servidor respondió 404', 'el servidor respondió 404']);
  });
});

describe('texts and list', () => {
  it('progress in Spanish MB and items', () => {
    expect(progressText({ doneBytes: 1.5 * 1048576, totalBytes: 40.25 * 1048576, doneItems: 3, totalItems: 32 })).toBe('1,5 de 40,3 MB · 3 de 32 archivos');
  });
  it('cachedTotal sums the listed sizes of the cached URLs', () => {
    expect(cachedTotal(list(), new Set(['/a.wasm', '/c.json', '/otro']))).toEqual({ items: 2, bytes: 2 * 1048576 + 10 });
  });
  it('parseOfflineList accepts the build’s list and rejects others', () => {
    expect(parseOfflineList(list())).toEqual(list());
    expect(parseOfflineList({ format: 'x' })).toMatch(/no es la del curso/);
    expect(parseOfflineList({ ...list(), version: 2 })).toMatch(/otra versión/);
    expect(parseOfflineList({ ...list(), items: [{ url: 'a', bytes: 1 }] })).toMatch(/mal formada/);
  });
});

describe('build classification (scripts/offline/assets.mjs)', () => {
  it('pages and small code are light; wasm, big code, data, models and LiteRT are heavy; unused files skipped', () => {
    expect(classify({ path: 'lecciones/x/index.html', bytes: 400_000 })).toBe('light');
    expect(classify({ path: '_astro/page.abc.js', bytes: 20_000 })).toBe('light');
    expect(classify({ path: 'pagefind/pagefind.js', bytes: 30_000 })).toBe('light');
    expect(classify({ path: 'manifest.webmanifest', bytes: 800 })).toBe('light');
    expect(classify({ path: '_astro/worker-x.js', bytes: 2_000_000 })).toBe('heavy');
    expect(classify({ path: '_astro/tfjs-backend-wasm.x.wasm', bytes: 300_000 })).toBe('heavy');
    expect(classify({ path: 'models/default-cnn/model.json', bytes: 2_000 })).toBe('heavy');
    expect(classify({ path: 'data/mnist-10k.bin', bytes: 7_000_000 })).toBe('heavy');
    expect(classify({ path: 'pagefind/pagefind-ui.js', bytes: 100 })).toBe('skip');
    expect(classify({ path: 'pagefind/pagefind-highlight.js', bytes: 100 })).toBe('skip');
    expect(classify({ path: 'pruebas/litert/index.html', bytes: 100 })).toBe('skip');
    expect(classify({ path: '_astro/KaTeX_Main.ttf', bytes: 100 })).toBe('skip');
    expect(classify({ path: 'sw.js', bytes: 100 })).toBe('skip');
  });
  it('the cache name follows the heavy files’ contents; the route pattern matches only them', () => {
    const files = [{ path: 'data/a.bin', bytes: 5 }, { path: 'index.html', bytes: 9 }];
    const p1 = offlinePlan(files, () => 'h1');
    const p2 = offlinePlan(files, (p) => (p === 'index.html' ? 'other' : 'h1'));
    const p3 = offlinePlan(files, () => 'h2');
    expect(p1.cacheName).toBe(p2.cacheName);
    expect(p1.cacheName).not.toBe(p3.cacheName);
    expect(p1.list.items).toEqual([{ url: '/data/a.bin', bytes: 5 }]);
    const re = new RegExp(p1.heavyPattern);
    expect(re.test('http://127.0.0.1:4321/data/a.bin')).toBe(true);
    expect(re.test('http://127.0.0.1:4321/data/a.bin?v=2')).toBe(true);
    expect(re.test('http://127.0.0.1:4321/data/a.bin2')).toBe(false);
    expect(re.test('http://127.0.0.1:4321/index.html')).toBe(false);
  });
});
