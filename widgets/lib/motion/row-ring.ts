/**
 * A fixed-capacity ring of motion rows (pure), for live plots: the newest `capacity` rows
 * `[t_ms, ax, ay, az]` kept in four Float64Arrays, oldest first when read. Pushing never
 * allocates; at 1 kHz a 6 s plot needs capacity 6000.
 */
import type { MotionRow } from '../sensors/types';

export class RowRing {
  readonly capacity: number;
  readonly t: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  /** Rows ever pushed (also the index the next row gets). */
  total = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be ≥ 1');
    this.capacity = Math.floor(capacity);
    this.t = new Float64Array(this.capacity);
    this.x = new Float64Array(this.capacity);
    this.y = new Float64Array(this.capacity);
    this.z = new Float64Array(this.capacity);
  }

  /** Rows held now (≤ capacity). */
  get length(): number {
    return Math.min(this.total, this.capacity);
  }

  push(rows: readonly MotionRow[]): void {
    for (const r of rows) {
      const k = this.total % this.capacity;
      this.t[k] = r[0];
      this.x[k] = r[1];
      this.y[k] = r[2];
      this.z[k] = r[3];
      this.total++;
    }
  }

  clear(): void {
    this.total = 0;
  }

  /** Storage slot of the i-th held row (0 = oldest held). */
  slot(i: number): number {
    return (this.total - this.length + i) % this.capacity;
  }

  /** Read-only accessors over the held rows, oldest first (the shape axes-plot.ts draws). */
  view(): { length: number; t(i: number): number; v(axis: number, i: number): number } {
    const n = this.length;
    const base = this.total - n;
    const cap = this.capacity;
    const cols = [this.x, this.y, this.z];
    return { length: n, t: (i) => this.t[(base + i) % cap]!, v: (a, i) => cols[a]![(base + i) % cap]! };
  }

  /** The newest row, or null when empty. */
  last(): MotionRow | null {
    if (this.total === 0) return null;
    const k = (this.total - 1) % this.capacity;
    return [this.t[k]!, this.x[k]!, this.y[k]!, this.z[k]!];
  }

  /** The newest `n` rows (n ≤ length) as three axis arrays [x[], y[], z[]], oldest first. */
  tailAxes(n: number): [Float64Array, Float64Array, Float64Array] {
    if (n > this.length) throw new RangeError(`only ${this.length} rows held, asked for ${n}`);
    const out: [Float64Array, Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const base = this.total - n;
    for (let i = 0; i < n; i++) {
      const k = (base + i) % this.capacity;
      out[0][i] = this.x[k]!;
      out[1][i] = this.y[k]!;
      out[2][i] = this.z[k]!;
    }
    return out;
  }

  /** The held rows with t ≥ fromT, oldest first (copies). */
  since(fromT: number): MotionRow[] {
    const out: MotionRow[] = [];
    for (let i = 0; i < this.length; i++) {
      const k = this.slot(i);
      if (this.t[k]! >= fromT) out.push([this.t[k]!, this.x[k]!, this.y[k]!, this.z[k]!]);
    }
    return out;
  }
}
