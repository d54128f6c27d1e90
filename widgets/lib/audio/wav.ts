/**
 * WAV (RIFF/WAVE) decoding and 16-bit mono encoding (pure, no DOM).
 *
 * decodeWav(bytes) → { sampleRate (Hz), channels: Float32Array[channel][frame] } in [-1, 1].
 *   Walks the RIFF chunks (each: 4-byte id, uint32 LE size, data, one pad byte when size is odd),
 *   skipping every chunk that is not `fmt ` or `data` (LIST, fact, cue , bext…). Formats:
 *     PCM (tag 1, or WAVE_FORMAT_EXTENSIBLE 0xFFFE with the PCM sub-format):
 *       8-bit unsigned:  x = (b − 128) / 128
 *       16-bit signed:   x = s / 32768
 *       24-bit signed:   x = s / 8388608
 *       32-bit signed:   x = s / 2147483648
 *     IEEE float (tag 3, or extensible with the float sub-format): 32-bit (and 64-bit) as stored.
 *   Samples are interleaved frames of blockAlign bytes; a trailing partial frame is ignored.
 *   Anything else (not RIFF/WAVE, no fmt/data, a chunk running past the end of the file,
 *   compressed formats such as ADPCM / µ-law / MP3, odd bit depths) throws a WavError whose
 *   message is Spanish and says what to do.
 *
 * encodeWav16(samples, sampleRate) → the bytes of a 44-byte-header mono 16-bit PCM WAV.
 *   s = clamp(roundHalfAway(x · 32768), −32768, 32767), NaN → 0; so decodeWav(encodeWav16(x))
 *   returns x to within 1/65536 for x in [−1, 1) (and 1 → 32767/32768).
 */

export type WavErrorCode = 'not-wav' | 'truncated' | 'no-format' | 'no-data' | 'compressed' | 'unsupported';

export class WavError extends Error {
  readonly code: WavErrorCode;
  constructor(code: WavErrorCode, message: string) {
    super(message);
    this.name = 'WavError';
    this.code = code;
  }
}

export interface DecodedWav {
  /** Hz. */
  sampleRate: number;
  /** One Float32Array per channel, `frames` samples each, in [-1, 1]. */
  channels: Float32Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

const FORMAT_NAMES: Record<number, string> = {
  2: 'ADPCM de Microsoft',
  6: 'A-law',
  7: 'µ-law',
  0x11: 'IMA ADPCM',
  0x31: 'GSM 6.10',
  0x55: 'MP3',
};

const fourcc = (v: DataView, at: number): string =>
  String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));

interface Fmt {
  tag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number;
}

function readFmt(v: DataView, at: number, size: number): Fmt {
  if (size < 16) throw new WavError('truncated', 'La cabecera de formato («fmt ») del WAV está incompleta: el archivo parece dañado.');
  let tag = v.getUint16(at, true);
  const channels = v.getUint16(at + 2, true);
  const sampleRate = v.getUint32(at + 4, true);
  const blockAlign = v.getUint16(at + 12, true);
  const bits = v.getUint16(at + 14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    // cbSize(2) validBits(2) channelMask(4) then the sub-format GUID, whose first 2 bytes are the tag.
    if (size < 40) throw new WavError('truncated', 'La cabecera de formato extendido del WAV está incompleta: el archivo parece dañado.');
    tag = v.getUint16(at + 24, true);
  }
  return { tag, channels, sampleRate, blockAlign, bits };
}

function checkFmt(f: Fmt): void {
  if (f.tag !== FORMAT_PCM && f.tag !== FORMAT_FLOAT) {
    const name = FORMAT_NAMES[f.tag];
    throw new WavError(
      'compressed',
      `Este WAV está comprimido (${name ?? `formato ${f.tag}`}) y solo sé leer WAV sin comprimir (PCM de 8, 16, 24 o 32 bits, o coma flotante de 32 bits). ` +
        'Expórtalo de nuevo como «WAV PCM 16 bits», por ejemplo con Audacity.',
    );
  }
  const okBits = f.tag === FORMAT_PCM ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(f.bits)) {
    throw new WavError(
      'unsupported',
      `Este WAV usa ${f.bits} bits por muestra${f.tag === FORMAT_FLOAT ? ' en coma flotante' : ''}, que no sé leer. ` +
        'Expórtalo de nuevo como «WAV PCM 16 bits».',
    );
  }
  if (f.channels < 1) throw new WavError('unsupported', 'La cabecera del WAV dice que tiene 0 canales: el archivo parece dañado.');
  if (f.sampleRate < 1) throw new WavError('unsupported', 'La cabecera del WAV dice que su frecuencia de muestreo es 0 Hz: el archivo parece dañado.');
  if (f.blockAlign < f.channels * (f.bits / 8)) {
    throw new WavError('unsupported', 'La cabecera del WAV no cuadra (cada muestra ocupa menos bytes de los que dice): el archivo parece dañado.');
  }
}

/** Decodes a RIFF/WAVE file; throws WavError (Spanish message) for anything it cannot read. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || fourcc(v, 0) !== 'RIFF' || fourcc(v, 8) !== 'WAVE') {
    throw new WavError('not-wav', 'Este archivo no es un WAV (no empieza por «RIFF…WAVE»). Elige un archivo de audio .wav.');
  }
  let fmt: Fmt | null = null;
  let dataAt = -1;
  let dataSize = 0;
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const id = fourcc(v, at);
    const size = v.getUint32(at + 4, true);
    const body = at + 8;
    if (body + size > bytes.byteLength) {
      throw new WavError('truncated', `El WAV está cortado: el bloque «${id.trim()}» dice ocupar ${size} bytes, pero el archivo termina antes. Puede que la descarga o la grabación no terminara.`);
    }
    if (id === 'fmt ') fmt = readFmt(v, body, size);
    else if (id === 'data') {
      dataAt = body;
      dataSize = size;
      if (fmt) break;
    }
    at = body + size + (size & 1);
  }
  if (!fmt) throw new WavError('no-format', 'El WAV no tiene la cabecera de formato («fmt »): el archivo está incompleto o dañado.');
  if (dataAt < 0) throw new WavError('no-data', 'El WAV no tiene bloque de datos de audio («data»): el archivo está incompleto o dañado.');
  checkFmt(fmt);
  const { channels: nc, blockAlign, bits, tag } = fmt;
  const frames = Math.floor(dataSize / blockAlign);
  const channels = Array.from({ length: nc }, () => new Float32Array(frames));
  const bps = bits / 8;
  for (let i = 0; i < frames; i++) {
    const base = dataAt + i * blockAlign;
    for (let c = 0; c < nc; c++) {
      const p = base + c * bps;
      let x: number;
      if (tag === FORMAT_FLOAT) x = bits === 32 ? v.getFloat32(p, true) : v.getFloat64(p, true);
      else if (bits === 8) x = (v.getUint8(p) - 128) / 128;
      else if (bits === 16) x = v.getInt16(p, true) / 32768;
      else if (bits === 24) x = (((v.getUint8(p + 2) << 24) | (v.getUint8(p + 1) << 16) | (v.getUint8(p) << 8)) >> 8) / 8388608;
      else x = v.getInt32(p, true) / 2147483648;
      channels[c]![i] = x;
    }
  }
  return { sampleRate: fmt.sampleRate, channels };
}

/** x · 32768 rounded half away from zero, clamped to int16; NaN → 0. */
export function toInt16(x: number): number {
  if (Number.isNaN(x)) return 0;
  const y = x * 32768;
  const r = y < 0 ? -Math.round(-y) : Math.round(y);
  return r > 32767 ? 32767 : r < -32768 ? -32768 : r;
}

/** Mono 16-bit PCM WAV (44-byte header, then little-endian int16 samples). sampleRate in Hz. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 0xffffffff) {
    throw new RangeError(`encodeWav16: sampleRate must be a positive integer (got ${sampleRate})`);
  }
  const n = samples.length;
  const out = new Uint8Array(44 + 2 * n);
  const v = new DataView(out.buffer);
  const put4 = (at: number, s: string): void => {
    for (let i = 0; i < 4; i++) v.setUint8(at + i, s.charCodeAt(i));
  };
  put4(0, 'RIFF');
  v.setUint32(4, 36 + 2 * n, true);
  put4(8, 'WAVE');
  put4(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, FORMAT_PCM, true);
  v.setUint16(22, 1, true); // channels
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true); // byte rate
  v.setUint16(32, 2, true); // block align
  v.setUint16(34, 16, true); // bits
  put4(36, 'data');
  v.setUint32(40, 2 * n, true);
  for (let i = 0; i < n; i++) v.setInt16(44 + 2 * i, toInt16(samples[i]!), true);
  return out;
}
