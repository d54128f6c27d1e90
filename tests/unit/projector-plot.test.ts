import { describe, expect, it } from 'vitest';
import { plotFontPx, scalePlotOptions } from '../../widgets/lib/widget/projector-plot';

describe('scalePlotOptions: Plot charts laid out for the projector font', () => {
  const base = { width: 300, height: 150, marginLeft: 36, marginBottom: 34, marginTop: 18, style: { background: 'transparent', fontSize: '12px' } };
  it('reads the chart font from its style, else Plot’s 10 px', () => {
    expect(plotFontPx(base)).toBe(12);
    expect(plotFontPx({ width: 10 })).toBe(10);
    expect(plotFontPx({ style: 'font-size: 30px' })).toBe(10);
  });
  it('12 px text at a 20 px projector font: k = 20/12, margins ×k (+0.3·F on top), height grows by the top and bottom growth', () => {
    const o = scalePlotOptions(base, 20);
    expect(o.marginLeft).toBe(60);
    expect(o.marginTop).toBe(30 + 6);
    expect(o.marginBottom).toBe(57);
    expect(o.marginRight).toBeUndefined();
    expect(o.height).toBe(150 + (36 - 18) + (57 - 34));
    expect(o.width).toBe(300);
    expect(o.style).toEqual({ background: 'transparent', fontSize: '20px' });
    expect(base.marginLeft).toBe(36); // the input is not changed
  });
  it('changes nothing outside projector mode or when the chart font is already large enough', () => {
    expect(scalePlotOptions(base, 0)).toBe(base);
    expect(scalePlotOptions({ ...base, style: { fontSize: '24px' } }, 20).marginLeft).toBe(36);
  });
  it('thins ticks by k: a number the chart sets, or Plot’s default on a quantitative axis', () => {
    const o = scalePlotOptions({ ...base, x: { domain: [-4, 4], ticks: 10 }, y: { domain: [0, 1] } }, 20);
    expect((o.x as { ticks: number }).ticks).toBe(6); // round(10 / (20/12))
    // y: Plot's default of one tick per 35 px of the plotting height, divided by k
    expect((o.y as { ticks: number }).ticks).toBe(Math.max(2, Math.floor((191 - 36 - 57) / 35 / (20 / 12))));
    expect((o.x as { domain: number[] }).domain).toEqual([-4, 4]);
  });
  it('leaves ordinal axes, tick lists and axes it does not know alone', () => {
    const o = scalePlotOptions({ ...base, x: { type: 'band', domain: [1, 2, 3] }, y: { ticks: [0, 0.5, 1] } }, 20);
    expect((o.x as { ticks?: number }).ticks).toBeUndefined();
    expect((o.y as { ticks: number[] }).ticks).toEqual([0, 0.5, 1]);
    expect(scalePlotOptions({ ...base, x: { domain: ['a', 'b'] } }, 20).x).toEqual({ domain: ['a', 'b'] });
    expect(scalePlotOptions(base, 20).x).toBeUndefined();
  });
  it('without a style, scales from Plot’s 10 px and leaves style alone', () => {
    const o = scalePlotOptions({ marginLeft: 40 }, 20);
    expect(o.marginLeft).toBe(80);
    expect(o.style).toBeUndefined();
  });
});
