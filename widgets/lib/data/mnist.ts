/**
 * Reader for public/data/mnist-10k.bin, the course's compact copy of 10 000 MNIST digits written by
 * scripts/prepare-mnist.mjs (pure, no DOM: loadMnist takes the fetch function as a parameter).
 *
 * File layout (all integers little-endian):
 *   offset  size  field
 *        0     4  magic, the ASCII bytes "MNST"
 *        4     2  format version (1)
 *        6     2  header size in bytes (32)
 *        8     4  count: number of images (train + test)
 *       12     2  rows (28)
 *       14     2  cols (28)
 *       16     4  train count (the first images)
 *       20     4  test count (the last images)
 *       24     4  seed of the shuffle that made the split (informative)
 *       28     4  CRC-32 (IEEE) of every byte after the header
 *       32        pixels: count·rows·cols uint8 (0 = background, 255 = ink), image by image, row-major
 *   32 + count·rows·cols: labels, count uint8 in 0…9, same order as the images
 */
import { crc32 } from './crc32';
import { withUnit } from '../format/number';

export const MNIST_MAGIC = 'MNST';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 32;
export const MNIST_CLASSES = 10;

export type MnistErrorKind = 'truncated' | 'not-mnist' | 'version' | 'corrupt' | 'network';

/** A load or format failure; `message` is Spanish and meant for the student. */
export class MnistError extends Error {
  override readonly name = 'MnistError';
  constructor(readonly kind: MnistErrorKind, message: string) {
    super(message);
  }
}

export interface MnistSplit {
  /** count·rows·cols pixels, 0–255, image i at [i·rows·cols, (i + 1)·rows·cols). */
  images: Uint8Array;
  /** count labels, 0–9. */
  labels: Uint8Array;
  count: number;
}

export interface MnistData {
  train: MnistSplit;
  test: MnistSplit;
  rows: number;
  cols: number;
  /** Seed of the shuffle that fixed the split (from the header). */
  seed: number;
}

export interface MnistHeader {
  version: number;
  headerBytes: number;
  count: number;
  rows: number;
  cols: number;
  trainCount: number;
  testCount: number;
  seed: number;
  crc: number;
}

const PREFIX = 'El archivo de datos MNIST';
const bytesText = (n: number): string => withUnit(n, 'bytes', 0);

/** Bytes a file with this header must have: header, pixels, labels. */
export const expectedBytes = (h: Pick<MnistHeader, 'count' | 'rows' | 'cols'>): number =>
  MNIST_HEADER_BYTES + h.count * h.rows * h.cols + h.count;

/** Reads and checks the header only (magic, version, coherent sizes). */
export function readMnistHeader(buf: ArrayBuffer): MnistHeader {
  if (buf.byteLength < MNIST_HEADER_BYTES) {
    throw new MnistError('truncated',
      `${PREFIX} está incompleto: tiene ${bytesText(buf.byteLength)} y solo la cabecera ocupa ${MNIST_HEADER_BYTES}. ` +
      'Puede que la descarga se cortara; recarga la página.');
  }
  const v = new DataView(buf);
  const magic = String.fromCharCode(v.getUint8(0), v.getUint8(1), v.getUint8(2), v.getUint8(3));
  if (magic !== MNIST_MAGIC) {
    throw new MnistError('not-mnist',
      `${PREFIX} no es un archivo MNIST de este curso: debería empezar por «${MNIST_MAGIC}». ` +
      'Quizá el servidor devolvió otra cosa (por ejemplo, una página de error).');
  }
  const h: MnistHeader = {
    version: v.getUint16(4, true),
    headerBytes: v.getUint16(6, true),
    count: v.getUint32(8, true),
    rows: v.getUint16(12, true),
    cols: v.getUint16(14, true),
    trainCount: v.getUint32(16, true),
    testCount: v.getUint32(20, true),
    seed: v.getUint32(24, true),
    crc: v.getUint32(28, true),
  };
  if (h.version !== MNIST_VERSION) {
    throw new MnistError('version',
      `${PREFIX} tiene la versión ${h.version} del formato y este curso lee la ${MNIST_VERSION}. ` +
      'Vuelve a generarlo con «node scripts/prepare-mnist.mjs --force».');
  }
  if (h.headerBytes !== MNIST_HEADER_BYTES || h.rows === 0 || h.cols === 0 || h.count === 0 ||
      h.trainCount + h.testCount !== h.count) {
    throw new MnistError('corrupt',
      `${PREFIX} está dañado: la cabecera no es coherente (${h.count} imágenes de ${h.rows}×${h.cols}, ` +
      `${h.trainCount} de entrenamiento y ${h.testCount} de prueba).`);
  }
  return h;
}

/** Checks a whole file (header, length, checksum, labels) and returns views into `buf` (no copy). */
export function parseMnist(buf: ArrayBuffer): MnistData {
  const h = readMnistHeader(buf);
  const need = expectedBytes(h);
  if (buf.byteLength < need) {
    throw new MnistError('truncated',
      `${PREFIX} está incompleto: faltan ${bytesText(need - buf.byteLength)} ` +
      `(tiene ${bytesText(buf.byteLength)} de ${bytesText(need)}). Puede que la descarga se cortara; recarga la página.`);
  }
  if (buf.byteLength > need) {
    throw new MnistError('corrupt',
      `${PREFIX} está dañado: sobran ${bytesText(buf.byteLength - need)} al final (debería tener ${bytesText(need)}).`);
  }
  const payload = new Uint8Array(buf, MNIST_HEADER_BYTES);
  const crc = crc32(payload);
  if (crc !== h.crc) {
    throw new MnistError('corrupt',
      `${PREFIX} está dañado: su suma de comprobación (CRC-32) no coincide con la de la cabecera ` +
      `(${hex(crc)} en vez de ${hex(h.crc)}). Vuelve a descargarlo.`);
  }
  const px = h.rows * h.cols;
  const labelsAt = MNIST_HEADER_BYTES + h.count * px;
  const labels = new Uint8Array(buf, labelsAt, h.count);
  const bad = labels.findIndex((l) => l >= MNIST_CLASSES);
  if (bad >= 0) {
    throw new MnistError('corrupt',
      `${PREFIX} está dañado: la etiqueta de la imagen ${bad} es ${labels[bad]} y debe estar entre 0 y 9.`);
  }
  const split = (first: number, count: number): MnistSplit => ({
    images: new Uint8Array(buf, MNIST_HEADER_BYTES + first * px, count * px),
    labels: labels.subarray(first, first + count),
    count,
  });
  return {
    train: split(0, h.trainCount),
    test: split(h.trainCount, h.testCount),
    rows: h.rows,
    cols: h.cols,
    seed: h.seed,
  };
}

const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

/** The part of the Fetch API that loadMnist uses (the global fetch fits). */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Downloads and parses the file. Network and HTTP failures become MnistError('network'); an abort is rethrown as is. */
export async function loadMnist(url: string, fetchFn: FetchLike = (u, init) => fetch(u, init), signal?: AbortSignal): Promise<MnistData> {
  let buf: ArrayBuffer;
  try {
    const res = await fetchFn(url, signal ? { signal } : undefined);
    if (!res.ok) throw new MnistError('network', `No se pudieron descargar los datos MNIST (${url}): el servidor respondió ${res.status}.`);
    buf = await res.arrayBuffer();
  } catch (e) {
    if (e instanceof MnistError || (e instanceof Error && e.name === 'AbortError')) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new MnistError('network', `No se pudieron descargar los datos MNIST (${url}): ${why}.`);
  }
  return parseMnist(buf);
}

const checkIndex = (s: MnistSplit, i: number): void => {
  if (!(Number.isInteger(i) && i >= 0 && i < s.count)) throw new RangeError(`image ${i} is outside 0…${s.count - 1}`);
};

/** Pixels of image i (0–255, rows·cols, row-major), a view without copying. */
export function imageBytes(s: MnistSplit, i: number): Uint8Array {
  checkIndex(s, i);
  const px = s.images.length / s.count;
  return s.images.subarray(i * px, (i + 1) * px);
}

/** Image i as rows·cols floats in [0, 1] (pixel / 255), written into `out` when given. */
export function imageFloat(s: MnistSplit, i: number, out?: Float32Array): Float32Array {
  const b = imageBytes(s, i);
  const o = out ?? new Float32Array(b.length);
  if (o.length !== b.length) throw new RangeError(`out needs ${b.length} values, got ${o.length}`);
  for (let k = 0; k < b.length; k++) o[k] = b[k]! / 255;
  return o;
}

export interface MnistBatch {
  /** n·rows·cols floats in [0, 1]: an NHWC tensor [n, rows, cols, 1]. */
  images: Float32Array;
  labels: Uint8Array;
  /** n·10 one-hot targets (1 at the label, 0 elsewhere). */
  oneHot: Float32Array;
  size: number;
}

/** Gathers the images at `indices` (e.g. a shuffled slice) into training-ready arrays. */
export function batch(s: MnistSplit, indices: ArrayLike<number>): MnistBatch {
  const n = indices.length;
  const px = s.images.length / s.count;
  const images = new Float32Array(n * px);
  const labels = new Uint8Array(n);
  const oneHot = new Float32Array(n * MNIST_CLASSES);
  for (let j = 0; j < n; j++) {
    const i = indices[j]!;
    imageFloat(s, i, images.subarray(j * px, (j + 1) * px));
    const label = s.labels[i]!;
    labels[j] = label;
    oneHot[j * MNIST_CLASSES + label] = 1;
  }
  return { images, labels, oneHot, size: n };
}

/**
 * Splits `s` into its first `s.count − n` images (`fit`) and its last `n` (`held`), as views of
 * the same buffers (nothing copied). Lesson 10 holds out the last eighth of the training digits
 * as the validation set: they are never trained on.
 */
export function holdOut(s: MnistSplit, n: number): { fit: MnistSplit; held: MnistSplit } {
  if (!(Number.isInteger(n) && n >= 0 && n <= s.count)) throw new RangeError(`cannot hold out ${n} of ${s.count} images`);
  const px = s.images.length / s.count;
  const k = s.count - n;
  return {
    fit: { images: s.images.subarray(0, k * px), labels: s.labels.subarray(0, k), count: k },
    held: { images: s.images.subarray(k * px), labels: s.labels.subarray(k), count: n },
  };
}

/** How many images of each digit 0–9 the split holds. */
export function labelCounts(s: MnistSplit): number[] {
  const counts = new Array<number>(MNIST_CLASSES).fill(0);
  for (const l of s.labels) counts[l]!++;
  return counts;
}
