/**
 * Pure logic of the XOR network widget (no DOM): a 2-h-1 network (hidden activation tanh,
 * sigmoid or ReLU; sigmoid output; MSE loss; full-batch SGD) trained on the four XOR rows in
 * slices, with the reasons training stops — solved, diverged, stalled, epoch limit — and the
 * colours of the decision surface.
 *
 * Units: inputs x1, x2 are plain numbers (the rows are 0/1; the surface covers [LO, HI]²);
 * the output ŷ ∈ (0, 1); one epoch = one step (four samples, one batch).
 */
import { Mlp, train, xorDataset, type Trainer } from '../lib/nn';
import { runSlice } from '../lib/time/slice';
import { fmt, intText, sig } from '../lib/format/number';

export const LO = -0.5;
export const HI = 1.5;
/** Training stops as solved when an epoch's MSE falls below this. */
export const TARGET_LOSS = 0.01;
/** Hard limit of epochs per run. */
export const MAX_EPOCHS = 20_000;
/** Stall test: at least this many epochs since the check started… */
export const STALL_MIN_EPOCHS = 2000;
/** …and over the second half of them the loss fell by less than this fraction. */
export const STALL_REL = 0.01;

export type Act = 'tanh' | 'sigmoid' | 'relu';
export const ACT_LABEL: Record<Act, string> = { tanh: 'tanh', sigmoid: 'sigmoide', relu: 'ReLU' };

export const XOR_ROWS = [[0, 0], [0, 1], [1, 0], [1, 1]] as const;
export const XOR_D = [0, 1, 1, 0] as const;

export type RunStatus = 'running' | 'solved' | 'diverged' | 'stalled' | 'limit';

export interface Stall {
  /** Epochs compared: loss at `from` vs loss at `to` (1-based epoch numbers). */
  from: number;
  to: number;
  lossFrom: number;
  lossTo: number;
}

/**
 * Stall test on a loss history (history[k] = mean loss of epoch k + 1), looking only at epochs
 * after `since`: once at least STALL_MIN_EPOCHS have passed, compare the loss half-way through
 * them with the last one; a relative drop below STALL_REL is a stall. Calibrated on XOR: over
 * 2-h-1 nets (h 2…8, seeds 1…12, α 1) with tanh it never flags a run that later solves XOR and
 * flags every one that does not (sigmoid: 1 early flag out of 56 solved runs, a run that needed
 * 5 697 epochs).
 */
export function detectStall(history: readonly number[], since = 0): Stall | null {
  const n = history.length - since;
  if (n < STALL_MIN_EPOCHS) return null;
  const mid = since + Math.floor(n / 2);
  const a = history[mid - 1]!;
  const b = history[history.length - 1]!;
  if (!(a > 0) || (a - b) / a >= STALL_REL) return null;
  return { from: mid, to: history.length, lossFrom: a, lossTo: b };
}

export interface Outputs {
  /** ŷ for the rows 00, 01, 10, 11. */
  y: number[];
  /** Rows answered on the right side of ½. */
  right: boolean[];
  /** Hidden units that output 0 for all four rows (only possible with ReLU). */
  dead: number;
}

/** A training run: network, trainer and the stop logic. */
export class XorRun {
  readonly net: Mlp;
  readonly trainer: Trainer;
  status: RunStatus = 'running';
  stall: Stall | null = null;
  /** Epoch from which the stall test looks (moves when the student resumes after a stall). */
  #since = 0;

  constructor(
    readonly hidden: number,
    readonly act: Act,
    lr: number,
    readonly seed: number,
  ) {
    this.net = new Mlp({ sizes: [2, hidden, 1], activations: act, output: 'sigmoid', seed });
    this.trainer = train(this.net, xorDataset(), { lr, loss: 'mse', targetLoss: TARGET_LOSS, epochs: MAX_EPOCHS });
  }

  get lr(): number {
    return this.trainer.optimizer.lr;
  }
  set lr(v: number) {
    this.trainer.optimizer.lr = v;
  }
  get epoch(): number {
    return this.trainer.epoch;
  }
  get history(): readonly number[] {
    return this.trainer.history;
  }
  /** Loss of the current weights on the four rows (NaN never: weights stay finite). */
  loss(): number {
    return this.trainer.evaluate();
  }

  /**
   * Trains up to `epochs` epochs in one runSlice (lib/time/slice.ts) of `budgetMs` on the clock
   * `now` (at least one epoch runs), so one call never blocks the page for long. Returns the status.
   */
  advance(epochs: number, budgetMs: number, now: () => number = () => performance.now()): RunStatus {
    if (this.status !== 'running') return this.status;
    const t = this.trainer;
    if (epochs > 0) runSlice(() => (t.step(), t.status === 'running'), { budgetMs, now, maxSteps: epochs });
    if (t.status === 'converged') this.status = 'solved';
    else if (t.status === 'diverged') this.status = 'diverged';
    else if (t.status === 'done') this.status = 'limit';
    else {
      this.stall = detectStall(t.history, this.#since);
      if (this.stall) this.status = 'stalled';
    }
    return this.status;
  }

  /** Lets a stalled run go on; the stall test restarts from here. */
  resume(): void {
    if (this.status !== 'stalled') return;
    this.status = 'running';
    this.stall = null;
    this.#since = this.trainer.epoch;
  }

  outputs(): Outputs {
    const y = XOR_ROWS.map((x) => this.net.predict(x)[0]!);
    const X = Float32Array.from(XOR_ROWS.flat());
    this.net.forwardBatch(X, 4);
    const hid = this.net.layers[0]!.out;
    let dead = 0;
    for (let j = 0; j < this.hidden; j++) {
      let on = false;
      for (let p = 0; p < 4; p++) if (hid[p * this.hidden + j]! > 0) on = true;
      if (!on) dead++;
    }
    return { y, right: y.map((v, p) => (v >= 0.5 ? 1 : 0) === XOR_D[p]), dead: this.act === 'relu' ? dead : 0 };
  }
}

/**
 * Right end of the loss chart's epoch axis: the first of 100, 200, 500, 1000, 2000, 5000, …
 * that is ≥ `epochs`, so the axis (an expensive redraw) changes only a few times per run.
 */
export function niceEpochMax(epochs: number): number {
  for (let m = 100; ; m *= 10) for (const f of [1, 2, 5]) if (f * m >= epochs) return f * m;
}

// ---------- messages (Spanish) ----------

const pt = (p: number): string => `(${XOR_ROWS[p]!.join(', ')})`;
/** A loss value with 4 significant digits (0,1255 · 0,009962), so 0,00996 never reads as "0,01". */
export const fmtLoss = (v: number): string => sig(v, 4, { fixed: true });

/** Why the run stopped and what to change, or '' while running. */
export function statusText(run: XorRun): string {
  const o = run.outputs();
  const nRight = o.right.filter(Boolean).length;
  const L = fmtLoss(run.history[run.history.length - 1] ?? run.loss());
  switch (run.status) {
    case 'running':
      return '';
    case 'solved':
      return `Resuelto en ${run.epoch} épocas: la pérdida ha bajado a ${L} (menos de ${fmt(TARGET_LOSS)}) y las cuatro salidas quedan del lado correcto de 0,5. La capa oculta ha hecho lo que un perceptrón solo no puede.`;
    case 'diverged':
      return run.trainer.reason;
    case 'limit':
      return `Se ha llegado al límite de ${intText(MAX_EPOCHS)} épocas sin bajar de ${fmt(TARGET_LOSS)} (pérdida ${L}; acierta ${nRight} de 4). Reinicia con otra semilla o con una α mayor.`;
    case 'stalled': {
      const st = run.stall!;
      const wrong = o.right.map((ok, p) => (ok ? '' : `${pt(p)} da ${fmt(o.y[p]!)} en lugar de ${XOR_D[p]}`)).filter(Boolean);
      const parts = [
        `Atascada: entre las épocas ${st.from} y ${st.to} la pérdida solo ha pasado de ${fmtLoss(st.lossFrom)} a ${fmtLoss(st.lossTo)}, lejos de ${fmt(TARGET_LOSS)}.`,
        nRight === 4
          ? 'Ya clasifica bien los cuatro puntos, pero avanza tan despacio que no merece la pena esperar.'
          : `Acierta ${nRight} de 4: ${wrong.join('; ')}.`,
      ];
      if (o.dead > 0) {
        parts.push(`${o.dead === run.hidden ? `Las ${o.dead}` : `${o.dead} de las ${run.hidden}`} neuronas ReLU están «muertas»: su entrada neta es negativa en los cuatro puntos, así que siempre dan 0 y su gradiente también es 0; ya no pueden aprender.`);
      } else if (nRight < 4) {
        parts.push('El descenso de gradiente ha caído en un mínimo local o en una meseta: alrededor de estos pesos la pérdida es casi plana y cada paso apenas la mueve.');
      }
      const advice = ['otra semilla (otros pesos iniciales)'];
      if (run.hidden < 4) advice.push('más neuronas ocultas');
      if (run.act === 'relu') advice.push('tanh en lugar de ReLU');
      if (run.lr <= 0.3) advice.push('una α mayor');
      else if (run.lr >= 5) {
        advice.push(run.act === 'relu' ? 'una α menor (los saltos grandes dejan neuronas ReLU muertas)' : 'una α menor (con una α tan grande las neuronas se saturan)');
      }
      return `${parts.join(' ')} Qué cambiar: ${advice.join(', ')}. También puedes pulsar «Seguir entrenando» y esperar.`;
    }
  }
}

// ---------- decision surface colours ----------

export type Rgb = readonly [number, number, number];

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)' → [r, g, b] (0–255); unknown text → mid grey. */
export function parseColor(css: string): Rgb {
  const t = css.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(t);
  if (m) { const v = parseInt(m[1]!, 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; }
  m = /^#([0-9a-f]{3})$/i.exec(t);
  if (m) return [...m[1]!].map((ch) => parseInt(ch + ch, 16)) as unknown as Rgb;
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(t);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return [136, 136, 136];
}

/** Strongest tint of the surface (at ŷ = 0 or 1): a fraction of the class colour over the background. */
export const SURFACE_STRENGTH = 0.55;

/**
 * Colour of a surface cell with output y ∈ [0, 1]: the background at y = ½, moving linearly
 * towards `zero` as y → 0 and towards `one` as y → 1, up to SURFACE_STRENGTH of the way.
 * Non-finite y is drawn as the background.
 */
export function surfaceColor(y: number, zero: Rgb, one: Rgb, bg: Rgb): Rgb {
  if (!Number.isFinite(y)) return bg;
  const v = Math.min(1, Math.max(0, y));
  const t = Math.abs(2 * v - 1) * SURFACE_STRENGTH;
  const c = v >= 0.5 ? one : zero;
  return [0, 1, 2].map((k) => Math.round(bg[k]! + t * (c[k]! - bg[k]!))) as unknown as Rgb;
}

/** Fills an RGBA image (row-major, like Mlp.grid: row 0 at the top) from grid outputs. */
export function paintSurface(values: ArrayLike<number>, rgba: Uint8ClampedArray, zero: Rgb, one: Rgb, bg: Rgb): void {
  if (rgba.length !== values.length * 4) throw new RangeError('paintSurface: rgba must hold 4 bytes per value');
  for (let p = 0; p < values.length; p++) {
    const [r, g, b] = surfaceColor(values[p]!, zero, one, bg);
    rgba[4 * p] = r;
    rgba[4 * p + 1] = g;
    rgba[4 * p + 2] = b;
    rgba[4 * p + 3] = 255;
  }
}
