/**
 * logTicks (widgets/lib/widget/plotkit): tick values of a log axis that never come closer than
 * the gap asked for, powers of ten first. Positions worked out by hand: on [1, 100] drawn 100 px
 * long, v sits at 50·log10(v) px (2 → 15,05; 3 → 23,86; 5 → 34,95; 10 → 50; 20 → 65,05; 50 → 84,95).
 */
import { describe, expect, it } from 'vitest';
import { logTicks } from '../../widgets/lib/widget/plotkit';

const gaps = (ts: number[], lo: number, hi: number, px: number): number[] =>
  ts.slice(1).map((t, i) => ((Math.log10(t) - Math.log10(ts[i]!)) / (Math.log10(hi) - Math.log10(lo))) * px);

describe('logTicks', () => {
  it('keeps powers of ten, then 5·10^e, then 2·10^e, while they are far enough apart', () => {
    expect(logTicks(1, 100, 100, 30)).toEqual([1, 10, 100]); // 5 would be 15 px from 10
    expect(logTicks(1, 100, 100, 14)).toEqual([1, 2, 5, 10, 20, 50, 100]); // 2→5 is 19,9 px, 5→10 15,05
    expect(logTicks(1, 100, 100, 16)).toEqual([1, 3, 10, 30, 100]); // 5 is 15,05 px from 10 and 2 from 1; 3 fits
  });

  it('never leaves two ticks closer than the gap, at the normal and the projector font', () => {
    for (const [lo, hi] of [[0.013, 2.4], [0.2, 3.1], [1.5e-4, 0.9], [0.05, 0.6]] as const) {
      for (const font of [13, 20]) {
        const ts = logTicks(lo, hi, 114, 1.6 * font);
        expect(ts.length, `${lo}…${hi} at ${font} px`).toBeGreaterThanOrEqual(2);
        for (const t of ts) expect(t >= lo && t <= hi).toBe(true);
        for (const g of gaps(ts, lo, hi, 114)) expect(g).toBeGreaterThanOrEqual(1.6 * font - 1e-9);
      }
    }
  });

  it('a domain of about one decade at the projector font: 1 first, then what fits 32 px from it', () => {
    // 95,7 px per decade: 0,5 and 2 are 28,8 px from 1; 0,2 is 66,9 px below it and 3 is 45,6 px above.
    expect(logTicks(0.2, 3.1, 114, 32)).toEqual([0.2, 1, 3]);
  });

  it('bad domains give no ticks', () => {
    expect(logTicks(0, 1, 100, 10)).toEqual([]);
    expect(logTicks(2, 1, 100, 10)).toEqual([]);
    expect(logTicks(1, 2, 0, 10)).toEqual([]);
  });
});
