import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKwsModel, DEFAULT_KWS_ARCH, kwsSummary } from '../../widgets/lib/kws/model';

describe('kws model table', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('counts the default CNN by hand: shapes, parameters, multiply-adds, bytes', () => {
    const s = kwsSummary(DEFAULT_KWS_ARCH, 49, 13, 4);
    const byName = (k: string) => s.layers.filter((l) => l.params > 0 || l.macs > 0).map((l) => l[k as 'params']);
    // conv1: 3·3·1 weights + 1 bias per filter, 8 filters; output 47×11×8, 9 MACs per output value.
    // conv2: (3·3·8 + 1)·16 = 1168; output 21×3×16, 72 MACs each. dense: 160·4 + 4.
    expect(byName('params')).toEqual([80, 1168, 644]);
    expect(byName('macs')).toEqual([47 * 11 * 8 * 9, 21 * 3 * 16 * 72, 160 * 4]);
    expect(s.totalParams).toBe(1892);
    expect(s.totalBytesFloat32).toBe(4 * 1892);
    // int8: one byte per weight, int32 biases (8 + 16 + 4 of them).
    expect(s.totalBytesInt8).toBe(1892 - 28 + 4 * 28);
    expect(s.layers.map((l) => l.outputShape.join('×'))).toContain('10×1×16');
  });

  it('builds a model with as many parameters as the table says', () => {
    const m = buildKwsModel(tf, DEFAULT_KWS_ARCH, 49, 13, 4, 1);
    expect(m.countParams()).toBe(kwsSummary(DEFAULT_KWS_ARCH, 49, 13, 4).totalParams);
    m.dispose();
  });
});
