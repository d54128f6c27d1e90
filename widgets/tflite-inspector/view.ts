/**
 * <tinyml-tflite-inspector>: the student chooses or drops ANY file; a .tflite is read in the page
 * (nothing is uploaded) and shown as in the converter (operators, tensors, shapes, types,
 * quantization, buffer bytes). A file that is not a readable .tflite gets a Spanish message and
 * the previous inspection stays visible. Two built-in examples (a 4-input classifier in float32 and
 * int8) need no download. Pure logic: lib/tflite/describe.ts; drawing: lib/tflite/inspect-view.ts.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h } from '../lib/widget/dom';
import { filePicker } from '../lib/widget/files';
import { oneOf } from '../lib/state/schema';
import { exampleFloatModel, exampleInt8Model, writeTflite } from '../lib/tflite';
import { checkTfliteFile, describeModel, sizeProblem } from '../lib/tflite/describe';
import { fmtBytes } from '../lib/tflite/format';
import { renderInspection } from '../lib/tflite/inspect-view';
import './style.css';

const schema = {
  /** Built-in example shown on load ('ninguno': wait for a file). */
  ejemplo: oneOf(['ninguno', 'float32', 'int8'] as const, 'ninguno'),
};

const EXAMPLE_NAME = { float32: 'ejemplo_float32.tflite', int8: 'ejemplo_int8.tflite' } as const;

class TfliteInspector extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #shown: string | null = null;
  #seq = 0;
  #el!: { open: HTMLElement; msg: HTMLElement; title: HTMLElement; out: HTMLElement };

  protected setup(): void {
    const picker = filePicker({ label: 'Elegir un archivo .tflite', dropText: '…o suéltalo aquí (cualquier archivo: si no es un modelo, te decimos qué parece)', onFiles: ([f]) => void this.#open(f!) });
    this.#el = {
      open: h('div', { class: 'tl-open' },
        picker.zone,
        h('p', { class: 'tl-note', text: 'El archivo se lee en tu navegador; no se envía a ningún sitio.' }),
        h('div', { class: 'tl-row' },
          button('Ver el ejemplo float32', () => this.setState({ ejemplo: 'float32' }), { class: 'btn btn-quiet' }),
          button('Ver el ejemplo int8', () => this.setState({ ejemplo: 'int8' }), { class: 'btn btn-quiet' }))),
      msg: h('p', { class: 'tl-msg', role: 'status' }),
      title: h('p', { class: 'tl-io-label' }),
      out: h('div', { class: 'tl-inspection' }),
    };
    const e = this.#el;
    this.append(e.open, e.msg, e.title, e.out);
    this.dataset.shown = '';
  }

  protected update(): void {
    const ex = this.state.ejemplo;
    if (ex === 'ninguno') {
      if (this.#shown === null) this.#el.title.textContent = 'Aún no has elegido ningún archivo.';
      return;
    }
    const name = EXAMPLE_NAME[ex];
    if (this.#shown === name) return;
    const bytes = writeTflite(ex === 'float32' ? exampleFloatModel() : exampleInt8Model());
    this.#show(name, bytes, 'Ejemplo del curso: 4 entradas → capa densa de 3 neuronas → softmax.');
  }

  async #open(f: File): Promise<void> {
    const seq = ++this.#seq;
    const tooBig = sizeProblem(f.size);
    if (tooBig) return this.#error(f.name, tooBig);
    this.#el.msg.dataset.kind = 'ok';
    this.#el.msg.textContent = `Leyendo «${f.name}»…`;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await f.arrayBuffer());
    } catch {
      return this.#error(f.name, 'El navegador no pudo leer el archivo.');
    }
    if (seq !== this.#seq) return;
    this.#show(f.name, bytes, null);
  }

  #show(name: string, bytes: Uint8Array, note: string | null): void {
    const res = checkTfliteFile(bytes);
    if (!res.ok) return this.#error(name, res.message);
    const d = describeModel(res.info);
    renderInspection(this.#el.out, d, `«${name}»`);
    this.#shown = name;
    this.#el.title.textContent = `«${name}»: ${fmtBytes(bytes.length)}.`;
    this.#el.msg.dataset.kind = 'ok';
    this.#el.msg.textContent = note ?? `«${name}» es un modelo TensorFlow Lite válido: ${d.ops.length} operaciones y ${d.tensors.length} tensores.`;
    this.dataset.shown = name;
    this.dataset.ops = d.ops.map((o) => o.opName).join(',');
    delete this.dataset.error;
  }

  #error(name: string, message: string): void {
    const keep = this.#shown ? ` Sigue a la vista la inspección anterior («${this.#shown}»).` : '';
    this.#el.msg.dataset.kind = 'error';
    this.#el.msg.textContent = `«${name}» no se puede inspeccionar. ${message}${keep}`;
    this.dataset.error = '1';
  }
}

defineWidget('tflite-inspector', TfliteInspector);
