import { describe, expect, it } from 'vitest';
import { createRng, normalizeSeed } from '../../widgets/lib/rng/rng';

describe('seeded RNG', () => {
  it('same seed, same sequence; different seed, different sequence', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 100 }, () => a.next());
    const sb = Array.from({ length: 100 }, () => b.next());
    const sc = Array.from({ length: 100 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('matches an independent BigInt transcription of the reference C mulberry32', () => {
    const M = (1n << 32n) - 1n;
    const reference = (seed: number): (() => number) => {
      let x = BigInt(seed) & M;
      return () => {
        x = (x + 0x6d2b79f5n) & M;
        let z = x;
        z = ((z ^ (z >> 15n)) * (z | 1n)) & M;
        z = (z ^ ((z + (((z ^ (z >> 7n)) * (z | 61n)) & M)) & M)) & M;
        return Number(z ^ (z >> 14n));
      };
    };
    for (const seed of [0, 1, 42, 123456789, 4294967295]) {
      const r = createRng(seed);
      const ref = reference(seed);
      for (let i = 0; i < 1000; i++) expect(r.next() * 4294967296).toBe(ref());
    }
  });

  it('uniform, int, normal and shuffle stay in range and are reproducible', () => {
    const r = createRng(7);
    let sum = 0;
    let sumSq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform(-2, 3);
      expect(u).toBeGreaterThanOrEqual(-2);
      expect(u).toBeLessThan(3);
      const k = r.int(1, 6);
      expect(Number.isInteger(k) && k >= 1 && k <= 6).toBe(true);
      const z = r.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const s1 = createRng(5).shuffle(items);
    expect(s1).toEqual(createRng(5).shuffle(items));
    expect([...s1].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('normalizes seeds to unsigned 32-bit integers', () => {
    expect(normalizeSeed(-1)).toBe(4294967295);
    expect(normalizeSeed(3.9)).toBe(3);
    expect(normalizeSeed(Number.NaN)).toBe(0);
    expect(createRng(2 ** 32 + 5).seed).toBe(5);
  });
});
