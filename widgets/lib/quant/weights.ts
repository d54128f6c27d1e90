/**
 * Reading a tfjs layers model's weights without tfjs: model.json lists each weight (name, shape,
 * dtype) in `weightsManifest`, and the .bin file holds them one after another, in that order,
 * as little-endian float32 (4 bytes per value). Pure: the caller fetches the two files.
 */

export interface NamedTensor {
  /** e.g. 'conv1/kernel'. */
  name: string;
  /** tfjs layout: Conv2D kernels [kh, kw, in, out], Dense kernels [in, out], biases [out]. */
  shape: number[];
  values: Float32Array;
}

export interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: string;
}

/** Splits the weight bytes into named float32 tensors, checking dtypes and the total size. */
export function parseWeights(specs: readonly ManifestWeight[], buffer: ArrayBuffer): NamedTensor[] {
  const out: NamedTensor[] = [];
  let offset = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32') throw new RangeError(`weight ${s.name}: dtype ${s.dtype} is not float32`);
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (offset + 4 * n > buffer.byteLength) throw new RangeError(`weight ${s.name} runs past the end of the file`);
    const view = new DataView(buffer, offset, 4 * n);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = view.getFloat32(4 * i, true);
    out.push({ name: s.name, shape: [...s.shape], values });
    offset += 4 * n;
  }
  if (offset !== buffer.byteLength) throw new RangeError(`the file has ${buffer.byteLength} bytes, the manifest needs ${offset}`);
  return out;
}

/** The inverse of parseWeights: tensors back into one little-endian float32 buffer. */
export function packFloat32(tensors: ReadonlyArray<{ values: ArrayLike<number> }>): Uint8Array {
  const n = tensors.reduce((a, t) => a + t.values.length, 0);
  const bytes = new Uint8Array(4 * n);
  const view = new DataView(bytes.buffer);
  let o = 0;
  for (const t of tensors) {
    for (let i = 0; i < t.values.length; i++, o += 4) view.setFloat32(o, t.values[i]!, true);
  }
  return bytes;
}
