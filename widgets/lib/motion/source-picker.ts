/**
 * The source chooser of the live motion widgets (browser view helper): a radio group «Placa por
 * Web Serial / Móvil / Placa simulada», the options of the chosen one (baud rate; gesture,
 * persona and rate of the simulator), «Conectar» / «Desconectar», the status sentence, the
 * detected rate and axes, the bad-line counter and every problem from lib/sensors as its
 * Spanish message. It owns the MotionSource's lifecycle and hands rows to the host widget.
 * Where Web Serial is missing (Firefox, Safari) the serial option says so, names the browsers
 * that work and offers the phone and the simulator.
 *
 * Data attributes on `root` (for tests): data-source (kind), data-status (SourceStatus),
 * data-rate (Hz, once known), data-axes, data-bad-lines, data-problem (code of the last problem).
 */
import { GESTURES, type SimMotion } from '../sensors/simulator';
import { problemOf } from '../sensors/source-error';
import type { MotionRow, MotionSource, SourceKind, SourceProblem, SourceStatus } from '../sensors/types';
import { button, h, select, uniqueId } from '../widget/dom';
import {
  BAUD_RATES, PERSON_OPTIONS, SIM_RATES, SOURCE_KINDS, SOURCE_LABELS, availability, createSource, formatHz, gestureLabel, statusSentence,
  type Availability, type BaudRate, type PersonOption, type SimRate, type SourceSettings,
} from './source-choice';
import { intText } from '../format/number';

export type PickerSettings = Omit<SourceSettings, 'seed'>;

export interface SourcePickerOptions {
  initial: PickerSettings;
  seed: number;
  /** Motions offered by the simulator [GESTURES]. */
  motions?: readonly SimMotion[];
  /** A setting changed (the host stores it in its state / URL). */
  onSettings(patch: Partial<PickerSettings>): void;
  onSamples(rows: MotionRow[], source: MotionSource): void;
  onProblem?(p: SourceProblem, source: MotionSource): void;
  onStatus?(s: SourceStatus, source: MotionSource): void;
  /** A new source was started (before its first rows). */
  onConnect?(source: MotionSource): void;
}

const BAD_CODES = new Set(['garbage', 'wrong-count', 'not-numeric', 'blank', 'device-error', 'line-too-long']);

export class SourcePicker {
  readonly root: HTMLElement;
  #o: SourcePickerOptions;
  #s: PickerSettings;
  #avail: Availability;
  #source: MotionSource | null = null;
  #off: Array<() => void> = [];
  #el: {
    radios: Record<SourceKind, HTMLInputElement>; note: HTMLElement; serialOpts: HTMLElement; simOpts: HTMLElement; phoneOpts: HTMLElement;
    baud: ReturnType<typeof select<BaudRate>>; gesture: ReturnType<typeof select<SimMotion>>; person: ReturnType<typeof select<PersonOption>>;
    simHz: ReturnType<typeof select<SimRate>>; connect: HTMLButtonElement; status: HTMLElement; readout: HTMLElement;
    bad: HTMLElement; alert: HTMLElement;
  };

  constructor(o: SourcePickerOptions) {
    this.#o = o;
    this.#s = { ...o.initial };
    this.#avail = availability();
    const name = uniqueId('src');
    const radios = {} as Record<SourceKind, HTMLInputElement>;
    const group = h('fieldset', { class: 'mp-kinds' }, h('legend', { text: 'Fuente de los datos' }));
    for (const k of SOURCE_KINDS) {
      const id = uniqueId('src-k');
      const r = h('input', { type: 'radio', name, id, value: k });
      r.checked = this.#s.kind === k;
      r.addEventListener('change', () => { if (r.checked) this.#setKind(k); });
      radios[k] = r;
      group.append(h('span', { class: 'mp-kind' }, r, h('label', { for: id, text: SOURCE_LABELS[k] })));
    }
    const motions = o.motions ?? GESTURES;
    const e = (this.#el = {
      radios,
      note: h('div', { class: 'mp-note', role: 'note' }),
      serialOpts: h('div', { class: 'ctl-row mp-opts' }),
      simOpts: h('div', { class: 'ctl-row mp-opts' }),
      phoneOpts: h('div', { class: 'mp-opts' }),
      baud: select({
        label: 'Velocidad del puerto (baudios)', value: this.#s.baudRate,
        options: BAUD_RATES.map((b) => ({ value: b, label: intText(Number(b)) })),
        onChange: (v) => this.#patch({ baudRate: v }, true),
      }),
      gesture: select({
        label: 'Gesto simulado', value: this.#s.gesture,
        options: motions.map((g) => ({ value: g, label: gestureLabel(g) })),
        onChange: (v) => this.#setGesture(v),
      }),
      person: select({
        label: 'Persona', value: this.#s.person,
        options: PERSON_OPTIONS.map((p) => ({ value: p, label: `Persona ${p}` })),
        onChange: (v) => this.#patch({ person: v }, true),
      }),
      simHz: select({
        label: 'Frecuencia', value: this.#s.simHz,
        options: SIM_RATES.map((r) => ({ value: r, label: formatHz(Number(r)) })),
        onChange: (v) => this.#patch({ simHz: v }, true),
      }),
      connect: button('Conectar', () => this.toggle()),
      status: h('p', { class: 'mp-status', 'aria-live': 'polite' }),
      readout: h('p', { class: 'mp-readout' }),
      bad: h('p', { class: 'mp-bad', 'aria-live': 'polite' }),
      alert: h('div', { class: 'mp-alert', role: 'alert' }),
    });
    e.serialOpts.append(e.baud.root);
    e.simOpts.append(e.gesture.root, e.person.root, e.simHz.root);
    e.phoneOpts.append(h('p', { class: 'mp-hint' }, 'Abre esta página en el móvil, sujétalo como la placa y pulsa «Conectar». Cómo abrirla desde el ordenador del curso: ',
      h('a', { href: '/hardware/#movil', text: 'el móvil como sensor' }), '.'));
    this.root = h('div', { class: 'motion-picker' },
      group, e.note, e.serialOpts, e.simOpts, e.phoneOpts,
      h('div', { class: 'mp-actions' }, e.connect, e.status), e.readout, e.bad, e.alert);
    this.#render();
  }

  get source(): MotionSource | null {
    return this.#source;
  }

  get settings(): PickerSettings {
    return { ...this.#s };
  }

  get streaming(): boolean {
    return this.#source?.status === 'streaming';
  }

  /** Takes outside settings (reset, URL): reconnects if the source changed while connected. */
  set(s: Partial<PickerSettings>): void {
    const before = this.#s;
    this.#s = { ...this.#s, ...s };
    const e = this.#el;
    e.radios[this.#s.kind].checked = true;
    e.baud.set(this.#s.baudRate);
    e.gesture.set(this.#s.gesture);
    e.person.set(this.#s.person);
    e.simHz.set(this.#s.simHz);
    if (before.kind !== this.#s.kind) void this.disconnect();
    else if (this.#s.gesture !== before.gesture) this.#applyGesture();
    this.#render();
  }

  toggle(): void {
    const st = this.#source?.status;
    if (st === 'connecting' || st === 'detecting' || st === 'streaming') void this.disconnect();
    else this.connect();
  }

  /** Starts a new source (synchronously inside the click: the phone asks for permission there). */
  connect(): void {
    if (this.#s.kind === 'serial' && !this.#avail.serial.ok) return this.#render();
    this.#release();
    this.#el.alert.replaceChildren();
    this.#el.bad.textContent = '';
    const src = createSource({ ...this.#s, seed: this.#o.seed });
    this.#source = src;
    this.#off.push(
      src.on('samples', (rows) => this.#o.onSamples(rows, src)),
      src.on('status', (s) => { this.#render(); this.#o.onStatus?.(s, src); }),
      src.on('problem', (p) => { this.#problem(p); this.#o.onProblem?.(p, src); }),
    );
    this.#o.onConnect?.(src);
    src.start().then(() => this.#render(), (err: unknown) => {
      // The source already emitted its problem; only an unexpected error is shown here.
      if (!problemOf(err)) this.#showAlert(`No se pudo conectar: ${err instanceof Error ? err.message : String(err)}`);
      this.#render();
    });
    this.#render();
  }

  async disconnect(): Promise<void> {
    const src = this.#source;
    if (!src) return;
    await src.stop();
    this.#render();
  }

  /** Stops the source and forgets its listeners (the host's disconnectedCallback). */
  dispose(): void {
    const src = this.#source;
    this.#release();
    if (src) void src.stop().catch(() => {});
  }

  #release(): void {
    for (const f of this.#off) f();
    this.#off = [];
    const old = this.#source;
    this.#source = null;
    if (old && old.status !== 'stopped' && old.status !== 'error' && old.status !== 'idle') void old.stop().catch(() => {});
  }

  #patch(p: Partial<PickerSettings>, reconnectSim = false): void {
    this.#s = { ...this.#s, ...p };
    this.#o.onSettings(p);
    const st = this.#source?.status;
    const live = st === 'streaming' || st === 'detecting' || st === 'connecting';
    // A simulated board with another person or rate is a new board: reconnect at once.
    if (reconnectSim && live && this.#source?.kind === 'simulated' && this.#s.kind === 'simulated') this.connect();
    this.#render();
  }

  #setKind(k: SourceKind): void {
    if (k === this.#s.kind) return;
    void this.disconnect();
    this.#patch({ kind: k });
  }

  #setGesture(g: SimMotion): void {
    this.#patch({ gesture: g });
    this.#applyGesture();
  }

  #applyGesture(): void {
    const src = this.#source as (MotionSource & { setGesture?(g: SimMotion): void }) | null;
    if (src?.kind === 'simulated') src.setGesture?.(this.#s.gesture);
  }

  #problem(p: SourceProblem): void {
    const src = this.#source;
    if (BAD_CODES.has(p.code) && !p.fatal) {
      const n = src?.badLines ?? 0;
      this.#el.bad.textContent = `${n} ${n === 1 ? 'línea descartada' : 'líneas descartadas'} (no se convierten en muestras). La última: ${p.message}`;
    } else if (p.fatal) {
      this.#showAlert(p.message, true);
    } else {
      this.#showAlert(p.message, false);
    }
    this.root.dataset.problem = p.code;
    this.#render();
  }

  #showAlert(text: string, fatal = true): void {
    const box = h('p', { class: fatal ? 'mp-msg mp-fatal' : 'mp-msg mp-warn', text });
    const list = this.#el.alert;
    list.append(box);
    while (list.childElementCount > 3) list.firstElementChild?.remove();
  }

  #render(): void {
    const e = this.#el;
    const k = this.#s.kind;
    const src = this.#source;
    const status: SourceStatus = src?.status ?? 'idle';
    const busy = status === 'connecting' || status === 'detecting' || status === 'streaming';
    e.serialOpts.hidden = k !== 'serial';
    e.simOpts.hidden = k !== 'simulated';
    e.phoneOpts.hidden = k !== 'phone';
    const block = k === 'serial' ? this.#avail.serial : k === 'phone' ? this.#avail.phone : { ok: true as const };
    e.note.hidden = block.ok;
    if (!block.ok) {
      const others = k === 'serial' ? (['phone', 'simulated'] as const) : (['simulated'] as const);
      e.note.replaceChildren(h('p', { text: block.message }),
        h('p', { class: 'mp-offer' }, ...others.map((o) => button(`Usar ${o === 'phone' ? 'el móvil' : 'la placa simulada'}`, () => {
          e.radios[o].checked = true;
          this.#setKind(o);
        }, { class: 'btn btn-quiet' }))));
    }
    const canConnect = block.ok || k === 'phone'; // phone: the message explains, trying is harmless
    e.connect.textContent = busy ? 'Desconectar' : 'Conectar';
    e.connect.disabled = !busy && !(canConnect && (k !== 'serial' || this.#avail.serial.ok));
    e.baud.input.disabled = busy;
    e.status.textContent = statusSentence(src?.kind ?? k, status, src?.rateHz ?? null, src?.axes ?? 3);
    const rate = src?.rateHz ?? null;
    e.readout.textContent = src && status === 'streaming'
      ? `Frecuencia detectada: ${rate ? formatHz(rate) : '—'} · Ejes: ${src.axes}${src.kind === 'serial' ? ` · Líneas descartadas: ${src.badLines}` : ''}`
      : '';
    const d = this.root.dataset;
    d.source = k;
    d.status = status;
    if (rate) d.rate = String(Math.round(rate * 1000) / 1000); else delete d.rate;
    d.axes = String(src?.axes ?? 3);
    d.badLines = String(src?.badLines ?? 0);
  }
}
