import { describe, expect, it } from 'vitest';
import {
  TfliteError,
  describeNonTflite,
  exampleFloatModel,
  exampleInt8Model,
  readTflite,
  writeTflite,
  type TfliteErrorCode,
} from '../../widgets/lib/tflite';
import { createRng } from '../../widgets/lib/rng/rng';

/** Runs the reader and returns the TfliteError it threw, or null if it read the file; any other exception fails the test. */
function outcome(bytes: Uint8Array): TfliteError | null {
  try {
    readTflite(bytes);
    return null;
  } catch (e) {
    if (e instanceof TfliteError) return e;
    throw new Error(`readTflite threw something other than TfliteError: ${String(e)}`);
  }
}

function expectError(bytes: Uint8Array, code: TfliteErrorCode, text?: RegExp): TfliteError {
  const e = outcome(bytes);
  expect(e, 'should have failed').not.toBeNull();
  expect(e!.code).toBe(code);
  expect(e!.name).toBe('TfliteError');
  if (text) expect(e!.message).toMatch(text);
  return e!;
}

const int8Bytes = writeTflite(exampleInt8Model());
const floatBytes = writeTflite(exampleFloatModel());
const PNG_HEADER = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 28, 0, 0, 0, 28, 8, 0,
  0, 0, 0,
]);

describe('readTflite on files that are not models', () => {
  it('an empty file', () => {
    expectError(new Uint8Array(0), 'empty', /vacío/);
  });
  it('a PNG image: says it is not TFLite and that it looks like a PNG', () => {
    const e = expectError(PNG_HEADER, 'not-tflite', /No es un modelo TensorFlow Lite/);
    expect(e.message).toMatch(/imagen PNG/);
    expect(e.message).toMatch(/TFL3/);
  });
  it('other common files get a useful guess', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(expectError(enc('{"modelTopology": {}, "weightsManifest": []}'), 'not-tflite').message).toMatch(
      /model\.json/,
    );
    expect(describeNonTflite(Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatch(/HDF5/);
    expect(describeNonTflite(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toMatch(/ZIP/);
    expect(describeNonTflite(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toMatch(/JPEG/);
    expect(describeNonTflite(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBeNull();
  });
  it('a model whose identifier was changed', () => {
    const b = int8Bytes.slice();
    b.set([0x58, 0x58, 0x58, 0x58], 4); // "XXXX"
    expectError(b, 'not-tflite', /«TFL3»/);
  });
  it('random bytes never crash the reader', () => {
    const rng = createRng(1234);
    let rejected = 0;
    for (let k = 0; k < 2000; k++) {
      const n = rng.int(0, 400);
      const b = Uint8Array.from({ length: n }, () => rng.int(0, 255));
      if (k % 2 === 0 && n >= 8) b.set([0x54, 0x46, 0x4c, 0x33], 4); // half of them pass the identifier check
      if (outcome(b)) rejected++;
    }
    expect(rejected).toBeGreaterThan(1900);
  });
});

describe('readTflite on damaged models', () => {
  it('a file cut in half is reported as cut, in Spanish', () => {
    expectError(int8Bytes.slice(0, Math.floor(int8Bytes.length / 2)), 'truncated', /cortado/);
  });
  it('a file shorter than its header', () => {
    expectError(int8Bytes.slice(0, 6), 'truncated', /6 bytes/);
  });
  it('every possible truncation is rejected with a TfliteError', () => {
    for (let n = 1; n < floatBytes.length; n++) {
      const e = outcome(floatBytes.slice(0, n));
      expect(e, `cut at ${n}`).not.toBeNull();
    }
  });
  it('a root offset beyond the end of the file', () => {
    const b = floatBytes.slice();
    new DataView(b.buffer).setUint32(0, b.length + 100, true);
    expectError(b, 'truncated', /apunta al byte/);
  });
  it('thousands of random corruptions give a model or a TfliteError, never another exception', () => {
    const rng = createRng(77);
    const seen = new Set<string>();
    for (let k = 0; k < 3000; k++) {
      const b = (k % 2 ? int8Bytes : floatBytes).slice();
      const flips = rng.int(1, 6);
      for (let f = 0; f < flips; f++) b[rng.int(8, b.length - 1)] = rng.int(0, 255);
      const e = outcome(b);
      seen.add(e ? e.code : 'ok');
    }
    // the corruptions hit every kind of damage the reader distinguishes
    expect(seen.has('ok')).toBe(true);
    expect(seen.has('truncated') || seen.has('corrupt')).toBe(true);
  });
  it('dangling references inside the model are reported as damage', () => {
    const forge = (edit: (m: ReturnType<typeof exampleFloatModel>) => void): Uint8Array => {
      const m = exampleFloatModel();
      edit(m);
      expect(() => writeTflite(m)).toThrow(RangeError); // our writer refuses such a model…
      return writeTflite(m, { validate: false }); // …so forge it on purpose
    };
    expectError(
      forge((m) => void (m.subgraphs[0]!.tensors[1]!.buffer = 7)),
      'corrupt',
      /búfer 7, que no existe/,
    );
    expectError(
      forge((m) => void (m.subgraphs[0]!.operators[1]!.opcodeIndex = 9)),
      'corrupt',
      /código 9, que no existe/,
    );
    expectError(
      forge((m) => void (m.subgraphs[0]!.operators[0]!.inputs = [0, 1, 42])),
      'corrupt',
      /tensor 42, que no existe/,
    );
    expectError(
      forge((m) => void (m.subgraphs[0]!.outputs = [-1])),
      'corrupt',
      /tensor -1/,
    );
    expectError(
      forge((m) => void (m.subgraphs = [])),
      'corrupt',
      /ningún subgrafo/,
    );
    expectError(
      forge((m) => void (m.signatures![0]!.outputs[0]!.tensorIndex = 12)),
      'corrupt',
      /firma 0 hace referencia al tensor 12/,
    );
  });
  it('an unknown enum value (a newer schema) is reported as unsupported', () => {
    // A model whose tensor 3 is INT8 (type byte 9); set each byte equal to 9 to 99 in turn: exactly
    // one of them is that type byte (others are e.g. the FULLY_CONNECTED code 9, which reads fine).
    const m = exampleFloatModel();
    m.subgraphs[0]!.tensors[3]!.type = 'INT8';
    const forged = writeTflite(m);
    const base = readTflite(forged);
    let patched = 0;
    for (let p = 8; p < forged.length; p++) {
      if (forged[p] !== 9) continue;
      const t = forged.slice();
      t[p] = 99;
      const e = outcome(t);
      if (e?.code === 'unsupported') {
        expect(e.message).toMatch(/tipo de dato tiene un valor desconocido \(99\)/);
        patched++;
      }
    }
    expect(base.subgraphs[0]!.tensors[3]!.type).toBe('INT8');
    expect(patched).toBe(1);
  });
});

describe('readTflite warnings', () => {
  it('a sound model has none', () => {
    expect(readTflite(int8Bytes).warnings).toEqual([]);
  });
  it('reports a schema version other than 3 and a buffer that does not match its shape', () => {
    const m = exampleFloatModel();
    m.version = 2;
    m.buffers[2] = new Uint8Array(8); // the bias needs 3 float32 = 12 bytes
    const w = readTflite(writeTflite(m)).warnings;
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/versión del esquema es 2/);
    expect(w[1]).toMatch(/pide 12 bytes y su búfer tiene 8/);
  });
});
