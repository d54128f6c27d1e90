/**
 * Guesses what a file that is not a .tflite is, from its first bytes ("magic numbers"), so the
 * inspector can tell the student something useful. Returns a Spanish noun phrase, or null.
 */

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const KNOWN: readonly [readonly number[], string][] = [
  [[0x89, ...ascii('PNG')], 'una imagen PNG'],
  [[0xff, 0xd8, 0xff], 'una imagen JPEG'],
  [ascii('GIF8'), 'una imagen GIF'],
  [ascii('%PDF'), 'un documento PDF'],
  [[0x89, ...ascii('HDF')], 'un modelo Keras en formato HDF5 (.h5), que hay que convertir antes a .tflite'],
  [[...ascii('PK'), 0x03, 0x04], 'un archivo ZIP (¿un modelo .keras?), que hay que convertir antes a .tflite'],
  [[0x1f, 0x8b], 'un archivo comprimido con gzip'],
];

export function describeNonTflite(bytes: Uint8Array): string | null {
  for (const [magic, what] of KNOWN) if (startsWith(bytes, magic)) return what;
  // Text formats: skip a UTF-8 byte order mark and leading blanks.
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (
    i < bytes.length &&
    i < 64 &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  const c = bytes[i];
  if (c === 0x7b || c === 0x5b) return 'un archivo de texto JSON (¿el model.json de TensorFlow.js?)';
  if (c === 0x3c) return 'un documento HTML o XML';
  return null;
}
