/**
 * Live classification of a motion stream (pure; clock and feature function injected).
 *
 * Rows `[t_ms, ax, ay, az]` from any source are put on the model's sampling grid
 * (t = k·1000/hz from the first row: GridResampler; rows already on that grid pass unchanged,
 * the phone's uneven ~60 Hz rows are interpolated linearly, a gap longer than maxGapMs restarts
 * the grid and the window). A sliding window of n = round(windowMs·hz/1000) samples moves by
 * h = round(hopMs·hz/1000) samples: the first prediction comes when the window is first full,
 * then one per hop. When a burst of rows covers several hops at once, only the newest window is
 * classified (`skipped` counts the others): predicting stale windows would only add latency.
 * Each prediction: features = featuresOf([x, y, z], hz, model.params) (the lesson's
 * spectralFeatures), probs = predictProbs(model, features); the top class is the answer unless
 * its probability is below `threshold`, then it is «incierto» (label null).
 * Times: `arrivedAt` = now() when the rows holding the window's newest sample were pushed,
 * `doneAt` = now() after predicting (ms, the injected clock: performance.now in the page).
 */
import type { SpectralParams } from '../dsp';
import type { MotionRow } from '../sensors/types';
import { argmax, predictProbs, type MotionModelData } from './model';
import { RowRing } from './row-ring';
import { samplesFor } from './windows';

export type FeatureFn = (axes: ReadonlyArray<ArrayLike<number>>, hz: number, params: SpectralParams) => number[];

export interface LiveSettings {
  /** Window length, ms [2000]. */
  windowMs: number;
  /** Hop between predictions, ms [250]. */
  hopMs: number;
  /** Below this top probability the answer is «incierto» [0.6]. */
  threshold: number;
}

export const LIVE_DEFAULTS: Readonly<LiveSettings> = { windowMs: 2000, hopMs: 250, threshold: 0.6 };
/** Longest window the buffer holds, ms. */
export const MAX_WINDOW_MS = 5000;

/** Puts rows on the grid t = k·1000/hz (ms, from the first row after a reset). */
export class GridResampler {
  readonly hz: number;
  readonly maxGapMs: number;
  #t0: number | null = null;
  #prev: MotionRow | null = null;
  #k = 0; // next grid index

  constructor(hz: number, maxGapMs = 500) {
    if (!(hz > 0)) throw new RangeError('hz must be > 0');
    this.hz = hz;
    this.maxGapMs = maxGapMs;
  }

  reset(): void {
    this.#t0 = null;
    this.#prev = null;
    this.#k = 0;
  }

  /** Grid rows due up to the last input row; `restarted`: a long gap reset the grid. */
  push(rows: readonly MotionRow[]): { rows: MotionRow[]; restarted: boolean } {
    const out: MotionRow[] = [];
    let restarted = false;
    for (const r of rows) {
      const prev = this.#prev;
      if (prev && (r[0] <= prev[0] - 1e-9 || r[0] - prev[0] > this.maxGapMs)) {
        this.reset();
        restarted = true;
        out.length = 0;
      }
      if (this.#t0 === null) {
        this.#t0 = r[0];
        this.#prev = r;
        this.#k = 1;
        out.push([0, r[1], r[2], r[3]]);
        continue;
      }
      const a = this.#prev!;
      const ta = a[0] - this.#t0;
      const tb = r[0] - this.#t0;
      for (;;) {
        const t = (this.#k * 1000) / this.hz;
        if (t > tb + 1e-9) break;
        if (Math.abs(t - tb) <= 1e-9) out.push([t, r[1], r[2], r[3]]);
        else {
          const w = tb > ta ? (t - ta) / (tb - ta) : 1;
          out.push([t, a[1] + w * (r[1] - a[1]), a[2] + w * (r[2] - a[2]), a[3] + w * (r[3] - a[3])]);
        }
        this.#k++;
      }
      this.#prev = r;
    }
    return { rows: out, restarted };
  }
}

export interface Decision {
  /** Index of the most probable class. */
  top: number;
  /** Its probability. */
  p: number;
  /** Its label, or null when p < threshold («incierto»). */
  label: string | null;
}

export function decide(probs: ArrayLike<number>, labels: readonly string[], threshold: number): Decision {
  const top = argmax(probs);
  const p = probs[top] ?? 0;
  return { top, p, label: p >= threshold ? (labels[top] ?? null) : null };
}

export interface Prediction extends Decision {
  /** 1, 2, … since the last reset. */
  seq: number;
  /** Grid time of the window's newest sample, ms. */
  t: number;
  probs: Float64Array;
  arrivedAt: number;
  doneAt: number;
  /** Hops not classified since the previous prediction (a burst of rows). */
  skipped: number;
}

export interface LiveOptions {
  model: MotionModelData;
  settings?: Partial<LiveSettings>;
  now: () => number;
  featuresOf: FeatureFn;
  /** Longest gap between rows before the window restarts, ms [500]. */
  maxGapMs?: number;
}

export class LiveClassifier {
  readonly model: MotionModelData;
  readonly hz: number;
  #s: LiveSettings;
  #o: LiveOptions;
  #grid: GridResampler;
  #ring: RowRing;
  #since = 0; // samples since the last prediction
  #seq = 0;

  constructor(o: LiveOptions) {
    this.#o = o;
    this.model = o.model;
    this.hz = o.model.hz;
    this.#s = check({ ...LIVE_DEFAULTS, ...o.settings });
    this.#grid = new GridResampler(this.hz, o.maxGapMs ?? 500);
    this.#ring = new RowRing(samplesFor(MAX_WINDOW_MS, this.hz) + 1);
  }

  get settings(): LiveSettings {
    return { ...this.#s };
  }

  /** Samples per window and per hop at the model's rate. */
  get windowN(): number {
    return samplesFor(this.#s.windowMs, this.hz);
  }

  get hopN(): number {
    return samplesFor(this.#s.hopMs, this.hz);
  }

  /** How full the window is, 0…1 (1 once predictions flow). */
  get filled(): number {
    return Math.min(1, this.#ring.length / this.windowN);
  }

  /** The grid rows held (the newest MAX_WINDOW_MS), for plotting. */
  get buffer(): RowRing {
    return this.#ring;
  }

  /** New window, hop or threshold; the buffer is kept (a longer window waits to fill). */
  setSettings(s: Partial<LiveSettings>): void {
    this.#s = check({ ...this.#s, ...s });
  }

  reset(): void {
    this.#grid.reset();
    this.#ring.clear();
    this.#since = 0;
    this.#seq = 0;
  }

  /** Feeds rows as they arrive; returns the newest due prediction, or null. */
  push(rows: readonly MotionRow[]): Prediction | null {
    const arrivedAt = this.#o.now();
    const g = this.#grid.push(rows);
    if (g.restarted) {
      this.#ring.clear();
      this.#since = 0;
    }
    if (g.rows.length === 0) return null;
    this.#ring.push(g.rows);
    this.#since += g.rows.length;
    const n = this.windowN;
    if (this.#ring.length < n) return null;
    const first = this.#seq === 0;
    const h = this.hopN;
    if (!first && this.#since < h) return null;
    const skipped = first ? 0 : Math.floor(this.#since / h) - 1;
    this.#since = first ? 0 : this.#since % h;
    const features = this.#o.featuresOf(this.#ring.tailAxes(n), this.hz, this.model.params);
    const probs = predictProbs(this.model, features);
    const d = decide(probs, this.model.labels, this.#s.threshold);
    return { ...d, seq: ++this.#seq, t: this.#ring.last()![0], probs, arrivedAt, doneAt: this.#o.now(), skipped };
  }

  /** The answer for `probs` under the current threshold (the slider moves between predictions). */
  redecide(probs: ArrayLike<number>): Decision {
    return decide(probs, this.model.labels, this.#s.threshold);
  }
}

function check(s: LiveSettings): LiveSettings {
  if (!(s.windowMs > 0 && s.windowMs <= MAX_WINDOW_MS)) throw new RangeError(`windowMs must be in (0, ${MAX_WINDOW_MS}]`);
  if (!(s.hopMs > 0)) throw new RangeError('hopMs must be > 0');
  if (!(s.threshold >= 0 && s.threshold <= 1)) throw new RangeError('threshold must be in [0, 1]');
  return s;
}

/** The probabilities of the last `spanMs` of predictions (grid time), oldest first. */
export class ProbHistory {
  readonly spanMs: number;
  items: Array<{ t: number; probs: Float64Array }> = [];

  constructor(spanMs = 20_000) {
    this.spanMs = spanMs;
  }

  add(p: Pick<Prediction, 't' | 'probs'>): void {
    this.items.push({ t: p.t, probs: p.probs });
    const from = p.t - this.spanMs;
    let k = 0;
    while (k < this.items.length && this.items[k]!.t < from) k++;
    if (k) this.items.splice(0, k);
  }

  clear(): void {
    this.items = [];
  }
}

/** Median of the last `n` values pushed (latency readout). */
export class RollingMedian {
  #v: number[] = [];
  constructor(readonly n = 20) {}
  push(x: number): number {
    this.#v.push(x);
    if (this.#v.length > this.n) this.#v.shift();
    return this.median;
  }
  get median(): number {
    const s = [...this.#v].sort((a, b) => a - b);
    if (!s.length) return NaN;
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  }
  clear(): void {
    this.#v = [];
  }
}
