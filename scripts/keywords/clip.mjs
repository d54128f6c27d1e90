// Turning one utterance into a 1 s clip: trim the silence espeak-ng leaves around the word, set
// its peak level, place it at a time shift. Samples are Float32Array at 16 kHz.

export const CLIP = 16000; // samples per clip (1 s at 16 kHz)
const FRAME = 160; // 10 ms analysis frames for trimming
const MARGIN = 320; // 20 ms kept on each side of the active frames
const FADE = 80; // 5 ms raised-cosine fade at each end

/**
 * The active part of `x`: from the first to the last 10 ms frame whose RMS is within 40 dB of the
 * loudest frame, plus 20 ms margins, with 5 ms fades. Returns a new array.
 */
export function trimSilence(x) {
  const nf = Math.floor(x.length / FRAME);
  const rms = new Float64Array(nf);
  let top = 0;
  for (let f = 0; f < nf; f++) {
    let s = 0;
    for (let i = f * FRAME; i < (f + 1) * FRAME; i++) s += x[i] * x[i];
    rms[f] = Math.sqrt(s / FRAME);
    top = Math.max(top, rms[f]);
  }
  const thr = Math.max(top * 0.01, 1e-5);
  let a = 0;
  while (a < nf && rms[a] < thr) a++;
  let b = nf - 1;
  while (b > a && rms[b] < thr) b--;
  if (a >= nf) throw new Error('la locución no tiene sonido');
  const start = Math.max(0, a * FRAME - MARGIN);
  const end = Math.min(x.length, (b + 1) * FRAME + MARGIN);
  const out = x.slice(start, end);
  for (let i = 0; i < FADE && i < out.length; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * i) / FADE);
    out[i] *= g;
    out[out.length - 1 - i] *= g;
  }
  return out;
}

/** A copy of `x` scaled so its peak |x| is `peakDb` dBFS. */
export function setPeak(x, peakDb) {
  let pk = 0;
  for (const v of x) pk = Math.max(pk, Math.abs(v));
  const g = pk > 0 ? 10 ** (peakDb / 20) / pk : 0;
  return x.map((v) => v * g);
}

/**
 * A 1 s clip (CLIP samples, zeros elsewhere) with `word` starting at `shiftMs` (whole ms).
 * Throws when the word does not fit.
 */
export function place(word, shiftMs) {
  const at = shiftMs * 16;
  if (!Number.isInteger(at) || at < 0 || at + word.length > CLIP) throw new Error(`la palabra (${word.length} muestras) no cabe desde ${shiftMs} ms`);
  const out = new Float32Array(CLIP);
  out.set(word, at);
  return out;
}

/** The largest whole-ms shift at which `len` samples still fit in a clip. */
export const maxShiftMs = (len) => Math.floor((CLIP - len) / 16);
