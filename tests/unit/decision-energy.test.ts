/**
 * The energy of one decision: MAC count of the shipped default CNN against a count by hand, and
 * the cycles → time → µJ → days chain with the cited constants against values computed by hand
 * (the figures in the comments were worked out independently of the code).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_CURRENT, CLOCK, USABLE, CR2032_CAPACITY, CR2032_VOLTAGE, CYCLES_FP32, CYCLES_INT8, FACTS, SLEEP_OFF, SLEEP_ON,
  constantsFor, decisionFromMacs, decisionFromTime, formulaLines, macSummary, parseMeasuredMicros,
} from '../../widgets/decision-energy/core';
import { layerSpecsFromTopology } from '../../widgets/lib/cnn/topology';
import { cnnSummary, DEFAULT_ARCH } from '../../widgets/lib/cnn/spec';

/** By hand: conv1 28·28·8·(3·3·1) + conv2 14·14·16·(3·3·8) + dense 784·10. */
const HAND_MACS = 28 * 28 * 8 * 9 + 14 * 14 * 16 * 72 + 7 * 7 * 16 * 10;

describe('MACs of the default model', () => {
  it('the shipped model.json counts 290 080 MACs, layer by layer as by hand', () => {
    expect(HAND_MACS).toBe(290080);
    const topo = JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8')).modelTopology;
    const specs = layerSpecsFromTopology(topo);
    if (typeof specs === 'string') throw new Error(specs);
    const s = macSummary([28, 28, 1], specs);
    expect(s.totalMacs).toBe(HAND_MACS);
    expect(s.layers.map((l) => l.macs)).toEqual([56448, 0, 225792, 0, 0, 7840]);
    expect(s.totalParams).toBe(80 + 1168 + 7850);
    expect(cnnSummary(DEFAULT_ARCH).totalMacs).toBe(HAND_MACS);
  });

  it('a stack that does not fit throws its Spanish reason', () => {
    expect(() => macSummary([28, 28, 1], [{ type: 'dense', units: 10 }])).toThrow(/Flatten/);
  });
});

describe('the cited constants', () => {
  it('have the values the page cites, and every assumption has a range that contains it', () => {
    expect([CLOCK.value, CYCLES_FP32.value, CYCLES_INT8.value, ACTIVE_CURRENT.value, SLEEP_ON.value, SLEEP_OFF.value, CR2032_CAPACITY.value, CR2032_VOLTAGE.value, USABLE.value])
      .toEqual([64, 8, 3, 3.3, 3.16, 0.4, 225, 3, 80]);
    for (const f of FACTS) {
      expect(f.source.length).toBeGreaterThan(40);
      if (f.status === 'supuesto') {
        expect(f.range, f.label).toBeDefined();
        expect(f.value).toBeGreaterThanOrEqual(f.range![0]);
        expect(f.value).toBeLessThanOrEqual(f.range![1]);
      }
    }
    expect(CYCLES_INT8.source).toMatch(/Lai, Suda y Chandra.*CMSIS-NN/);
    expect(ACTIVE_CURRENT.source).toMatch(/nRF52840 Product Specification.*ICPU0/);
    expect(SLEEP_ON.source).toMatch(/ION_RAMON_RTC: 3,16 µA/);
    expect(SLEEP_OFF.source).toMatch(/IOFF_RAMOFF_RESET: 0,40 µA/);
    expect([ACTIVE_CURRENT, SLEEP_ON, SLEEP_OFF].map((f) => f.status)).toEqual(['citado', 'citado', 'citado']);
  });
});

describe('cycles → time → energy → days (hand-computed)', () => {
  const on = constantsFor('on');

  it('int8 with CMSIS-NN, one decision per second, System ON', () => {
    const d = decisionFromMacs(HAND_MACS, 3, 1, on);
    expect(d.cycles).toBe(870240); // 290 080 · 3
    expect(d.seconds).toBeCloseTo(0.0135975, 10); // 870 240 / 64e6
    expect(d.microjoules).toBeCloseTo(134.61525, 6); // 3,3 mA · 3 V · 13,5975 ms
    expect(d.duty).toBeCloseTo(0.0135975, 10);
    expect(d.averageW * 1e6).toBeCloseTo(143.9663457, 5); // d · 9,9 mW + (1 − d) · 9,48 µW
    expect(d.hours).toBeCloseTo(3750.8766, 3); // 0,8 · 0,675 Wh = 0,54 Wh, / P
    expect(d.days).toBeCloseTo(156.2865, 3);
    expect(d.overrun).toBe(false);
  });

  it('float32, one decision per second, System ON', () => {
    const d = decisionFromMacs(HAND_MACS, 8, 1, on);
    expect(d.seconds).toBeCloseTo(0.03626, 10);
    expect(d.microjoules).toBeCloseTo(358.974, 5);
    expect(d.days).toBeCloseTo(61.12299, 4);
  });

  it('a measured 15 ms, one decision every 10 s, System OFF', () => {
    const d = decisionFromTime(0.015, 10, constantsFor('off'));
    expect(Number.isNaN(d.cycles)).toBe(true);
    expect(d.microjoules).toBeCloseTo(148.5, 6);
    expect(d.averageW * 1e6).toBeCloseTo(16.0482, 6); // 0,0015 · 9,9 mW + 0,9985 · 1,2 µW
    expect(d.days).toBeCloseTo(1402.026, 2);
  });

  it('an inference longer than the period never sleeps (d = 1)', () => {
    const d = decisionFromTime(2, 1, on);
    expect(d.overrun).toBe(true);
    expect(d.duty).toBe(1);
    expect(d.averageW).toBeCloseTo(9.9e-3, 12);
    expect(d.hours).toBeCloseTo(0.54 / 9.9e-3, 9);
    expect(() => decisionFromTime(0, 1, on)).toThrow(RangeError);
  });

  it('the formula lines print the same numbers', () => {
    const d = decisionFromMacs(HAND_MACS, 3, 1, on);
    const lines = formulaLines(HAND_MACS, 3, d, 1, on);
    expect(lines[0]).toBe('C = M · c = 290\u202f080 · 3 = 870\u202f240 ciclos');
    expect(lines[1]).toBe('t = C / f = 870\u202f240 / 64 MHz = 13,598 ms');
    expect(lines[2]).toBe('E = I_act · V · t = 3,3 mA · 3 V · 13,598 ms = 134,6 µJ');
    expect(lines.at(-1)).toBe('L = u · Q · V / P_media = 0,8 · 225 mAh · 3 V / 143,97 µW = 3\u202f751 h = 156,3 días');
  });
});

describe('parseMeasuredMicros', () => {
  const ok = (s: string): number => {
    const r = parseMeasuredMicros(s);
    if ('error' in r) throw new Error(r.error);
    return r.micros;
  };
  it('reads the sketch line, µs, ms with a Spanish comma, s, and grouped thousands', () => {
    expect(ok('Clase: 7  (inferencia: 13582 us)')).toBe(13582);
    expect(ok('13582 us')).toBe(13582);
    expect(ok('13 582 µs')).toBe(13582);
    expect(ok('13.582 us')).toBe(13582);
    expect(ok('13,6 ms')).toBeCloseTo(13600, 9);
    expect(ok('13.6ms')).toBeCloseTo(13600, 9);
    expect(ok('0,0136 s')).toBeCloseTo(13600, 9);
  });
  it('explains what is wrong in Spanish', () => {
    const err = (s: string): string => {
      const r = parseMeasuredMicros(s);
      return 'error' in r ? r.error : '';
    };
    expect(err('')).toMatch(/Escribe o pega/);
    expect(err('13582')).toMatch(/Falta la unidad/);
    expect(err('hola')).toMatch(/No encuentro un tiempo/);
    expect(err('1.234,5 ms')).toMatch(/mezcla punto y coma/);
    expect(err('0 ms')).toMatch(/mayor que cero/);
    expect(err('9000 s')).toMatch(/revisa la unidad/);
  });
});
