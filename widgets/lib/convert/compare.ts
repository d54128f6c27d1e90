/**
 * Comparing engines that run the same model (tfjs, LiteRT float32, LiteRT int8…) on the same
 * labelled inputs (pure). Each engine gives one probability vector per input; the tally keeps,
 * for every engine, how many top-1 answers were right and, for every pair of engines, on how many
 * inputs they chose the same class (right or wrong) and max |p_a − p_b| over inputs and classes.
 */
import { argmax } from '../conv/ops';

/** max_i |a_i − b_i|; the vectors must have the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Running comparison of the engines `K` on the same inputs. */
export class Tally<K extends string> {
  /** Inputs added so far. */
  n = 0;
  readonly #engines: readonly K[];
  readonly #ok: number[];
  /** Indexed by pair i·E + j (i < j). */
  readonly #agree: number[];
  readonly #diff: number[];

  constructor(engines: readonly K[]) {
    if (engines.length < 2 || new Set(engines).size !== engines.length) throw new RangeError('a tally compares two or more different engines');
    this.#engines = engines;
    this.#ok = engines.map(() => 0);
    this.#agree = new Array<number>(engines.length ** 2).fill(0);
    this.#diff = new Array<number>(engines.length ** 2).fill(0);
  }

  /** Adds one input: every engine's probabilities (same length) and the true label. */
  add(outputs: Readonly<Record<K, ArrayLike<number>>>, label: number): this {
    const p = this.#engines.map((k) => outputs[k]);
    if (p.some((v) => v.length !== p[0]!.length)) throw new RangeError('the outputs differ in length');
    const top = p.map(argmax);
    const e = p.length;
    this.n++;
    top.forEach((t, i) => t === label && this.#ok[i]!++);
    for (let i = 0; i < e; i++) {
      for (let j = i + 1; j < e; j++) {
        if (top[i] === top[j]) this.#agree[i * e + j]!++;
        this.#diff[i * e + j] = Math.max(this.#diff[i * e + j]!, maxAbsDiff(p[i]!, p[j]!));
      }
    }
    return this;
  }

  /** Inputs engine `k` classified correctly. */
  correct(k: K): number {
    return this.#ok[this.#index(k)]!;
  }

  /** Inputs on which `a` and `b` chose the same class. */
  agree(a: K, b: K): number {
    return this.#agree[this.#pair(a, b)]!;
  }

  /** max over inputs and classes of |p_a − p_b| (probabilities, 0…1). */
  maxAbsDiff(a: K, b: K): number {
    return this.#diff[this.#pair(a, b)]!;
  }

  #index(k: K): number {
    const i = this.#engines.indexOf(k);
    if (i < 0) throw new RangeError(`unknown engine ${k}`);
    return i;
  }

  #pair(a: K, b: K): number {
    const [i, j] = [this.#index(a), this.#index(b)].sort((x, y) => x - y) as [number, number];
    if (i === j) throw new RangeError('compare two different engines');
    return i * this.#engines.length + j;
  }
}
