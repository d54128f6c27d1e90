/**
 * Number and shape formatting of TFLite models for the converter and inspector widgets (Spanish:
 * decimal comma, thin-space grouping, superscript exponents). Pure.
 */
import type { TfliteQuantization } from './types';

/** 1234567 → "1 234 567" (Spanish grouping, also for 4-digit numbers). */
export function groupDigits(n: number): string {
  const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return n < 0 ? `−${s}` : s;
}

/** A value with `sig` significant digits and a decimal comma: 0.0039215 → "0,003922". */
export function fmtSig(v: number, sig = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) {
    const s = Number(v.toPrecision(sig)).toString();
    return s.replace('.', ',').replace('-', '−');
  }
  return fmtSci(v, sig);
}

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** Scientific notation as a reader writes it: 2.4e-7 → "2,4 · 10⁻⁷"; 0 → "0". */
export function fmtSci(v: number, sig = 2): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const [m, e] = v.toExponential(sig - 1).split('e') as [string, string];
  const mant = String(Number(m)).replace('.', ',').replace('-', '−');
  const exp = String(Number(e)).split('').map((c) => SUP[c] ?? c).join('');
  return exp === '⁰' ? mant : `${mant} · 10${exp}`;
}

/** File sizes: "36 392 bytes (35,5 KB)"; KB = 1024 bytes. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${groupDigits(n)} bytes`;
  const kb = n / 1024;
  const s = kb < 1024 ? `${kb.toFixed(1).replace('.', ',')} KB` : `${(kb / 1024).toFixed(2).replace('.', ',')} MB`;
  return `${groupDigits(n)} bytes (${s})`;
}

/** [1, 28, 28, 8] → "1×28×28×8"; [] → "escalar". */
export const fmtShape = (shape: readonly number[]): string => (shape.length === 0 ? 'escalar' : shape.join('×'));

/** Quantization parameters in words, or null for float tensors. real = escala · (q − cero). */
export function fmtQuant(q: TfliteQuantization | undefined): string | null {
  if (!q || q.scale.length === 0) return null;
  if (q.scale.length === 1) return `escala ${fmtSig(q.scale[0]!)}, cero ${groupDigits(q.zeroPoint[0] ?? 0)}`;
  const lo = Math.min(...q.scale);
  const hi = Math.max(...q.scale);
  const zeros = [...new Set(q.zeroPoint)];
  const z = zeros.length === 1 ? `cero ${groupDigits(zeros[0]!)}` : `${zeros.length} puntos cero`;
  return `${q.scale.length} escalas por canal (eje ${q.quantizedDimension}) de ${fmtSig(lo)} a ${fmtSig(hi)}, ${z}`;
}
