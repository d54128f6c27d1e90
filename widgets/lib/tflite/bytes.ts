/**
 * Typed arrays to and from the little-endian bytes a .tflite buffer holds (TFLite assumes a
 * little-endian target). DataView makes this independent of the host's byte order.
 */

export function float32ToBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) dv.setFloat32(i * 4, values[i]!, true);
  return out;
}

export function int32ToBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) dv.setInt32(i * 4, values[i]!, true);
  return out;
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

/** A byte length that is not a multiple of 4 reads only the whole elements. */
export function bytesToFloat32(bytes: Uint8Array): Float32Array {
  const n = Math.floor(bytes.length / 4);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getFloat32(i * 4, true);
  return out;
}

export function bytesToInt32(bytes: Uint8Array): Int32Array {
  const n = Math.floor(bytes.length / 4);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getInt32(i * 4, true);
  return out;
}

export function bytesToInt8(bytes: Uint8Array): Int8Array {
  return Int8Array.from(bytes, (b) => (b << 24) >> 24);
}
