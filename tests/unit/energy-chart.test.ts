import { describe, expect, it } from 'vitest';
import {
  COIN_CELL_WH, PROCESSORS, aboutTimes, coinCellHours, coinCellText, compareSentence, decadeDomain,
  decadeTicks, decades, describeChart, describePx, describeTimes, formatArea, formatValue,
  linearBarPx, ordersOfMagnitude, pairs, ratio, valueOf,
} from '../../widgets/energy-chart/core';

const byId = (id: string) => PROCESSORS.find((p) => p.id === id)!;
const k80 = byId('k80');
const a12 = byId('a12');
const ndp = byId('ndp100');

describe('energy-chart data', () => {
  it('holds the published figures (W, mm²)', () => {
    expect([k80.powerW, k80.areaMm2]).toEqual([300, 561]);
    expect([a12.powerW, a12.areaMm2]).toEqual([3.64, 83]);
    expect(ndp.powerW).toBeCloseTo(0.00014, 15);
    expect(ndp.areaMm2).toBe(2.52);
    expect(PROCESSORS.map((p) => p.id)).toEqual(['k80', 'a12', 'ndp100']);
  });
  it('labels every value with SI units and a decimal comma', () => {
    expect(PROCESSORS.map((p) => formatValue(valueOf(p, 'power'), 'power'))).toEqual(['300 W', '3,64 W', '140 µW']);
    expect(PROCESSORS.map((p) => formatValue(valueOf(p, 'area'), 'area'))).toEqual(['561 mm²', '83 mm²', '2,52 mm²']);
    expect(formatArea(1000)).toBe('1\u202f000 mm²');
    expect(formatValue(1e-4, 'power')).toBe('100 µW');
    expect(formatValue(1e3, 'power')).toBe('1 kW');
  });
});

describe('ratios', () => {
  // References computed by hand: 300 / 0.00014 = 2 142 857.14…, 3.64 / 0.00014 = 26 000,
  // 300 / 3.64 = 82.417…, 561 / 2.52 = 222.619…, 561 / 83 = 6.759…, 83 / 2.52 = 32.936…
  it('power ratios', () => {
    expect(ratio(k80.powerW, ndp.powerW)).toBeCloseTo(2_142_857.142857, 3);
    expect(ratio(a12.powerW, ndp.powerW)).toBeCloseTo(26_000, 6);
    expect(ratio(k80.powerW, a12.powerW)).toBeCloseTo(82.417582, 5);
    expect(ordersOfMagnitude(k80.powerW, ndp.powerW)).toBeCloseTo(6.331, 3);
  });
  it('area ratios', () => {
    expect(ratio(k80.areaMm2, ndp.areaMm2)).toBeCloseTo(222.619048, 5);
    expect(ratio(k80.areaMm2, a12.areaMm2)).toBeCloseTo(6.759036, 5);
    expect(ratio(a12.areaMm2, ndp.areaMm2)).toBeCloseTo(32.936508, 5);
  });
  it('rejects non-positive inputs', () => {
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => ratio(-1, 2)).toThrow(RangeError);
    expect(() => describeTimes(Number.NaN)).toThrow(RangeError);
  });
  it('says multipliers as a person would', () => {
    expect(describeTimes(6.759)).toBe('6,8');
    expect(describeTimes(82.4176)).toBe('82');
    expect(describeTimes(222.6)).toBe('223');
    expect(describeTimes(26_000)).toBe('26\u202f000');
    expect(describeTimes(2_142_857)).toBe('2,1 millones');
    expect(describeTimes(1_000_000)).toBe('un millón');
    expect(describeTimes(3.2e9)).toBe('3,2 mil millones');
    expect(aboutTimes(2_142_857)).toBe('unos 2,1 millones de veces');
    expect(aboutTimes(82.4)).toBe('unas 82 veces');
  });
  it('writes the comparison sentences', () => {
    expect(compareSentence(k80, ndp, 'power')).toBe('el K80 consume unos 2,1 millones de veces más que el NDP100');
    expect(compareSentence(a12, ndp, 'power')).toBe('el A12 consume unas 26\u202f000 veces más que el NDP100');
    expect(compareSentence(k80, ndp, 'area')).toBe('el chip del K80 ocupa unas 223 veces más superficie que el del NDP100');
    expect(pairs().map(([a, b]) => `${a.id}/${b.id}`)).toEqual(['k80/a12', 'k80/ndp100', 'a12/ndp100']);
  });
});

describe('coin cell', () => {
  it('a CR2032 holds 0.675 Wh; each processor drains it at its own pace', () => {
    expect(COIN_CELL_WH).toBeCloseTo(0.675, 12);
    expect(coinCellHours(k80) * 3600).toBeCloseTo(8.1, 9); // 0.675 Wh / 300 W = 8.1 s
    expect(coinCellHours(a12) * 60).toBeCloseTo(11.126, 3); // 0.675 / 3.64 h = 11.13 min
    expect(coinCellHours(ndp)).toBeCloseTo(4821.43, 2);
    expect(PROCESSORS.map(coinCellText)).toEqual(['8,1 segundos', '11 minutos', '6,6 meses']);
  });
});

describe('scales', () => {
  it('decade domains cover the values', () => {
    expect(decadeDomain([300, 3.64, 140e-6])).toEqual([1e-4, 1e3]);
    expect(decadeDomain([561, 83, 2.52])).toEqual([1, 1e3]);
    expect(decadeDomain([5])).toEqual([1, 10]);
    expect(() => decadeDomain([0, 1])).toThrow(RangeError);
  });
  it('lists decades and thins labelled ticks on narrow charts', () => {
    expect(decades([1e-4, 1e3])).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]);
    expect(decadeTicks([1e-4, 1e3], 10)).toHaveLength(8);
    expect(decadeTicks([1e-4, 1e3], 5)).toEqual([1e-4, 1e-2, 1, 100]);
    expect(decadeTicks([1, 1e3], 2)).toEqual([1, 100]);
  });
  it('a linear bar for the NDP100 is a fraction of a pixel', () => {
    expect(linearBarPx(140e-6, 300, 600)).toBeCloseTo(0.00028, 12);
    expect(describePx(0.00028)).toBe('0,0003 píxeles');
    expect(describePx(7.28)).toBe('7,3 píxeles');
    expect(() => linearBarPx(1, 0, 100)).toThrow(RangeError);
  });
  it('describes the chart in words', () => {
    const log = describeChart('power', 'log', 600);
    expect(log).toContain('escala logarítmica');
    expect(log).toContain('NVIDIA Tesla K80, 300 W; Apple A12, 3,64 W; Syntiant NDP100, 140 µW');
    expect(log).toContain('de 100 µW a 1 kW');
    const lin = describeChart('power', 'linear', 600);
    expect(lin).toContain('escala lineal');
    expect(lin).toContain('0,0003 píxeles, así que no se ve');
    expect(describeChart('area', 'linear', 561)).toContain('2,5 píxeles');
  });
});
