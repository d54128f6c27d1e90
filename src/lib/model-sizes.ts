/**
 * Build-time sizes of the course's default CNN (public/models/default-cnn), so the lessons print
 * figures read from the files instead of typed ones: the float32 weights file, and the .tflite
 * files the course's own converter (widgets/lib/convert, the code of the lesson-12 widget) makes
 * from it in float32 and in int8. Sizes in bytes. The int8 file's size does not depend on the
 * calibration values (only on the graph), so a handful of test digits calibrate it.
 * Node only (reads the files with node:fs): import it from .astro frontmatter, never from a widget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertFloat32, convertInt8, kerasFromArtifacts } from '../../widgets/lib/convert';
import { imageFloat, parseMnist } from '../../widgets/lib/data/mnist';

export interface ModelSizes {
  /** weights.bin: 4 bytes per parameter. */
  weights: number;
  tfliteFloat32: number;
  tfliteInt8: number;
}

let cached: ModelSizes | null = null;

export function defaultModelSizes(root = process.cwd()): ModelSizes {
  if (cached) return cached;
  const dir = join(root, 'public/models/default-cnn');
  const weights = readFileSync(join(dir, 'weights.bin'));
  const model = kerasFromArtifacts(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')), new Uint8Array(weights));
  const raw = readFileSync(join(root, 'public/data/mnist-10k.bin'));
  const data = parseMnist(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const samples = Array.from({ length: 8 }, (_, i) => imageFloat(data.test, i));
  cached = {
    weights: weights.byteLength,
    tfliteFloat32: convertFloat32(model).bytes.byteLength,
    tfliteInt8: convertInt8(model, samples).bytes.byteLength,
  };
  return cached;
}
