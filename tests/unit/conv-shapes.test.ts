// The layer-stack calculator of widgets/lib/conv/shapes.ts, checked by hand and against the
// shapes and parameter counts of the same model built with tf.sequential.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeLayer, pair, shapeText, SMALL_CNN, summarize, type LayerSpec } from '../../widgets/lib/conv';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The same stack as a Keras-style model (channels last), to compare shapes and countParams(). */
function toTfModel(input: number[], specs: readonly LayerSpec[]): tf.Sequential {
  const model = tf.sequential();
  for (const [i, s] of specs.entries()) {
    const first = i === 0 ? { inputShape: input } : {};
    switch (s.type) {
      case 'conv2d':
        model.add(tf.layers.conv2d({
          ...first, filters: s.filters, kernelSize: pair(s.kernelSize), strides: pair(s.stride ?? 1),
          padding: s.padding ?? 'valid', activation: s.activation ?? 'linear', useBias: s.useBias ?? true,
        }));
        break;
      case 'maxPool2d':
      case 'avgPool2d': {
        const cfg = { ...first, poolSize: pair(s.poolSize), strides: pair(s.stride ?? s.poolSize), padding: s.padding ?? 'valid' };
        model.add(s.type === 'maxPool2d' ? tf.layers.maxPooling2d(cfg) : tf.layers.averagePooling2d(cfg));
        break;
      }
      case 'flatten':
        model.add(tf.layers.flatten(first));
        break;
      case 'dense':
        model.add(tf.layers.dense({ ...first, units: s.units, activation: s.activation ?? 'linear', useBias: s.useBias ?? true }));
        break;
    }
  }
  return model;
}

function expectSameAsTf(input: number[], specs: readonly LayerSpec[]): void {
  const ours = summarize(input, specs);
  expect(ours.error).toBeNull();
  const model = toTfModel(input, specs);
  expect(ours.totalParams).toBe(model.countParams());
  model.layers.forEach((layer, i) => {
    expect([null, ...ours.layers[i]!.outputShape]).toEqual(layer.outputShape);
    expect(ours.layers[i]!.params).toBe(layer.countParams());
  });
  model.dispose();
}

describe('layer-stack calculator', () => {
  it('gets the small CNN of lesson 10 right, by hand', () => {
    const s = summarize([28, 28, 1], SMALL_CNN);
    expect(s.error).toBeNull();
    expect(s.layers.map((l) => shapeText(l.outputShape))).toEqual([
      '28 × 28 × 8', '14 × 14 × 8', '14 × 14 × 16', '7 × 7 × 16', '784', '10',
    ]);
    // conv: 3·3·1·8 + 8 = 80; conv: 3·3·8·16 + 16 = 1168; dense: 784·10 + 10 = 7850.
    expect(s.layers.map((l) => l.params)).toEqual([80, 0, 1168, 0, 0, 7850]);
    expect(s.totalParams).toBe(9098);
    // MACs: 28·28·8·9 = 56 448; 14·14·16·72 = 225 792; 784·10 = 7840.
    expect(s.layers.map((l) => l.macs)).toEqual([56448, 0, 225792, 0, 0, 7840]);
    expect(s.totalMacs).toBe(290080);
    expect(s.float32Bytes).toBe(9098 * 4);
    expect(s.output).toEqual([10]);
    expect(s.layers[0]!.outputValues).toBe(28 * 28 * 8);
    expect(s.layers[0]!.label).toBe('Conv2D: 8 filtros 3×3, paso 1, padding same, ReLU');
    expect(s.layers[1]!.kerasName).toBe('MaxPooling2D');
  });

  it('agrees with tf.sequential (shapes and countParams) on the small CNN and other stacks', () => {
    expectSameAsTf([28, 28, 1], SMALL_CNN);
    expectSameAsTf([32, 32, 3], [
      { type: 'conv2d', filters: 6, kernelSize: 5, activation: 'relu' },
      { type: 'avgPool2d', poolSize: 2 },
      { type: 'conv2d', filters: 16, kernelSize: [5, 3], stride: [1, 2], padding: 'same', useBias: false },
      { type: 'maxPool2d', poolSize: 3, stride: 2, padding: 'same' },
      { type: 'flatten' },
      { type: 'dense', units: 32, activation: 'relu' },
      { type: 'dense', units: 10, activation: 'softmax', useBias: false },
    ]);
    expectSameAsTf([49, 40, 1], [
      { type: 'conv2d', filters: 8, kernelSize: [10, 8], stride: 2, padding: 'same', activation: 'relu' },
      { type: 'maxPool2d', poolSize: [3, 2], stride: [2, 1] },
      { type: 'flatten' },
      { type: 'dense', units: 4 },
    ]);
  });

  it('reports in Spanish the first layer that cannot follow the previous one', () => {
    const noFlatten = summarize([28, 28, 1], [{ type: 'conv2d', filters: 4, kernelSize: 3 }, { type: 'dense', units: 10 }]);
    expect(noFlatten.error).toEqual({ layer: 1, message: expect.stringContaining('añade Flatten antes') });
    expect(noFlatten.layers).toHaveLength(1);
    expect(noFlatten.output).toEqual([26, 26, 4]);

    const convAfterFlatten = summarize([8, 8, 1], [{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernelSize: 3 }]);
    expect(convAfterFlatten.error?.layer).toBe(1);
    expect(convAfterFlatten.error?.message).toContain('vector de 64 valores');

    const tooSmall = summarize([4, 4, 1], [{ type: 'maxPool2d', poolSize: 2 }, { type: 'conv2d', filters: 1, kernelSize: 3 }]);
    expect(tooSmall.error).toEqual({ layer: 1, message: expect.stringContaining("usa padding 'same'") });

    expect(summarize([4, 4, 1], [{ type: 'conv2d', filters: 0, kernelSize: 3 }]).error?.layer).toBe(0);
    expect(summarize([4, 4, 1], [{ type: 'dense', units: 3 }]).error?.layer).toBe(0);
    expect(summarize([4, 0, 1], []).error?.layer).toBe(-1);
    expect(summarize([10], [{ type: 'dense', units: 3 }])).toMatchObject({ totalParams: 33, totalMacs: 30, error: null });
  });

  it('describes every kind of layer in Spanish', () => {
    expect(describeLayer({ type: 'avgPool2d', poolSize: 2 })).toBe('Average pooling 2×2, paso 2, padding valid');
    expect(describeLayer({ type: 'conv2d', filters: 4, kernelSize: [3, 5], stride: [1, 2] }))
      .toBe('Conv2D: 4 filtros 3×5, paso 1×2, padding valid');
    expect(describeLayer({ type: 'dense', units: 10, activation: 'softmax' })).toBe('Dense: 10 neuronas, softmax');
    expect(describeLayer({ type: 'flatten' })).toBe('Flatten: aplana el mapa en un vector');
  });
});
