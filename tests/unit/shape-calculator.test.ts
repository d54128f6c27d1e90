// Shape calculator core: the stack's number encoding survives the URL codec, invalid lists are
// rejected, and the per-layer texts carry the counts summarize() gives (checked vs tf in conv-shapes).
import { describe, expect, it } from 'vitest';
import { SMALL_CNN, summarize, type LayerSpec } from '../../widgets/lib/conv';
import { createRng } from '../../widgets/lib/rng/rng';
import { decodeState, encodeState } from '../../widgets/lib/state/codec';
import { nums } from '../../widgets/lib/state/schema';
import {
  MAX_CODES, MAX_CODE_VALUE, MAX_LAYERS, bytesText, decodeStack, encodeStack, macsText, moveLayer, paramsText, removeLayer,
  totalsText,
} from '../../widgets/shape-calculator/core';

const schema = { input: nums([28, 28, 1], 1, 1024, 3, 3), stack: nums(encodeStack(SMALL_CNN), 0, MAX_CODE_VALUE, 0, MAX_CODES) };

/** SMALL_CNN with every default written out, as decodeStack returns it. */
const SMALL_FULL: LayerSpec[] = [
  { type: 'conv2d', filters: 8, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
  { type: 'maxPool2d', poolSize: 2, stride: 2, padding: 'valid' },
  { type: 'conv2d', filters: 16, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
  { type: 'maxPool2d', poolSize: 2, stride: 2, padding: 'valid' },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

function randomStack(rng: ReturnType<typeof createRng>): LayerSpec[] {
  const n = rng.int(0, MAX_LAYERS);
  return Array.from({ length: n }, (): LayerSpec => {
    const pad = rng.next() < 0.5 ? 'valid' : 'same';
    switch (rng.int(0, 4)) {
      case 0:
        return { type: 'conv2d', filters: rng.int(1, 512), kernelSize: rng.int(1, 11), stride: rng.int(1, 5), padding: pad, activation: rng.next() < 0.5 ? 'relu' : 'linear' };
      case 1:
        return { type: 'maxPool2d', poolSize: rng.int(1, 5), stride: rng.int(1, 5), padding: pad };
      case 2:
        return { type: 'avgPool2d', poolSize: rng.int(1, 5), stride: rng.int(1, 5), padding: pad };
      case 3:
        return { type: 'flatten' };
      default:
        return { type: 'dense', units: rng.int(1, 4096), activation: (['linear', 'relu', 'softmax'] as const)[rng.int(0, 2)]! };
    }
  });
}

describe('codificación de la pila', () => {
  it('la CNN pequeña se escribe con 24 números', () => {
    expect(encodeStack(SMALL_CNN)).toEqual([1, 8, 3, 1, 1, 1, 2, 2, 2, 0, 1, 16, 3, 1, 1, 1, 2, 2, 2, 0, 4, 5, 10, 2]);
    expect(decodeStack(encodeStack(SMALL_CNN))).toEqual(SMALL_FULL);
  });

  it('ida y vuelta por la URL para pilas al azar', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 300; trial++) {
      const stack = randomStack(rng);
      const codes = encodeStack(stack);
      expect(codes.length).toBeLessThanOrEqual(MAX_CODES);
      const text = encodeState(schema, { input: [32, 24, 3], stack: codes });
      const back = decodeState(schema, text);
      expect(back.rejected).toEqual([]);
      expect(back.state.input).toEqual([32, 24, 3]);
      expect(decodeStack(back.state.stack)).toEqual(stack);
    }
  });

  it('la pila vacía también viaja', () => {
    const back = decodeState(schema, encodeState(schema, { input: [28, 28, 1], stack: [] }));
    expect(back.state.stack).toEqual([]);
    expect(decodeStack(back.state.stack)).toEqual([]);
  });

  it('rechaza listas que no forman una pila', () => {
    expect(decodeStack([9])).toBeNull(); // unknown layer code
    expect(decodeStack([1, 8, 3, 1, 1])).toBeNull(); // truncated conv
    expect(decodeStack([1, 0, 3, 1, 1, 1])).toBeNull(); // 0 filters
    expect(decodeStack([1, 8, 3, 1, 2, 1])).toBeNull(); // padding code 2
    expect(decodeStack([1, 8, 3.5, 1, 1, 1])).toBeNull(); // not an integer
    expect(decodeStack([5, 10, 3])).toBeNull(); // dense activation code 3
    expect(decodeStack([2, 6, 2, 0])).toBeNull(); // pool window above the limit
    expect(decodeStack(new Array<number>(MAX_LAYERS + 1).fill(4))).toBeNull(); // too many layers
    expect(decodeStack(new Array<number>(MAX_LAYERS).fill(4))).toHaveLength(MAX_LAYERS);
    // The codec drops the field when a value is outside its range, and the default stays.
    const bad = decodeState(schema, 'stack:1,8,3,1,1,1,9999');
    expect(bad.rejected).toEqual(['stack']);
    expect(bad.state.stack).toEqual(encodeStack(SMALL_CNN));
  });

  it('no codifica lo que no cabe', () => {
    expect(() => encodeStack([{ type: 'conv2d', filters: 8, kernelSize: [3, 5] }])).toThrow(RangeError);
    expect(() => encodeStack([{ type: 'dense', units: 5000 }])).toThrow(RangeError);
  });
});

describe('edición', () => {
  it('mueve y quita capas sin tocar la original', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(moveLayer(list, 1, 0)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveLayer(list, 1, 3)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveLayer(list, 0, -1)).toEqual(list);
    expect(removeLayer(list, 2)).toEqual(['a', 'b', 'd']);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('textos', () => {
  it('explica los parámetros y las multiplicaciones de cada capa', () => {
    const s = summarize([28, 28, 1], SMALL_CNN);
    expect(s.error).toBeNull();
    expect(s.layers.map(paramsText)).toEqual([
      '3·3·1·8 + 8 = 80', 'sin parámetros', '3·3·8·16 + 16 = 1\u202f168', 'sin parámetros', 'sin parámetros', '784·10 + 10 = 7\u202f850',
    ]);
    expect(macsText(s.layers[0]!)).toBe('28·28·8·(3·3·1) = 56\u202f448');
    expect(macsText(s.layers[2]!)).toBe('14·14·16·(3·3·8) = 225\u202f792');
    expect(macsText(s.layers[5]!)).toBe('784·10 = 7\u202f840');
    expect(macsText(s.layers[1]!)).toBe('compara, no multiplica');
  });

  it('resume los totales', () => {
    const t = totalsText(summarize([28, 28, 1], SMALL_CNN));
    expect(t.params).toBe('9\u202f098 parámetros');
    expect(t.macs).toBe('290\u202f080 multiplicaciones-sumas por imagen');
    expect(t.weights).toContain('36\u202f392 bytes (36,4 KB)');
    expect(t.largest).toBe('Mayor salida: capa 1 (28 × 28 × 8 = 6\u202f272 valores, 25\u202f088 bytes (25,1 KB) en float32)');
    expect(totalsText(summarize([28, 28, 1], [])).largest).toBeNull();
    expect(bytesText(2_000_000)).toBe('2\u202f000\u202f000 bytes (2\u202f000 KB)');
  });

  it('una convolución 8 × 3×3 same sobre 28×28×1 da 28×28×8 y 80 parámetros', () => {
    const [l] = summarize([28, 28, 1], [{ type: 'conv2d', filters: 8, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' }]).layers;
    expect(l!.outputShape).toEqual([28, 28, 8]);
    expect(l!.params).toBe(80);
  });
});
