import { WidgetElement, defineWidget } from '../lib/widget/element';
import { h, select, slider } from '../lib/widget/dom';
import { Stepper, WindowPlayer } from '../lib/widget/stepper';
import { int, oneOf } from '../lib/state/schema';
import {
  FILTERS, FILTER_LABELS, INPUT_SIZES, KERNEL_SIZES, PATTERNS, PATTERN_LABELS, buildExplorer, numText, positionCell,
  sizeFormula, stepAt, stepSummary, stepText, unusedCells, type Explorer, type ExplorerSetup, type KernelSize,
} from './core';
import './style.css';

const SIZE_OPTS = INPUT_SIZES.map(String) as unknown as readonly ['5', '6', '7', '8'];
const K_OPTS = KERNEL_SIZES.map(String) as unknown as readonly ['3', '5'];
const PLAY_MS = 900;

const schema = {
  pattern: oneOf(PATTERNS, 'escalon'),
  n: oneOf(SIZE_OPTS, '7'),
  filter: oneOf(FILTERS, 'vertical'),
  k: oneOf(K_OPTS, '3'),
  stride: int(1, 1, 3),
  padding: oneOf(['valid', 'same'] as const, 'valid'),
  bias: int(0, -3, 3),
  /** Window position, 0-based, row by row (clamped to the positions that exist). */
  pos: int(0, 0, 143),
};

/** "(0 3 3) (0 3 3)": values row by row, for text alternatives. */
const rowsText = (vals: ReadonlyArray<number | string>, cols: number): string =>
  Array.from({ length: Math.ceil(vals.length / cols) }, (_, r) =>
    `(${vals.slice(r * cols, (r + 1) * cols).map((v) => (typeof v === 'number' ? numText(v) : v)).join(' ')})`).join(' ');

class ConvExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #sync: Array<() => void> = [];
  #inGrid!: HTMLElement;
  #kGrid!: HTMLElement;
  #outGrid!: HTMLElement;
  #inTitle!: HTMLElement;
  #outTitle!: HTMLElement;
  #rule!: HTMLElement;
  #general!: HTMLElement;
  #outSize!: HTMLElement;
  #note!: HTMLElement;
  #where!: HTMLElement;
  #sum!: HTMLElement;
  #player!: WindowPlayer;

  protected setup(): void {
    const s = this.state;
    // The window position is kept (and clamped to the positions that exist) when the geometry changes.
    const geometry = (patch: Partial<typeof s>): void => {
      const next = { ...this.state, ...patch };
      const out = sizeFormula(Number(next.n), Number(next.k), next.stride, next.padding).out;
      this.setState({ ...patch, pos: Math.min(this.state.pos, out * out - 1) });
    };
    type Choice = 'pattern' | 'n' | 'filter' | 'k';
    const choice = <K extends Choice>(key: K, label: string, options: { value: (typeof s)[K]; label: string }[]) =>
      select<(typeof s)[K] & string>({ label, value: s[key], options, onChange: (v) => geometry({ [key]: v }) });
    const square = (v: string): string => `${v} × ${v}`;
    const pattern = choice('pattern', 'Imagen', PATTERNS.map((p) => ({ value: p, label: PATTERN_LABELS[p] })));
    const n = choice('n', 'Entrada N × N', SIZE_OPTS.map((v) => ({ value: v, label: square(v) })));
    const filter = choice('filter', 'Filtro', FILTERS.map((f) => ({ value: f, label: FILTER_LABELS[f] })));
    const k = choice('k', 'Kernel K × K', K_OPTS.map((v) => ({ value: v, label: square(v) })));
    const stride = slider({
      label: 'Paso (stride) S', min: 1, max: 3, step: 1, value: s.stride,
      onInput: (v) => geometry({ stride: v }),
    });
    const padding = select({
      label: 'Relleno (padding)', value: s.padding,
      options: [{ value: 'valid', label: 'valid' }, { value: 'same', label: 'same' }],
      onChange: (v) => geometry({ padding: v }),
    });
    const bias = slider({
      label: 'Sesgo b', min: -3, max: 3, step: 1, value: s.bias,
      format: (v) => numText(v),
      onInput: (v) => this.setState({ bias: v }),
    });
    this.#player = new WindowPlayer(
      { pos: () => this.state.pos, count: () => this.#count(), set: (pos) => this.setState({ pos }) },
      (steps) => new Stepper({ periodMs: PLAY_MS, every: (ms, tick) => this.every(ms, tick), live: () => this.querySelector('.cx-step'), ...steps }),
    );
    this.#sync = [
      () => pattern.set(this.state.pattern), () => n.set(this.state.n), () => filter.set(this.state.filter),
      () => k.set(this.state.k), () => stride.set(this.state.stride), () => padding.set(this.state.padding),
      () => bias.set(this.state.bias),
    ];

    const panel = (title: HTMLElement, grid: HTMLElement): HTMLElement => h('div', { class: 'cx-panel' }, title, grid);
    this.#inTitle = h('p', { class: 'cx-title' });
    this.#outTitle = h('p', { class: 'cx-title' });
    this.#inGrid = h('div', { class: 'cx-grid', role: 'img' });
    this.#kGrid = h('div', { class: 'cx-grid cx-kernel', role: 'img' });
    this.#outGrid = h('div', { class: 'cx-grid', role: 'img' });
    this.#rule = h('p', { class: 'cx-rule' });
    this.#general = h('p', { class: 'cx-general' });
    this.#outSize = h('p', { class: 'cx-outsize' });
    this.#note = h('p', { class: 'cx-note' });
    this.#where = h('p', { class: 'cx-where' });
    this.#sum = h('p', { class: 'cx-sum' });
    this.append(
      h('div', { class: 'ctl-row' }, pattern.root, n.root, filter.root, k.root),
      h('div', { class: 'ctl-row' }, stride.root, padding.root, bias.root),
      h('div', { class: 'readout cx-formula', 'aria-live': 'polite' }, this.#rule, this.#general, this.#outSize),
      this.#note,
      h('div', { class: 'cx-panels' },
        panel(this.#inTitle, this.#inGrid),
        panel(h('p', { class: 'cx-title', text: 'Kernel (pesos w)' }), this.#kGrid),
        panel(this.#outTitle, this.#outGrid)),
      h('div', { class: 'ctl-row cx-player' }, ...this.#player.controls),
      h('div', { class: 'readout cx-step', 'aria-live': 'polite' }, this.#where, this.#sum),
    );
  }

  override resetState(): void {
    this.#player.pause();
    super.resetState();
    for (const f of this.#sync) f();
  }

  override disconnectedCallback(): void {
    this.#player?.forget();
    super.disconnectedCallback();
  }

  #setup(): ExplorerSetup {
    const s = this.state;
    return {
      pattern: s.pattern, n: Number(s.n), filter: s.filter, k: Number(s.k) as KernelSize,
      stride: s.stride, padding: s.padding, bias: s.bias,
    };
  }

  #count(): number {
    const f = sizeFormula(Number(this.state.n), Number(this.state.k), this.state.stride, this.state.padding);
    return f.out * f.out;
  }

  protected update(): void {
    const setup = this.#setup();
    const e = buildExplorer(setup);
    const count = e.out * e.out;
    const pos = Math.min(this.state.pos, count - 1);
    const step = stepAt(e, setup, pos);
    const { oy, ox } = positionCell(pos, e.out);
    const f = sizeFormula(setup.n, setup.k, setup.stride, setup.padding);

    this.#rule.textContent = f.rule;
    this.#general.textContent = f.general;
    this.#outSize.textContent = `Salida: ${f.out} × ${f.out}, es decir, ${f.out * f.out} posiciones de la ventana.`;
    const unused = unusedCells(setup.n, setup.k, setup.stride, setup.padding);
    this.#note.textContent = unused.length
      ? `Con paso ${setup.stride} la ventana nunca llega a ${unused.length === 1 ? 'la última fila ni a la última columna' : `las últimas ${unused.length} filas ni columnas`} de la entrada: el suelo ⌊·⌋ de la fórmula las descarta.`
      : '';
    this.#note.hidden = unused.length === 0;

    this.#drawInput(e, setup, step.top, step.left);
    this.#drawKernel(e, setup.k);
    this.#drawOutput(e, pos, oy, ox);

    this.#player.show(pos, count);
    const sm = stepSummary(step);
    const padNote = sm.padding ? ` ${sm.padding} de los ${sm.products} valores de la ventana son ceros de relleno.` : '';
    this.#where.textContent = `Posición ${pos + 1} de ${count}: la ventana da la celda de la fila ${oy + 1}, columna ${ox + 1} de la salida.${padNote}`;
    // One unbreakable span per product so a narrow screen wraps between terms, never inside one.
    const parts = stepText(step).split(' + ');
    this.#sum.replaceChildren(...parts.flatMap((t, i) => [h('span', { class: 'cx-term', text: t }), i < parts.length - 1 ? ' + ' : '']));
  }

  #drawInput(e: Explorer, s: ExplorerSetup, top: number, left: number): void {
    const side = s.n + e.before + e.after;
    const grid = this.#inGrid;
    grid.style.setProperty('--cols', String(side));
    const cells: HTMLElement[] = [];
    const winVals: number[] = [];
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const y = r - e.before;
        const x = c - e.before;
        const pad = y < 0 || x < 0 || y >= s.n || x >= s.n;
        const v = pad ? 0 : e.input.data[y * s.n + x]!;
        const inWin = y >= top && y < top + s.k && x >= left && x < left + s.k;
        if (inWin) winVals.push(v);
        const cell = h('span', { class: `cx-cell${pad ? ' cx-pad' : ''}${inWin ? ' cx-in-win' : ''}`, text: numText(v) });
        if (!pad) cell.style.setProperty('--t', String(v / 3));
        // Explicit placement: the window outline below shares these grid cells without moving them.
        cell.style.gridArea = `${r + 1} / ${c + 1}`;
        cells.push(cell);
      }
    }
    const win = h('span', { class: 'cx-win', 'aria-hidden': 'true' });
    win.style.gridArea = `${top + e.before + 1} / ${left + e.before + 1} / span ${s.k} / span ${s.k}`;
    grid.replaceChildren(...cells, win);
    const padText = e.before + e.after === 0 ? 'sin relleno'
      : e.before === e.after ? `con ${e.before} ${e.before === 1 ? 'fila y columna' : 'filas y columnas'} de ceros a cada lado`
        : `con ${e.before} de ceros arriba e izquierda y ${e.after} abajo y derecha`;
    this.#inTitle.textContent = `Entrada ${s.n} × ${s.n}${e.before + e.after ? ` (+ relleno → ${side} × ${side})` : ''}`;
    grid.setAttribute('aria-label', `Entrada de ${s.n} × ${s.n} ${padText}. Filas: ${rowsText(Array.from(e.input.data), s.n)}. ` +
      `La ventana ${s.k} × ${s.k} cubre ahora estos valores, fila a fila: ${rowsText(winVals, s.k)}.`);
  }

  #drawKernel(e: Explorer, k: number): void {
    this.#kGrid.style.setProperty('--cols', String(k));
    const w = Array.from(e.kern.data);
    this.#kGrid.replaceChildren(...w.map((v) => {
      const cell = h('span', { class: `cx-cell${v < 0 ? ' cx-neg' : ''}`, text: numText(v) });
      cell.style.setProperty('--t', String(Math.min(Math.abs(v) / 2, 1)));
      return cell;
    }));
    this.#kGrid.setAttribute('aria-label', `Kernel de ${k} × ${k}, filas: ${rowsText(w, k)}.`);
  }

  #drawOutput(e: Explorer, pos: number, oy: number, ox: number): void {
    const grid = this.#outGrid;
    grid.style.setProperty('--cols', String(e.out));
    const maxAbs = Math.max(1, ...e.values.map(Math.abs));
    grid.replaceChildren(...e.values.map((v, i) => {
      const done = i <= pos;
      const cell = h('span', {
        class: `cx-cell${done ? '' : ' cx-todo'}${v < 0 ? ' cx-neg' : ''}${i === pos ? ' cx-cur' : ''}`,
        text: done ? numText(v) : '·',
      });
      if (done) cell.style.setProperty('--t', String(Math.abs(v) / maxAbs));
      return cell;
    }));
    this.#outTitle.textContent = `Salida ${e.out} × ${e.out}`;
    grid.setAttribute('aria-label', `Salida de ${e.out} × ${e.out}; calculadas ${pos + 1} de ${e.values.length} celdas, ` +
      `la última en la fila ${oy + 1}, columna ${ox + 1}. Filas calculadas: ${rowsText(e.values.slice(0, (oy + 1) * e.out).map((v, i) => (i <= pos ? v : '·')), e.out)}.`);
  }
}

defineWidget('conv-explorer', ConvExplorer);
