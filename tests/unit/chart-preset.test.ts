import { describe, expect, it } from 'vitest';
import { CURVE_MARGINS, chartBase, shadedCell } from '../../widgets/lib/widget/chart-preset';

describe('chartBase', () => {
  const size = { min: 190, max: 260, ratio: 0.55 };
  it('takes width · ratio as the height, rounded, within [min, max]', () => {
    expect(chartBase('#111', 400, size).height).toBe(220);
    expect(chartBase('#111', 401, size).height).toBe(221); // 220.55 → 221
    expect(chartBase('#111', 200, size).height).toBe(190); // 110 clamped up
    expect(chartBase('#111', 1000, size).height).toBe(260); // 550 clamped down
  });
  it('spells the margins and the style as Plot options', () => {
    const o = chartBase('#123456', 320, size, { left: 52, right: 14, top: 18, bottom: 36 });
    expect(o).toEqual({
      width: 320, height: 190, marginLeft: 52, marginRight: 14, marginTop: 18, marginBottom: 36,
      style: { background: 'transparent', color: '#123456', fontSize: '12px', overflow: 'visible' },
    });
    const d = chartBase('#000', 320, size);
    expect([d.marginLeft, d.marginRight, d.marginTop, d.marginBottom]).toEqual([CURVE_MARGINS.left, CURVE_MARGINS.right, CURVE_MARGINS.top, CURVE_MARGINS.bottom]);
    expect([d.marginLeft, d.marginRight, d.marginTop, d.marginBottom]).toEqual([48, 16, 20, 36]);
  });
});

describe('shadedCell', () => {
  it('writes white on dark cells and black on light ones', () => {
    expect(shadedCell('#000000')).toBe('background:#000000;color:#ffffff');
    expect(shadedCell('rgb(255, 255, 255)')).toBe('background:rgb(255, 255, 255);color:#000000');
    expect(shadedCell('rgb(20, 40, 120)')).toBe('background:rgb(20, 40, 120);color:#ffffff');
  });
  it('keeps an unparseable colour and reads it as mid grey (black text)', () => {
    expect(shadedCell('no-such-colour')).toBe('background:no-such-colour;color:#000000');
  });
});
