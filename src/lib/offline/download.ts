/**
 * «Descargar el curso para usarlo sin conexión»: the heavy files listed at build time in
 * /offline-assets.json (scripts/offline/assets.mjs) go into the service worker's runtime cache,
 * the same one its CacheFirst route reads. Pure except for the injected cache and fetch, so it
 * is unit-tested with fakes. Sizes are bytes; URLs are site paths («/data/mnist-10k.bin»).
 */
import { intText, megabytesText } from '../../../widgets/lib/format/number';

export const OFFLINE_LIST_URL = '/offline-assets.json';
export const OFFLINE_LIST_FORMAT = 'tinyml-offline-assets';

export interface OfflineItem {
  url: string;
  bytes: number;
}
export interface OfflineList {
  format: typeof OFFLINE_LIST_FORMAT;
  version: 1;
  cacheName: string;
  totalBytes: number;
  items: OfflineItem[];
}

/** The list, or a Spanish reason why it is not one. */
export function parseOfflineList(x: unknown): OfflineList | string {
  const o = x as Partial<OfflineList> | null;
  if (!o || typeof o !== 'object' || o.format !== OFFLINE_LIST_FORMAT) return 'la lista de archivos para usar sin conexión no es la del curso';
  if (o.version !== 1) return 'la lista de archivos para usar sin conexión es de otra versión del curso: recarga la página';
  if (typeof o.cacheName !== 'string' || !o.cacheName || !Array.isArray(o.items)) return 'la lista de archivos para usar sin conexión está incompleta';
  for (const i of o.items) {
    if (!i || typeof i.url !== 'string' || !i.url.startsWith('/') || !Number.isFinite(i.bytes) || i.bytes < 0) return 'la lista de archivos para usar sin conexión tiene una entrada mal formada';
  }
  const items = o.items.map((i) => ({ url: i.url, bytes: i.bytes }));
  return { format: OFFLINE_LIST_FORMAT, version: 1, cacheName: o.cacheName, items, totalBytes: items.reduce((s, i) => s + i.bytes, 0) };
}

/** What the page needs of a Cache (the real one, or a fake in tests). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, res: Response): Promise<void>;
}

export interface Progress {
  doneItems: number;
  totalItems: number;
  doneBytes: number;
  totalBytes: number;
}

export interface Failure {
  url: string;
  reason: string;
}

export interface DownloadResult {
  /** Items already in the cache before this run (a resumed download skips them). */
  skipped: number;
  fetched: number;
  failed: Failure[];
}

/** Spanish reason for a failed fetch or write. */
export function failureReason(e: unknown): string {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'no queda espacio para esta página en el navegador';
  if (name === 'AbortError') return 'descarga cancelada';
  if (e instanceof TypeError) return 'sin conexión';
  return e instanceof Error && e.message ? e.message : String(e);
}

/**
 * Fetches every item not yet in `cache` (`concurrency` at a time) and stores it. Never throws:
 * failures are listed and the rest go on; what was stored stays stored, so calling it again
 * resumes. `onProgress` gets byte-level progress (bytes of items in the cache + bytes read so far).
 */
export async function downloadAll(
  list: OfflineList,
  deps: { cache: CacheLike; fetch: (url: string) => Promise<Response>; onProgress?: (p: Progress) => void; concurrency?: number },
): Promise<DownloadResult> {
  const result: DownloadResult = { skipped: 0, fetched: 0, failed: [] };
  const p: Progress = { doneItems: 0, totalItems: list.items.length, doneBytes: 0, totalBytes: list.totalBytes };
  const report = (extra = 0): void => deps.onProgress?.({ ...p, doneBytes: p.doneBytes + extra });
  const inFlight = new Map<string, number>();
  const partial = (): number => [...inFlight.values()].reduce((s, b) => s + b, 0);
  const queue = [...list.items];
  report();
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        if (await deps.cache.match(item.url)) {
          result.skipped++;
        } else {
          const res = await deps.fetch(item.url);
          if (!res.ok) throw new Error(`el servidor respondió ${res.status}`);
          const body = await readCounting(res, (n) => {
            inFlight.set(item!.url, n);
            report(partial());
          });
          await deps.cache.put(item.url, new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers }));
          result.fetched++;
        }
        p.doneItems++;
        p.doneBytes += item.bytes;
      } catch (e) {
        result.failed.push({ url: item.url, reason: failureReason(e) });
      } finally {
        inFlight.delete(item.url);
      }
      report(partial());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 3) }, worker));
  result.failed.sort((a, b) => a.url.localeCompare(b.url));
  return result;
}

/** The whole body, calling `onBytes(total so far)` as chunks arrive. */
async function readCounting(res: Response, onBytes: (n: number) => void): Promise<Blob> {
  if (!res.body) {
    const b = await res.blob();
    onBytes(b.size);
    return b;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    n += value.byteLength;
    onBytes(n);
  }
  return new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? '' });
}

/** «12,3 de 38,9 MB · 5 de 21 archivos». */
export function progressText(p: Progress): string {
  return `${megabytesText(p.doneBytes).replace(' MB', '')} de ${megabytesText(p.totalBytes)} · ${intText(p.doneItems)} de ${intText(p.totalItems)} archivos`;
}

/** Items of `list` whose URL is in `cached` (site paths) and their listed bytes: the cache's own total. */
export function cachedTotal(list: OfflineList, cached: ReadonlySet<string>): { items: number; bytes: number } {
  let items = 0;
  let bytes = 0;
  for (const i of list.items) {
    if (cached.has(i.url)) {
      items++;
      bytes += i.bytes;
    }
  }
  return { items, bytes };
}

/** The sentence after a run: done, or which items failed and that it can resume. */
export function resultText(list: OfflineList, r: DownloadResult): string {
  if (r.failed.length === 0) return `Listo: los ${intText(list.items.length)} archivos pesados del curso están guardados en este navegador. Todas las lecciones y sus demostraciones funcionan sin conexión.`;
  const kept = list.items.length - r.failed.length;
  const names = r.failed.map((f) => `${f.url.split('/').pop()} (${f.reason})`).join(', ');
  const keptText = kept === 0 ? 'No se ha guardado ninguno todavía' : `Lo que ya se descargó (${intText(kept)} ${kept === 1 ? 'archivo' : 'archivos'}) se queda guardado`;
  return `No se pudieron descargar ${intText(r.failed.length)} de ${intText(list.items.length)} archivos: ${names}. ${keptText}; pulsa «Reanudar la descarga» cuando vuelvas a tener conexión.`;
}
