/**
 * Number and shape formatting of TFLite models for the converter and inspector widgets (Spanish:
 * decimal comma, thin-space grouping, superscript exponents). Pure.
 */
import type { TfliteQuantization } from './types';
import { fixed, fmt, intText, sci, sig as sigText } from '../format/number';

/** 1234567 → "1 234 567" (lib/format's intText: grouping from 1 000 up). */
export const groupDigits = (n: number): string => intText(n);

/** A value with `sig` significant digits and a decimal comma: 0.0039215 → "0,003922". */
export function fmtSig(v: number, sig = 4): string {
  if (!Number.isFinite(v) || v === 0) return fmt(v);
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e6 ? sigText(v, sig) : fmtSci(v, sig);
}

/** Scientific notation as a reader writes it (lib/format's sci, spaced): 2.4e-7 → "2,4 · 10⁻⁷"; 3 → "3"; 0 → "0". */
export function fmtSci(v: number, sig = 2): string {
  const t = sci(v, sig);
  return t.endsWith('·10⁰') ? t.slice(0, -4) : t.replace('·10', ' · 10');
}

/** File sizes: "36 392 bytes (35,5 KB)"; KB = 1024 bytes. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${groupDigits(n)} bytes`;
  const kb = n / 1024;
  const s = kb < 1024 ? `${fixed(kb, 1)} KB` : `${fixed(kb / 1024, 2)} MB`;
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
