// View of every [data-offline-download] box (components/OfflineDownload.astro): reads
// /offline-assets.json, shows what is already in the heavy cache, downloads the rest with a
// progress bar, frees the cache. States on the box's data-phase: 'cargando' · 'sin-soporte' ·
// 'parcial' (some or none cached) · 'descargando' · 'completo' · 'incompleto' (a run failed;
// what it fetched is kept) · 'liberado'.
import { cachedTotal, downloadAll, OFFLINE_LIST_URL, parseOfflineList, progressText, resultText, type OfflineList } from '../lib/offline/download';
import { sizeText } from '../../widgets/lib/format/number';
import { parts } from './dom-parts';

async function cachedUrls(list: OfflineList): Promise<Set<string>> {
  if (!(await caches.has(list.cacheName))) return new Set();
  const cache = await caches.open(list.cacheName);
  const keys = await cache.keys();
  return new Set(keys.map((r) => new URL(r.url).pathname));
}

function setup(box: HTMLElement): void {
  type Parts = { start: HTMLButtonElement; free: HTMLButtonElement; bar: HTMLProgressElement; text: HTMLElement; space: HTMLElement };
  const { start, free, bar, text, space } = parts<Parts>(box, 'dl', ['start', 'free', 'bar', 'text', 'space']);
  const phase = (p: string): void => {
    box.dataset.phase = p;
  };
  let list: OfflineList | null = null;

  const showSpace = async (): Promise<void> => {
    if (!list) return;
    const mine = cachedTotal(list, await cachedUrls(list));
    const est = await navigator.storage?.estimate?.().catch(() => null);
    const all = est?.usage !== undefined ? ` En total, el curso ocupa ${sizeText(est.usage)} en este navegador (páginas, archivos y tus datos).` : '';
    space.textContent = `Archivos pesados guardados: ${mine.items} de ${list.items.length} (${sizeText(mine.bytes)} de ${sizeText(list.totalBytes)}).${all}`;
    free.disabled = mine.items === 0;
    return void (box.dataset.cached = String(mine.items));
  };

  const init = async (): Promise<void> => {
    phase('cargando');
    if (!('caches' in window)) {
      phase('sin-soporte');
      text.textContent = 'Este navegador no deja guardar archivos para usarlos sin conexión (¿una ventana privada?).';
      start.disabled = true;
      free.disabled = true;
      return;
    }
    try {
      const res = await fetch(OFFLINE_LIST_URL);
      if (!res.ok) throw new Error(String(res.status));
      const parsed = parseOfflineList(await res.json());
      if (typeof parsed === 'string') throw new Error(parsed);
      list = parsed;
    } catch {
      phase('sin-soporte');
      text.textContent = 'La descarga para usar sin conexión funciona en el sitio construido (no con «astro dev»).';
      start.disabled = true;
      free.disabled = true;
      return;
    }
    const mine = cachedTotal(list, await cachedUrls(list));
    start.textContent = mine.items > 0 && mine.items < list.items.length ? 'Reanudar la descarga' : 'Descargar el curso para usarlo sin conexión';
    phase(mine.items === list.items.length ? 'completo' : 'parcial');
    text.textContent = mine.items === list.items.length
      ? 'Todo está descargado: el curso entero funciona sin conexión en este navegador.'
      : `Las páginas se guardan solas al visitar el curso. Las demostraciones pesadas (TensorFlow.js, LiteRT, modelos y datos: ${list.items.length} archivos, ${sizeText(list.totalBytes)}) se guardan al usarlas o, con este botón, todas a la vez.`;
    await showSpace();
  };

  start.addEventListener('click', async () => {
    if (!list) return;
    const l = list;
    phase('descargando');
    start.disabled = true;
    free.disabled = true;
    bar.hidden = false;
    bar.max = l.totalBytes || 1;
    const cache = await caches.open(l.cacheName);
    const r = await downloadAll(l, {
      cache: { match: (u) => cache.match(u, { ignoreVary: true }), put: (u, res) => cache.put(u, res) },
      fetch: (u) => fetch(u),
      onProgress: (p) => {
        bar.value = p.doneBytes;
        text.textContent = `Descargando: ${progressText(p)}`;
      },
    });
    void navigator.storage?.persist?.().catch(() => false);
    text.textContent = resultText(l, r);
    box.dataset.failed = String(r.failed.length);
    phase(r.failed.length === 0 ? 'completo' : 'incompleto');
    start.textContent = r.failed.length === 0 ? 'Descargar el curso para usarlo sin conexión' : 'Reanudar la descarga';
    start.disabled = false;
    if (r.failed.length === 0) bar.hidden = true;
    await showSpace();
  });

  free.addEventListener('click', async () => {
    if (!list) return;
    free.disabled = true;
    await caches.delete(list.cacheName);
    phase('liberado');
    bar.hidden = true;
    start.textContent = 'Descargar el curso para usarlo sin conexión';
    text.textContent = 'Espacio liberado: los archivos pesados se volverán a descargar cuando los uses (con conexión).';
    await showSpace();
  });

  void init();
}

export function initOfflineDownload(): void {
  for (const box of document.querySelectorAll<HTMLElement>('[data-offline-download]')) setup(box);
}
