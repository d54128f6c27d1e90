/**
 * Files in and out of a widget (DOM; views only).
 * - downloadFile: a Blob behind an object URL, clicked through a hidden <a download>, the URL
 *   revoked once the browser has taken the file.
 * - filePicker: a labelled Spanish button that opens a hidden <input type=file> (never the
 *   browser's own «Choose files / No file chosen», which is in the browser's language) and a drop
 *   zone; both hand the chosen File objects to `onFiles`. The zone holds the button, so it is one
 *   element to place. Reading the files (text, bytes) is the caller's: each widget says in Spanish
 *   what was wrong with a file.
 */
import { button, h } from './dom';
import './files.css';

export function downloadFile(data: Uint8Array | string | Blob, name: string, type = 'application/octet-stream'): void {
  const blob = data instanceof Blob ? data : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The download starts asynchronously; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface FilePickerOptions {
  /** The button's text, e.g. «Elegir un archivo .tflite». */
  label: string;
  /** The input's accept attribute ('' = anything). */
  accept?: string;
  multiple?: boolean;
  /** The drop zone's hint, e.g. «…o suéltalo aquí». */
  dropText?: string;
  onFiles: (files: File[]) => void;
}

export interface FilePicker {
  /** The drop zone, holding the button, the hint and the hidden input: the one element to place. */
  zone: HTMLElement;
  button: HTMLButtonElement;
  input: HTMLInputElement;
  /** Enables or disables both ways in. */
  setDisabled(off: boolean): void;
}

export function filePicker(o: FilePickerOptions): FilePicker {
  const input = h('input', { type: 'file', accept: o.accept ?? '', hidden: true, tabindex: -1, 'aria-hidden': 'true', class: 'wf-input' });
  input.multiple = o.multiple ?? false;
  let disabled = false;
  const take = (list: FileList | File[] | null | undefined): void => {
    const files = list ? [...list] : [];
    if (disabled || files.length === 0) return;
    o.onFiles(o.multiple ? files : files.slice(0, 1));
  };
  input.addEventListener('change', () => {
    take(input.files);
    input.value = '';
  });
  const btn = button(o.label, () => input.click(), { class: 'btn btn-quiet' });
  const zone = h('div', { class: 'wf-drop' }, btn, h('span', { class: 'wf-hint', text: o.dropText ?? '…o suéltalo aquí' }), input);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (!disabled) zone.dataset.over = '';
  });
  zone.addEventListener('dragleave', () => delete zone.dataset.over);
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    delete zone.dataset.over;
    take(e.dataTransfer?.files);
  });
  return {
    zone, button: btn, input,
    setDisabled(off) {
      disabled = off;
      btn.disabled = off;
      input.disabled = off;
    },
  };
}
