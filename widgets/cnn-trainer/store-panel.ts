/**
 * The «tu modelo» panel of the trainer (DOM): save to IndexedDB, download the two files, load
 * them back. The Worker does the tfjs work; this panel checks uploads (lib/cnn/store.ts) so a
 * wrong file gets a Spanish message, and turns an export into two downloads.
 */
import { checkUpload, DOWNLOAD_JSON, DOWNLOAD_WEIGHTS } from '../lib/cnn/store';
import type { FromWorker, ToWorker } from '../lib/cnn/protocol';
import { button, h, uniqueId } from '../lib/widget/dom';

export interface StorePanelOptions {
  send: (m: ToWorker) => void;
  /** Tells the page that «tu modelo» changed (other widgets reload it). */
  announce: () => void;
}

export class StorePanel {
  readonly root: HTMLElement;
  #o: StorePanelOptions;
  #save: HTMLButtonElement;
  #download: HTMLButtonElement;
  #file: HTMLInputElement;
  #msg: HTMLElement;
  #hasModel = false;
  #busy = false;

  constructor(o: StorePanelOptions) {
    this.#o = o;
    this.#save = button('Guardar como «tu modelo»', () => this.#request({ type: 'save' }, 'Guardando…'), { class: 'btn btn-quiet' });
    this.#download = button('Descargar «tu modelo»', () => this.#request({ type: 'export' }, 'Preparando la descarga…'), { class: 'btn btn-quiet' });
    const id = uniqueId('ct-file');
    this.#file = h('input', { type: 'file', id, multiple: true, accept: '.json,.bin,application/json,application/octet-stream' });
    this.#file.addEventListener('change', () => void this.#load());
    this.#msg = h('p', { class: 'ct-store-msg', role: 'status' });
    this.root = h('section', { class: 'ct-store', 'aria-label': 'Tu modelo' },
      h('h3', { text: 'Tu modelo' }),
      h('p', { class: 'ct-note', text: 'Al terminar, el modelo se guarda en este navegador como «tu modelo» (las lecciones 12 y 13 lo convierten). Puedes descargarlo (un .json y un .bin) y volver a cargarlo más tarde.' }),
      h('div', { class: 'ct-actions' }, this.#save, this.#download),
      h('div', { class: 'ctl ct-upload' }, h('label', { for: id, text: 'Cargar un modelo descargado (elige el .json y el .bin a la vez)' }), this.#file),
      this.#msg,
    );
    this.#sync();
  }

  setHasModel(v: boolean): void {
    this.#hasModel = v;
    this.#sync();
  }

  setBusy(v: boolean): void {
    this.#busy = v;
    this.#sync();
  }

  saved(text: string): void {
    this.#show(text, false);
    this.#o.announce();
  }

  error(text: string): void {
    this.#show(text, true);
  }

  onMessage(m: Extract<FromWorker, { type: 'saved' | 'exported' }>): void {
    if (m.type === 'saved') {
      this.saved(m.message);
      return;
    }
    this.#downloadFile(new Blob([m.json], { type: 'application/json' }), DOWNLOAD_JSON);
    this.#downloadFile(new Blob([m.weights], { type: 'application/octet-stream' }), DOWNLOAD_WEIGHTS);
    this.#show(`Descargados «${DOWNLOAD_JSON}» y «${DOWNLOAD_WEIGHTS}». Guárdalos juntos: el .json nombra al .bin.`, false);
  }

  #sync(): void {
    this.#save.disabled = !this.#hasModel || this.#busy;
    this.#download.disabled = this.#busy;
    this.#file.disabled = this.#busy;
  }

  #request(m: ToWorker, text: string): void {
    this.#show(text, false);
    this.#o.send(m);
  }

  #show(text: string, isError: boolean): void {
    this.#msg.textContent = text;
    this.#msg.classList.toggle('ct-error', isError);
  }

  #downloadFile(blob: Blob, name: string): void {
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async #load(): Promise<void> {
    const files = [...(this.#file.files ?? [])];
    const json = files.find((f) => /\.json$/i.test(f.name));
    let text: string | null = null;
    try {
      text = json ? await json.text() : null;
    } catch {
      text = null;
    }
    const check = checkUpload(files, text);
    this.#file.value = '';
    if (!check.ok) {
      this.error(check.message);
      return;
    }
    this.#request({ type: 'import', files: [files[check.json]!, ...check.weights.map((i) => files[i]!)] }, 'Cargando el modelo…');
  }
}
