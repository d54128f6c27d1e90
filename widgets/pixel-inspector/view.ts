import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, h, numberInput, resized, select, uniqueId } from '../lib/widget/dom';
import { bool, int, oneOf } from '../lib/state/schema';
import { imageBytes, type MnistData } from '../lib/data/mnist';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { pickIndex } from '../lib/data/digits';
import { DrawPad, paintGray, rasterizeStrokes, toBytes } from '../lib/draw';
import {
  SIZE, WINDOW, darkTextOn, describeCell, describeImage, formatPixel, moveFocus, pixelAt, windowAround, type Cell,
} from './core';
import { cellAt, paintGrid } from './grid-canvas';
import './style.css';

const TEST_MAX = 1999;
const schema = {
  source: oneOf(['mnist', 'draw'] as const, 'mnist'),
  /** Index in the MNIST test split. */
  index: int(3, 0, TEST_MAX),
  /** «Otro dígito» shows pickIndex(seed + 1) and stores the new seed. */
  seed: int(1, 0, 1_000_000),
  norm: bool(false),
  row: int(10, 0, SIZE - 1),
  col: int(16, 0, SIZE - 1),
};

const grey = (v: number): string => `rgb(${v} ${v} ${v})`;

class PixelInspector extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #data: MnistData | null = null;
  #error: string | null = null;
  #drawn: Uint8Array = new Uint8Array(SIZE * SIZE);
  #drawVersion = 0;
  #pad!: DrawPad;
  #padBox!: HTMLElement;
  #grid!: HTMLElement;
  #canvas!: HTMLCanvasElement;
  #mag!: HTMLElement;
  #magCells: HTMLElement[] = [];
  #magCols: HTMLElement[] = [];
  #magRows: HTMLElement[] = [];
  #thumb!: HTMLCanvasElement;
  #readout!: HTMLElement;
  #about!: HTMLElement;
  #status!: HTMLElement;
  #ctl!: { source: ReturnType<typeof select<'mnist' | 'draw'>>; index: ReturnType<typeof numberInput>; norm: HTMLInputElement };
  /** Which image the real-size thumbnail shows, so a focus move does not repaint it. */
  #shown = '';

  protected setup(): void {
    const s = this.state;
    const source = select({
      label: 'Imagen',
      options: [{ value: 'mnist', label: 'Dígito de MNIST' }, { value: 'draw', label: 'Dibujo propio' }],
      value: s.source,
      onChange: (v) => this.setState({ source: v }),
    });
    const index = numberInput({
      label: `Imagen de prueba (0 a ${TEST_MAX})`, min: 0, max: TEST_MAX, step: 1, value: s.index,
      onInput: (v) => this.setState({ index: Math.round(v), source: 'mnist' }),
    });
    const other = button('Otro dígito', () => {
      const seed = (this.state.seed + 1) % 1_000_000;
      this.setState({ seed, index: pickIndex(seed, this.#testCount()), source: 'mnist' });
    });
    const normId = uniqueId('pi-norm');
    const norm = h('input', { type: 'checkbox', id: normId });
    this.listen(norm, 'change', () => this.setState({ norm: norm.checked }));
    this.#ctl = { source, index, norm };

    const canvas = h('canvas', { class: 'pi-pad-canvas', role: 'img', 'aria-label': 'Recuadro para dibujar un dígito con el ratón, un lápiz o el dedo' });
    this.#pad = new DrawPad(canvas, { onChange: (strokes) => this.#onDraw(strokes) });
    this.onCleanup(() => this.#pad.destroy());
    this.#padBox = h('div', { class: 'pi-pad' },
      canvas,
      h('div', { class: 'pi-pad-row' },
        button('Borrar', () => this.#pad.clear(), { class: 'btn btn-quiet' }),
        h('span', { class: 'pi-hint', text: 'Dibuja con el ratón, un lápiz o el dedo.' })),
    );

    this.#buildMagnifier();
    this.#thumb = h('canvas', { class: 'pi-thumb', width: SIZE, height: SIZE, 'aria-hidden': 'true' });
    this.#readout = h('p', { class: 'pi-readout', 'aria-live': 'polite', id: uniqueId('pi-read') });
    this.#about = h('p', { class: 'pi-about' });
    this.#status = h('div', { class: 'pi-status' });
    this.#buildGrid();

    this.append(
      h('div', { class: 'ctl-row' }, source.root, index.root, other,
        h('div', { class: 'ctl pi-check' }, norm, h('label', { for: normId, text: 'Valores normalizados (0 a 1)' }))),
      this.#status,
      h('div', { class: 'pi-top' },
        this.#padBox,
        this.#mag,
        h('div', { class: 'pi-side' },
          this.#readout,
          this.#about,
          h('p', { class: 'pi-real' }, 'Tamaño real: ', this.#thumb))),
      h('div', { class: 'pi-gridwrap' }, this.#grid),
      h('p', { class: 'pi-help', text: 'Pasa el ratón por la cuadrícula o toca una celda. Con el teclado: entra en la cuadrícula con Tab y muévete con las flechas (Inicio, Fin, RePág y AvPág saltan más lejos).' }),
    );

    getMnist().then(
      (d) => { this.#data = d; this.#shown = ''; if (this.isConnected) this.guard(() => this.update()); },
      (e: unknown) => { this.#error = mnistErrorText(e); this.#shown = ''; if (this.isConnected) this.guard(() => this.update()); },
    );
  }

  #buildGrid(): void {
    this.#canvas = h('canvas', { class: 'pi-canvas', 'aria-hidden': 'true' });
    // One focusable element with a spoken readout (the readout paragraph, aria-live) instead of
    // 784 cells: the arrow keys move the focused pixel, the readout says row, column and value.
    this.#grid = h('div', {
      class: 'pi-grid', role: 'application', tabindex: 0,
      'aria-roledescription': 'cuadrícula de píxeles',
      'aria-label': `Los ${SIZE * SIZE} valores de la imagen, ${SIZE} filas por ${SIZE} columnas. Muévete con las flechas; Inicio y Fin van al principio y al final de la fila, RePág y AvPág saltan ${WINDOW} filas.`,
      'aria-describedby': this.#readout.id,
    }, this.#canvas);
    const go = (cell: Cell | null): void => {
      if (cell && (cell.row !== this.state.row || cell.col !== this.state.col)) this.setState(cell);
    };
    this.listen(this.#grid, 'pointermove', (e) => {
      const p = e as PointerEvent;
      if (p.pointerType === 'mouse') go(cellAt(this.#canvas, p.clientX, p.clientY));
    });
    this.listen(this.#grid, 'pointerdown', (e) => {
      const p = e as PointerEvent;
      go(cellAt(this.#canvas, p.clientX, p.clientY));
    });
    this.listen(this.#grid, 'keydown', (e) => {
      const k = e as KeyboardEvent;
      const next = moveFocus({ row: this.state.row, col: this.state.col }, k.key, k.ctrlKey || k.metaKey);
      if (!next) return;
      k.preventDefault();
      go(next);
    });
    // Repaint when the layout changes the canvas size (phone rotation, sidebar, zoom).
    let width = 0;
    this.onCleanup(resized(this.#canvas, (w) => {
      width = w;
      this.guard(() => this.#paintGrid());
    }, { tolerance: 0.5, drawn: () => width, measure: (c) => c.getBoundingClientRect().width }));
  }

  #paintGrid(): void {
    const s = this.state;
    const focus = { row: s.row, col: s.col };
    paintGrid(this.#canvas, {
      img: this.#image().img, norm: s.norm, focus, window: windowAround(focus),
      focusColor: cssVar(this, '--focus'), windowColor: cssVar(this, '--accent'),
    });
  }

  #buildMagnifier(): void {
    this.#mag = h('div', { class: 'pi-mag', 'aria-hidden': 'true' }, h('span', { class: 'pi-mag-corner' }));
    for (let c = 0; c < WINDOW; c++) {
      const el = h('span', { class: 'pi-mag-head' });
      this.#magCols.push(el);
      this.#mag.append(el);
    }
    for (let r = 0; r < WINDOW; r++) {
      const head = h('span', { class: 'pi-mag-head' });
      this.#magRows.push(head);
      this.#mag.append(head);
      for (let c = 0; c < WINDOW; c++) {
        const el = h('span', { class: 'pi-mag-cell' });
        this.#magCells.push(el);
        this.#mag.append(el);
      }
    }
  }

  #testCount(): number {
    return this.#data ? this.#data.test.count : TEST_MAX + 1;
  }

  #onDraw(strokes: Parameters<typeof rasterizeStrokes>[0]): void {
    this.#drawn = toBytes(rasterizeStrokes(strokes));
    this.#drawVersion++;
    if (this.state.source === 'draw') this.guard(() => this.update());
  }

  /** The bytes on show and a key that changes whenever they do. */
  #image(): { img: Uint8Array; key: string } {
    const s = this.state;
    if (s.source === 'draw') return { img: this.#drawn, key: `d${this.#drawVersion}` };
    if (!this.#data) return { img: new Uint8Array(SIZE * SIZE), key: `none${this.#error ?? ''}` };
    const i = Math.min(s.index, this.#data.test.count - 1);
    return { img: imageBytes(this.#data.test, i), key: `m${i}` };
  }

  override resetState(): void {
    super.resetState();
    this.#pad.clear();
  }

  protected update(): void {
    const s = this.state;
    this.#ctl.source.set(s.source);
    if (Number(this.#ctl.index.input.value) !== s.index) this.#ctl.index.set(s.index);
    this.#ctl.norm.checked = s.norm;
    this.#padBox.hidden = s.source !== 'draw';
    if (s.source === 'draw') this.#pad.redraw();

    const loading = s.source === 'mnist' && !this.#data;
    this.#status.replaceChildren();
    this.#status.removeAttribute('role');
    if (loading && this.#error) {
      this.#status.setAttribute('role', 'alert');
      this.#status.className = 'pi-status pi-error';
      this.#status.append(h('p', { text: this.#error }),
        h('p', { text: 'Mientras tanto puedes elegir «Dibujo propio» y dibujar tu propio dígito.' }));
    } else if (loading) {
      this.#status.className = 'pi-status pi-loading';
      this.#status.textContent = 'Cargando los dígitos de MNIST…';
    } else {
      this.#status.className = 'pi-status';
    }

    const { img, key } = this.#image();
    if (key !== this.#shown) {
      this.#shown = key;
      this.#paintThumb(img);
    }
    const cell = { row: s.row, col: s.col };
    this.#paintGrid();
    this.#paintMagnifier(img, windowAround(cell), cell, s.norm);

    const value = pixelAt(img, cell);
    this.#readout.textContent = loading ? '' : describeCell(cell, value);
    this.#about.textContent = loading ? '' : describeImage(
      s.source === 'draw'
        ? { kind: 'draw', empty: this.#pad.isEmpty }
        : { kind: 'mnist', index: Math.min(s.index, this.#testCount() - 1), label: this.#data!.test.labels[Math.min(s.index, this.#testCount() - 1)]! },
      img);
  }

  #paintThumb(img: Uint8Array): void {
    paintGray(this.#thumb, img, { width: SIZE });
  }

  #paintMagnifier(img: Uint8Array, w: Cell, focus: Cell, norm: boolean): void {
    for (let c = 0; c < WINDOW; c++) this.#magCols[c]!.textContent = String(w.col + c);
    for (let r = 0; r < WINDOW; r++) {
      this.#magRows[r]!.textContent = String(w.row + r);
      for (let c = 0; c < WINDOW; c++) {
        const cell = { row: w.row + r, col: w.col + c };
        const v = pixelAt(img, cell);
        const el = this.#magCells[r * WINDOW + c]!;
        el.textContent = formatPixel(v, norm);
        el.style.background = grey(v);
        el.classList.toggle('on-light', darkTextOn(v));
        el.classList.toggle('is-focus', cell.row === focus.row && cell.col === focus.col);
      }
    }
  }
}

defineWidget('pixel-inspector', PixelInspector);
