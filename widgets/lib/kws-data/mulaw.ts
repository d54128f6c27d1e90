/**
 * G.711 μ-law (8 bits per sample), the way the keyword set packs its clips: half the bytes of
 * 16-bit PCM at about 38 dB of signal-to-quantization ratio, plenty for MFCCs.
 * Encode takes int16 samples; decode gives int16 values in [−32124, 32124].
 */

const BIAS = 0x84;
const CLIP = 32635;

/** One int16 sample (any number; rounded and clamped) to its μ-law byte. */
export function muLawEncode(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; exponent--, mask >>= 1);
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** The int16 value of one μ-law byte. */
export function muLawDecode(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const sample = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 ? 0 - sample : sample; // 0 − 0 is +0: 0x7F and 0xFF both decode to 0
}

/** Decoding table: byte → sample as a float in [−1, 1) (int16 / 32768). */
export const MULAW_TO_FLOAT: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let b = 0; b < 256; b++) t[b] = muLawDecode(b) / 32768;
  return t;
})();

/** Float samples in [−1, 1) (clamped; ×32768 then rounded to int16) to μ-law bytes. */
export function encodeMuLaw(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = muLawEncode(samples[i]! * 32768);
  return out;
}

/** μ-law bytes to float samples in [−1, 1). */
export function decodeMuLaw(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = MULAW_TO_FLOAT[bytes[i]!]!;
  return out;
}
