/**
 * Recording one labelled window from a live source (pure; the clock is injected).
 *
 * State machine:  idle ──start──▶ recording ──(n rows)──▶ saved
 *                                    │  └──interrupt, rows > 0──▶ partial (kept, `partial: true`)
 *                                    ├──interrupt, no rows──▶ idle (nothing to keep)
 *                                    └──cancel──▶ idle
 * saved / partial ──start──▶ recording (the next window).
 *
 * A window holds n = round(windowMs·hz/1000) rows. Sources on a fixed grid (board, simulator)
 * give rows with t = k·1000/hz: the first n rows after start are taken as they are (a damaged
 * line leaves its time slot empty, so t may skip one step). The phone's rows come at uneven
 * times (~60 Hz): they are collected until they span the window and then resampled by linear
 * interpolation onto a PHONE_HZ grid (lib/sensors/recording resampleRows). Row times in a
 * Recording start at 0 (ms).
 */
import { resampleRows, type Recording } from '../lib/sensors/recording';
import type { MotionRow, SourceKind } from '../lib/sensors/types';
import { samplesFor } from '../lib/motion/windows';

/** Rate the phone's rows are resampled to, Hz (the example data set's rate). */
export const PHONE_HZ = 100;

export type RecPhase = 'idle' | 'recording' | 'saved' | 'partial';

export interface StartOptions {
  label: string;
  windowMs: number;
  /** The source's rate, Hz (for the phone: ignored, PHONE_HZ is used). */
  hz: number;
  source: SourceKind;
}

export interface SessionOptions {
  /** Wall clock for createdAt, ms since the epoch. */
  now: () => number;
  /** Id of a new recording [rec-<createdAt base 36>-<seq base 36>]. */
  makeId?: (createdAt: number, seq: number) => string;
}

export const defaultId = (createdAt: number, seq: number): string => `rec-${createdAt.toString(36)}-${seq.toString(36)}`;

export class CaptureSession {
  phase: RecPhase = 'idle';
  /** The last finished recording (saved or partial). */
  last: Recording | null = null;
  #o: SessionOptions;
  #seq = 0;
  #cur: (StartOptions & { n: number; hzOut: number; rows: MotionRow[]; irregular: boolean; startedAt: number }) | null = null;

  constructor(o: SessionOptions) {
    this.#o = o;
  }

  get recording(): boolean {
    return this.phase === 'recording';
  }

  /** Rows collected in the current window so far. */
  get collected(): number {
    return this.#cur?.rows.length ?? 0;
  }

  /** Fraction of the current window done, 0…1. */
  get progress(): number {
    const c = this.#cur;
    if (!c || c.rows.length === 0) return 0;
    if (!c.irregular) return Math.min(1, c.rows.length / c.n);
    return Math.min(1, (c.rows[c.rows.length - 1]![0] - c.rows[0]![0]) / this.#spanMs(c));
  }

  /** Rows the window will hold. */
  get target(): number {
    return this.#cur?.n ?? 0;
  }

  start(s: StartOptions): void {
    const label = s.label.trim();
    if (!label) throw new RangeError('a recording needs a label');
    if (!(s.windowMs > 0)) throw new RangeError('windowMs must be > 0');
    const irregular = s.source === 'phone';
    const hzOut = irregular ? PHONE_HZ : s.hz;
    if (!(hzOut > 0)) throw new RangeError('hz must be > 0');
    this.#cur = { ...s, label, n: samplesFor(s.windowMs, hzOut), hzOut, rows: [], irregular, startedAt: this.#o.now() };
    this.phase = 'recording';
  }

  /** Feeds rows from the source; returns the Recording when the window is complete. */
  push(rows: readonly MotionRow[]): Recording | null {
    const c = this.#cur;
    if (!c || this.phase !== 'recording') return null;
    if (c.irregular) {
      for (const r of rows) c.rows.push(r);
      const span = c.rows.length ? c.rows[c.rows.length - 1]![0] - c.rows[0]![0] : 0;
      if (span + 1e-9 < this.#spanMs(c)) return null;
    } else {
      for (const r of rows) {
        if (c.rows.length >= c.n) break;
        c.rows.push(r);
      }
      if (c.rows.length < c.n) return null;
    }
    return this.#finish(false);
  }

  /** The source stopped (unplugged, error, disconnect): keeps what was recorded, marked partial. */
  interrupt(): Recording | null {
    const c = this.#cur;
    if (!c || this.phase !== 'recording') return null;
    if (c.rows.length === 0) {
      this.#cur = null;
      this.phase = 'idle';
      return null;
    }
    return this.#finish(true);
  }

  /** Drops the window being recorded. */
  cancel(): void {
    this.#cur = null;
    if (this.phase === 'recording') this.phase = 'idle';
  }

  /** Time the phone's rows must span: (n − 1) grid steps, ms. */
  #spanMs(c: { n: number; hzOut: number }): number {
    return ((c.n - 1) * 1000) / c.hzOut;
  }

  #finish(partial: boolean): Recording {
    const c = this.#cur!;
    let rows: MotionRow[];
    if (c.irregular) {
      rows = resampleRows(c.rows, c.hzOut).slice(0, c.n);
    } else {
      const t0 = c.rows[0]![0];
      rows = c.rows.map((r) => [r[0] - t0, r[1], r[2], r[3]]);
    }
    const createdAt = this.#o.now();
    const rec: Recording = {
      id: (this.#o.makeId ?? defaultId)(createdAt, ++this.#seq),
      label: c.label, hz: c.hzOut, rows, source: c.source, createdAt,
    };
    if (partial || rows.length < c.n) rec.partial = true;
    this.#cur = null;
    this.last = rec;
    this.phase = rec.partial ? 'partial' : 'saved';
    return rec;
  }
}

export interface ClassCount {
  label: string;
  /** Recordings of this label. */
  n: number;
  /** Of which partial. */
  partial: number;
}

/** Recordings per label, in order of first appearance. */
export function countsByLabel(recs: readonly Pick<Recording, 'label' | 'partial'>[]): ClassCount[] {
  const m = new Map<string, ClassCount>();
  for (const r of recs) {
    let c = m.get(r.label);
    if (!c) m.set(r.label, (c = { label: r.label, n: 0, partial: 0 }));
    c.n++;
    if (r.partial) c.partial++;
  }
  return [...m.values()];
}

/** «data-counts» text: label:n pairs joined by «;» (tests read it). */
export const countsAttr = (cs: readonly ClassCount[]): string => cs.map((c) => `${c.label}:${c.n}`).join(';');
