/**
 * File plumbing of the capture widget (DOM): downloads through a hidden <a download>, and file
 * picking through a labelled Spanish button that opens a hidden <input type=file> (never the
 * browser's own «Choose files») plus a drop zone. Files are handed over as { name, text }.
 */
import { button, h } from '../lib/widget/dom';
import type { ImportInput, OutFile } from './io';

export function download(f: OutFile): void {
  const url = URL.createObjectURL(new Blob([f.text], { type: f.type }));
  const a = h('a', { href: url, download: f.name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The download starts asynchronously; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function readAll(list: FileList | File[]): Promise<ImportInput[]> {
  return Promise.all([...list].map(async (f) => ({ name: f.name, text: await f.text() })));
}

export interface FilePicker {
  button: HTMLButtonElement;
  input: HTMLInputElement;
  zone: HTMLElement;
}

/**
 * A button «label» and a drop zone that both end in `onFiles`. `accept`: the input's accept
 * attribute. Read errors reach `onError` with the browser's reason.
 */
export function filePicker(label: string, accept: string, onFiles: (files: ImportInput[]) => void, onError: (message: string) => void): FilePicker {
  const input = h('input', { type: 'file', accept, multiple: true, hidden: true, tabindex: -1, 'aria-hidden': 'true', class: 'mc-file' });
  const take = (list: FileList | File[] | null): void => {
    if (!list || list.length === 0) return;
    readAll(list).then(onFiles, (e: unknown) => onError(`No se pudieron leer los archivos: ${e instanceof Error ? e.message : String(e)}`));
  };
  input.addEventListener('change', () => {
    take(input.files);
    input.value = '';
  });
  const btn = button(label, () => input.click(), { class: 'btn btn-quiet' });
  const zone = h('div', { class: 'mc-drop' }, h('span', { text: '…o suelta aquí archivos CSV de Edge Impulse o el JSON del conjunto' }));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('mc-drop-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('mc-drop-over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('mc-drop-over');
    take(e.dataTransfer ? [...e.dataTransfer.files] : null);
  });
  return { button: btn, input, zone };
}
