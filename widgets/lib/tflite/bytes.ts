/**
 * Typed arrays to and from the little-endian bytes a .tflite buffer holds (TFLite assumes a
 * little-endian target). DataView makes this independent of the host's byte order.
 */

/** Four little-endian bytes per value, written by `set` (a DataView setter). */
function wordsToBytes(values: ArrayLike<number>, set: (dv: DataView, at: number, v: number) => void): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) set(dv, i * 4, values[i]!);
  return out;
}

export function float32ToBytes(values: ArrayLike<number>): Uint8Array {
  return wordsToBytes(values, (dv, at, v) => dv.setFloat32(at, v, true));
}

export function int32ToBytes(values: ArrayLike<number>): Uint8Array {
  return wordsToBytes(values, (dv, at, v) => dv.setInt32(at, v, true));
}

/** Values must be integers in [−128, 127]; stored as two's complement bytes. */
export function int8ToBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < -128 || v > 127) throw new RangeError(`int8 value out of range: ${v}`);
    out[i] = v & 0xff;
  }
  return out;
}

/** The whole four-byte little-endian words of `bytes`, read by `get` (a DataView getter); a length that is not a multiple of 4 reads only the whole ones. */
function bytesToWords<T extends Float32Array | Int32Array>(bytes: Uint8Array, Out: new (n: number) => T, get: (dv: DataView, at: number) => number): T {
  const n = Math.floor(bytes.length / 4);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Out(n);
  for (let i = 0; i < n; i++) out[i] = get(dv, i * 4);
  return out;
}

/** A byte length that is not a multiple of 4 reads only the whole elements. */
export function bytesToFloat32(bytes: Uint8Array): Float32Array {
  return bytesToWords(bytes, Float32Array, (dv, at) => dv.getFloat32(at, true));
}

export function bytesToInt32(bytes: Uint8Array): Int32Array {
  return bytesToWords(bytes, Int32Array, (dv, at) => dv.getInt32(at, true));
}

export function bytesToInt8(bytes: Uint8Array): Int8Array {
  return Int8Array.from(bytes, (b) => (b << 24) >> 24);
}
