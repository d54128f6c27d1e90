/**
 * Spanish number texts shared by the widgets (decimal comma, «−» for minus, thin-space grouping).
 * `fmt` (lib/widget/dom.ts) gives decimals; these build on it.
 */
import { fmt } from '../widget/dom';

/** A fraction as a percentage: 0.9753 → "97,5 %"; not finite → "—". */
export const pct = (f: number, digits = 1): string => (Number.isFinite(f) ? `${fmt(100 * f, digits)} %` : '—');

/** Integers with thin-space grouping from 1 000 up (Spanish style): 12544 → "12 544"; −5 → "−5". */
export function int(v: number): string {
  const s = String(Math.round(Math.abs(v)));
  const grouped = s.length > 3 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f') : s;
  return v < 0 ? `−${grouped}` : grouped;
}

/** Bytes: "936 B" under 1 KiB, else KiB with one decimal written «KB» ("7,4 KB"; 1 KB = 1024 B). */
export function bytesText(n: number): string {
  return n < 1024 ? `${int(n)} B` : `${fmt(n / 1024, 1)} KB`;
}

/** Bytes in megabytes with one decimal («12,3 MB»; 1 MB = 1024 KB = 1 048 576 B, like bytesText). */
export function megabytesText(n: number): string {
  return `${fmt(n / 1048576, 1)} MB`;
}

/** bytesText under 1 MB, megabytesText from there («936 B», «7,4 KB», «38,9 MB»). */
export function sizeText(n: number): string {
  return n < 1048576 ? bytesText(n) : megabytesText(n);
}
