/**
 * Lesson 12 inspector, pure parts: any bytes give either a model description or a Spanish
 * message (never an exception), for our files, truncated ones, other formats and plain text.
 */
import { describe, expect, it } from 'vitest';
import { exampleFloatModel, exampleInt8Model, writeTflite } from '../../widgets/lib/tflite';
import { checkTfliteFile, describeModel, looksLikeText, MAX_FILE_BYTES, sizeProblem } from '../../widgets/lib/tflite/describe';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('checkTfliteFile', () => {
  it('reads the built-in examples', () => {
    const f = checkTfliteFile(writeTflite(exampleFloatModel()));
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const d = describeModel(f.info);
    expect(d.ops.map((o) => o.opName)).toEqual(['FULLY_CONNECTED', 'SOFTMAX']);
    expect(d.inputs[0]!.label).toBe('1×4 float32');
    // W 3×4 and b 3 in float32: 12·4 + 3·4 bytes.
    expect(d.ops[0]!.constants.map((c) => c.bytes)).toEqual([48, 12]);
    const q = checkTfliteFile(writeTflite(exampleInt8Model()));
    expect(q.ok && describeModel(q.info).ops.map((o) => o.opName)).toEqual(['QUANTIZE', 'FULLY_CONNECTED', 'SOFTMAX', 'DEQUANTIZE']);
  });

  it('a truncated file gets a Spanish message', () => {
    const bytes = writeTflite(exampleFloatModel());
    for (const n of [3, 40, Math.floor(bytes.length / 2), bytes.length - 9]) {
      const r = checkTfliteFile(bytes.subarray(0, n));
      expect(r.ok, `${n} bytes`).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/cortado|dañado|bytes/);
    }
  });

  it('names other formats', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const r1 = checkTfliteFile(png);
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.code).toBe('not-tflite');
      expect(r1.message).toContain('No es un modelo TensorFlow Lite');
      expect(r1.message).toContain('Parece una imagen PNG.');
    }
    const r2 = checkTfliteFile(ascii('{"modelTopology": {}, "weightsManifest": []}'));
    expect(!r2.ok && r2.message).toContain('JSON');
    const r3 = checkTfliteFile(ascii('Hola, esto es una nota de texto.\nNo es un modelo.\n'));
    expect(!r3.ok && r3.message).toContain('Parece un archivo de texto.');
    const r4 = checkTfliteFile(new Uint8Array(0));
    expect(!r4.ok && r4.code).toBe('empty');
  });

  it('never throws on random bytes, even with the TFL3 identifier', () => {
    let state = 12345;
    const next = (): number => (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
    for (let k = 0; k < 300; k++) {
      const b = Uint8Array.from({ length: 8 + (k % 200) }, next);
      if (k % 2) b.set(ascii('TFL3'), 4);
      const r = checkTfliteFile(b);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('text sniffing and size limits', () => {
    expect(looksLikeText(ascii('abc\tdef\n'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x1c, 0, 0, 0]))).toBe(false);
    expect(looksLikeText(new Uint8Array(0))).toBe(false);
    expect(sizeProblem(0)).toMatch(/vacío/);
    expect(sizeProblem(1000)).toBeNull();
    expect(sizeProblem(MAX_FILE_BYTES + 1)).toMatch(/hasta/);
  });
});
