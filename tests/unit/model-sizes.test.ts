import { describe, expect, it } from 'vitest';
import { defaultModelSizes } from '../../src/lib/model-sizes';
import { bytesText } from '../../widgets/lib/format/number';

// The sizes the lessons print through <Tamano> (09, 10, 12, 13), read from the shipped files.
describe('default CNN sizes read from the files', () => {
  it('weights: 4 bytes for each of the 9098 parameters, 35,5 KB at 1 KB = 1024 bytes', () => {
    const s = defaultModelSizes();
    expect(s.weights).toBe(9098 * 4);
    expect(bytesText(s.weights)).toBe('35,5 KB');
  });

  it('the course converter: float32 .tflite a little over the weights, int8 about a third of it', () => {
    const s = defaultModelSizes();
    expect(s.tfliteFloat32).toBeGreaterThan(s.weights);
    expect(s.tfliteFloat32 - s.weights).toBeLessThan(4096); // the graph description
    const ratio = s.tfliteInt8 / s.tfliteFloat32;
    expect(ratio).toBeGreaterThan(0.3); // not the quarter the weights alone would give
    expect(ratio).toBeLessThan(0.36);
    expect(s.tfliteInt8).toBeGreaterThan(9098); // at least one byte per parameter
  });
});
