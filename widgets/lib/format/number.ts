/**
 * THE number texts of the course, in Spanish style. One rule everywhere:
 * - decimal comma: 0,5;
 * - the integer part grouped by three with U+202F (narrow no-break space) from 1 000 up:
 *   «999», «1 000», «12 345,6» (so 1000 and 12345 read alike, unlike es-ES's own «1000»/«12.345»);
 * - «−» (U+2212) for minus, never ASCII '-'; a value that rounds to zero reads «0», not «−0»;
 * - not finite: «no es un número», «∞», «−∞» (pct: «—»).
 * Widgets and pages format numbers only through this module (KaTeX sources through `texNum`).
 */

/** U+2212 MINUS SIGN. */
export const MINUS = '\u2212';
/** U+202F NARROW NO-BREAK SPACE, the thousands separator. */
export const GROUP = '\u202f';

const formatters = new Map<string, Intl.NumberFormat>();

/** Plain digits of |v| ("12345.6"), rounded by Intl as es-ES would, no grouping, no sign. */
function digitsOf(a: number, o: Intl.NumberFormatOptions): string {
  const key = JSON.stringify(o);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { ...o, useGrouping: false });
    formatters.set(key, f);
  }
  return f.format(a);
}

/** Groups an integer digit string by three with `sep` when it has more than three digits. */
const groupDigits = (s: string, sep: string): string => (s.length > 3 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : s);

/** "12345.6" → "12 345,6"; then «−» when v < 0 and the text is not all zeros. */
function spanish(v: number, o: Intl.NumberFormatOptions): string {
  const [i = '0', d] = digitsOf(Math.abs(v), o).split('.');
  const body = groupDigits(i, GROUP) + (d === undefined ? '' : `,${d}`);
  return v < 0 && /[1-9]/.test(body) ? MINUS + body : body;
}

/** What a not-finite value reads: NaN → «no es un número», ±∞ → «∞» / «−∞». */
function notFinite(v: number): string {
  return Number.isNaN(v) ? 'no es un número' : v > 0 ? '∞' : `${MINUS}∞`;
}

/**
 * At most `digits` decimals, trailing zeros dropped:
 * fmt(0.5) → «0,5»; fmt(−2.345) → «−2,35»; fmt(12345.6) → «12 345,6»; fmt(3.999, 2) → «4»;
 * fmt(−0.001) → «0»; fmt(NaN) → «no es un número»; fmt(−Infinity) → «−∞».
 */
export function fmt(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return notFinite(v);
  return spanish(v, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/**
 * Exactly `digits` decimals: fixed(0.5, 2) → «0,50»; fixed(−3, 1) → «−3,0»; fixed(1234.567, 1) → «1 234,6».
 * Not finite as `fmt`.
 */
export function fixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) return notFinite(v);
  return spanish(v, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * `digits` significant digits (at most; exactly with `{ fixed: true }`), never in exponent form:
 * sig(0.012345) → «0,0123»; sig(123456) → «123 000»; sig(2, 4) → «2»; sig(2, 4, { fixed: true }) → «2,000».
 * Not finite as `fmt`.
 */
export function sig(v: number, digits = 3, o: { fixed?: boolean } = {}): string {
  if (!Number.isFinite(v)) return notFinite(v);
  return spanish(v, { maximumSignificantDigits: digits, ...(o.fixed ? { minimumSignificantDigits: digits } : {}) });
}

/**
 * An integer (rounded half away from zero), grouped: intText(12544) → «12 544»; intText(999) → «999»;
 * intText(−5) → «−5»; intText(2.5) → «3». Not finite as `fmt`.
 */
export function intText(v: number): string {
  if (!Number.isFinite(v)) return notFinite(v);
  const body = groupDigits(String(Math.round(Math.abs(v))), GROUP);
  return v < 0 && body !== '0' ? MINUS + body : body;
}

/**
 * A fraction as a percentage, at most `digits` decimals (exactly with `{ fixed: true }`):
 * pct(0.9753) → «97,5 %»; pct(0.5, 1, { fixed: true }) → «50,0 %»; pct(0.123, 0) → «12 %»; not finite → «—».
 */
export function pct(f: number, digits = 1, o: { fixed?: boolean } = {}): string {
  if (!Number.isFinite(f)) return '—';
  return `${o.fixed ? fixed(100 * f, digits) : fmt(100 * f, digits)} %`;
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** An integer exponent in superscript: superscript(−3) → «⁻³», superscript(12) → «¹²». */
export function superscript(e: number): string {
  return (e < 0 ? '⁻' : '') + String(Math.abs(Math.round(e))).split('').map((d) => SUP[Number(d)]).join('');
}

/**
 * Scientific notation, mantissa with `digits` significant digits (at most) and a superscript exponent:
 * sci(0.0012) → «1,2·10⁻³»; sci(123456) → «1,2·10⁵»; sci(−9.99e-7) → «−1·10⁻⁶»; sci(1e300, 3) → «1·10³⁰⁰»;
 * sci(0) → «0». Not finite as `fmt`.
 */
export function sci(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return notFinite(v);
  if (v === 0) return '0';
  // toExponential rounds the mantissa and carries into the exponent (9,99 → 1·10¹), subnormals included.
  const [m = '0', e = '0'] = v.toExponential(Math.max(0, digits - 1)).split('e');
  return `${sig(Number(m), digits)}·10${superscript(Number(e))}`;
}

/**
 * A number and its unit, at most `digits` decimals: withUnit(3.2, 'ms') → «3,2 ms»;
 * withUnit(1500, 'ms', 0) → «1 500 ms»; withUnit(−2.25, '°C', 1) → «−2,3 °C».
 */
export function withUnit(v: number, unit: string, digits = 2): string {
  return `${fmt(v, digits)} ${unit}`;
}

/**
 * An axis tick label (Plot's `tickFormat`, d3 axes): up to 6 decimals so small steps stay readable:
 * tick(0.5) → «0,5»; tick(−0.25) → «−0,25»; tick(2.5e-5) → «0,000025»; tick(10000) → «10 000».
 */
export const tick = (d: number): string => fmt(d, 6);

/**
 * A number as KaTeX source, at most `digits` decimals: decimal comma as «{,}», groups of three
 * separated by «\,», ASCII '-' (KaTeX draws it as a minus): texNum(−0.25) → «-0{,}25»;
 * texNum(12345.5, 1) → «12\,345{,}5»; texNum(−0.00001) → «0».
 * Not finite: «\text{NaN}», «\infty», «-\infty».
 */
export function texNum(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '\\text{NaN}' : v > 0 ? '\\infty' : '-\\infty';
  return fmt(v, digits).replace(',', '{,}').split(GROUP).join('\\,').replace(MINUS, '-');
}

/** Bytes: «936 B» under 1 KiB, else KiB with one decimal written «KB» («7,4 KB»; 1 KB = 1024 B). */
export function bytesText(n: number): string {
  return n < 1024 ? `${intText(n)} B` : `${fmt(n / 1024, 1)} KB`;
}

/** Bytes in megabytes with one decimal («12,3 MB»; 1 MB = 1024 KB = 1 048 576 B, like bytesText). */
export function megabytesText(n: number): string {
  return `${fmt(n / 1048576, 1)} MB`;
}

/** bytesText under 1 MB, megabytesText from there («936 B», «7,4 KB», «38,9 MB»). */
export function sizeText(n: number): string {
  return n < 1048576 ? bytesText(n) : megabytesText(n);
}
