/**
 * The «tu modelo» panel of the trainer (DOM): save to IndexedDB, download the two files, load
 * them back. The Worker does the tfjs work; this panel checks uploads (lib/cnn/store.ts) so a
 * wrong file gets a Spanish message, and turns an export into two downloads.
 */
import { checkUpload, DOWNLOAD_JSON, DOWNLOAD_WEIGHTS } from '../lib/cnn/store';
import type { FromWorker, ToWorker } from '../lib/cnn/protocol';
import { button, h } from '../lib/widget/dom';
import { downloadFile, filePicker, type FilePicker } from '../lib/widget/files';

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
  #picker: FilePicker;
  #msg: HTMLElement;
  #hasModel = false;
  #busy = false;

  constructor(o: StorePanelOptions) {
    this.#o = o;
    this.#save = button('Guardar como «tu modelo»', () => this.#request({ type: 'save' }, 'Guardando…'), { class: 'btn btn-quiet' });
    this.#download = button('Descargar «tu modelo»', () => this.#request({ type: 'export' }, 'Preparando la descarga…'), { class: 'btn btn-quiet' });
    this.#picker = filePicker({
      label: 'Cargar un modelo descargado', accept: '.json,.bin,application/json,application/octet-stream', multiple: true,
      dropText: '…o suelta aquí el .json y el .bin a la vez', onFiles: (files) => void this.#load(files),
    });
    this.#msg = h('p', { class: 'ct-store-msg', role: 'status' });
    this.root = h('section', { class: 'ct-store', 'aria-label': 'Tu modelo' },
      h('h3', { text: 'Tu modelo' }),
      h('p', { class: 'ct-note', text: 'Al terminar, el modelo se guarda en este navegador como «tu modelo» (las lecciones 12 y 13 lo convierten). Puedes descargarlo (un .json y un .bin) y volver a cargarlo más tarde.' }),
      h('div', { class: 'ct-actions' }, this.#save, this.#download),
      this.#picker.zone,
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
    downloadFile(new Blob([m.json], { type: 'application/json' }), DOWNLOAD_JSON);
    downloadFile(new Blob([m.weights], { type: 'application/octet-stream' }), DOWNLOAD_WEIGHTS);
    this.#show(`Descargados «${DOWNLOAD_JSON}» y «${DOWNLOAD_WEIGHTS}». Guárdalos juntos: el .json nombra al .bin.`, false);
  }

  #sync(): void {
    this.#save.disabled = !this.#hasModel || this.#busy;
    this.#download.disabled = this.#busy;
    this.#picker.setDisabled(this.#busy);
  }

  #request(m: ToWorker, text: string): void {
    this.#show(text, false);
    this.#o.send(m);
  }

  #show(text: string, isError: boolean): void {
    this.#msg.textContent = text;
    this.#msg.classList.toggle('ct-error', isError);
  }

  async #load(files: File[]): Promise<void> {
    const json = files.find((f) => /\.json$/i.test(f.name));
    let text: string | null = null;
    try {
      text = json ? await json.text() : null;
    } catch {
      text = null;
    }
    const check = checkUpload(files, text);
    if (!check.ok) {
      this.error(check.message);
      return;
    }
    this.#request({ type: 'import', files: [files[check.json]!, ...check.weights.map((i) => files[i]!)] }, 'Cargando el modelo…');
  }
}
