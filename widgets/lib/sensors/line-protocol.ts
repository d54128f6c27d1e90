/**
 * The board's line protocol (DESIGN.md §Board protocol, Edge Impulse data-forwarder compatible),
 * pure: bytes or text in chunks -> lines -> numbers, and the forwarder's rate/axis detection.
 * One reading per line, `\n` ends it (`\r\n` accepted), values separated by `,`, TAB or spaces.
 */
import { makeProblem } from './source-error';
import { msg } from './messages';
import type { SourceProblem } from './types';

/** A line longer than this (bytes, without its newline) is dropped. */
export const MAX_LINE_BYTES = 4096;

export type SplitItem =
  | { type: 'line'; text: string }
  /** A line grew past the limit: reported once, then bytes are dropped until the next `\n`. */
  | { type: 'overflow'; bytes: number; head: string };

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Chunks (Uint8Array of UTF-8, or strings) -> complete lines. Splits on the 0x0A byte, which
 * never occurs inside a multi-byte UTF-8 sequence, so a character cut between two chunks is
 * reassembled before decoding. Invalid UTF-8 decodes to U+FFFD (parseLine calls it garbage).
 */
export class LineSplitter {
  readonly maxLineBytes: number;
  #parts: Uint8Array[] = [];
  #len = 0;
  #dropping = false;

  constructor(opts: { maxLineBytes?: number } = {}) {
    this.maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
  }

  /** Bytes held for the line in progress (bounded by maxLineBytes). */
  get pendingBytes(): number {
    return this.#len;
  }

  push(chunk: Uint8Array | string): SplitItem[] {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    const out: SplitItem[] = [];
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(10, start);
      const end = nl === -1 ? bytes.length : nl;
      if (!this.#dropping && end > start) {
        if (this.#len + end - start > this.maxLineBytes) {
          const head = this.#joined(bytes.subarray(start, Math.min(end, start + 40)));
          out.push({ type: 'overflow', bytes: this.#len + end - start, head: decoder.decode(head.subarray(0, 40)) });
          this.#dropping = true;
          this.#parts = [];
          this.#len = 0;
        } else {
          this.#parts.push(bytes.slice(start, end));
          this.#len += end - start;
        }
      }
      if (nl === -1) break;
      if (this.#dropping) this.#dropping = false; // resynchronised on this newline
      else {
        let text = decoder.decode(this.#joined(new Uint8Array(0)));
        if (text.endsWith('\r')) text = text.slice(0, -1);
        out.push({ type: 'line', text });
      }
      this.#parts = [];
      this.#len = 0;
      start = nl + 1;
    }
    return out;
  }

  /** End of stream: returns the unterminated line in progress (or null) and resets. */
  end(): string | null {
    const partial = this.#len > 0 && !this.#dropping ? decoder.decode(this.#joined(new Uint8Array(0))) : null;
    this.#parts = [];
    this.#len = 0;
    this.#dropping = false;
    return partial;
  }

  #joined(tail: Uint8Array): Uint8Array {
    if (this.#parts.length === 0) return tail;
    if (this.#parts.length === 1 && tail.length === 0) return this.#parts[0]!;
    const all = new Uint8Array(this.#len + tail.length);
    let o = 0;
    for (const p of this.#parts) {
      all.set(p, o);
      o += p.length;
    }
    all.set(tail, o);
    return all;
  }
}

/** Tokens of a line: split on `,`, TAB or spaces (any whitespace), empty tokens dropped. */
export function tokenize(line: string): string[] {
  return line.split(/[,\s]/).filter((t) => t.length > 0);
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A finite decimal number ("1", "-0.5", ".5", "1e-3"); not "0x1A", "NaN", "Infinity", "". */
export function isNumericToken(t: string): boolean {
  return NUMBER.test(t) && Number.isFinite(Number(t));
}

/** `ERR…` or `<ERR…`, any case: the board reports an error. */
export function isDeviceError(line: string): boolean {
  return /^<?err/i.test(line.trim());
}

/** U+FFFD (invalid UTF-8) or a control character other than TAB/CR. */
export function hasGarbage(line: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(line);
}

export type ParseReason = 'blank' | 'device-error' | 'garbage' | 'nan' | 'infinite' | 'not-a-number' | 'wrong-count';
export type ParsedLine =
  | { ok: true; values: number[] }
  | { ok: false; reason: ParseReason; problem: SourceProblem };

/**
 * One line -> its numbers. `axes`: the expected count (null: any count >= 1). `lineNo` (1-based)
 * only goes into the message. Failures are non-fatal problems with distinct reasons:
 * blank, device-error (ERR), garbage (bytes that are not text), nan, infinite, not-a-number
 * (other text), wrong-count. Values are checked before the count.
 */
export function parseLine(line: string, axes: number | null, lineNo?: number): ParsedLine {
  const fail = (reason: ParseReason, code: SourceProblem['code'], message: string): ParsedLine => ({
    ok: false,
    reason,
    problem: makeProblem(code, message, false, line),
  });
  const s = line.trim();
  if (s.length === 0) return fail('blank', 'blank', msg.blank(lineNo));
  if (isDeviceError(s)) return fail('device-error', 'device-error', msg.deviceError(lineNo, s));
  if (hasGarbage(s)) return fail('garbage', 'garbage', msg.garbage(lineNo, s));
  const tokens = tokenize(s);
  const values = new Array<number>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^[+-]?nan$/i.test(t)) return fail('nan', 'not-numeric', msg.nan(lineNo, i + 1, s));
    if (/^[+-]?inf(inity)?$/i.test(t)) return fail('infinite', 'not-numeric', msg.infinite(lineNo, i + 1, s));
    if (!NUMBER.test(t)) return fail('not-a-number', 'not-numeric', msg.notNumber(lineNo, t, i + 1, s));
    const v = Number(t);
    if (!Number.isFinite(v)) return fail('infinite', 'not-numeric', msg.infinite(lineNo, i + 1, s));
    values[i] = v;
  }
  if (axes !== null && tokens.length !== axes) {
    return fail('wrong-count', 'wrong-count', msg.wrongCount(lineNo, tokens.length, axes, s));
  }
  return { ok: true, values };
}

export type DetectResult =
  | { ok: true; hz: number; axes: number; example: number[]; lines: number }
  | { ok: false; problem: SourceProblem };

/**
 * Rate and axis detection exactly as Edge Impulse's data forwarder does it, on the text that
 * arrived inside a window of `windowSeconds`: split on `\n`, trim, drop empty lines; an
 * `ERR`/`<ERR` line anywhere is a device error; the *second* line is the reference (all tokens
 * numeric, their count = axes); the first and the last line are dropped if their count differs
 * (usually partial); hz = remaining lines / windowSeconds (not rounded: see snapRate).
 * Fewer than two lines: "only one reading" (one-line) or "no valid readings" (no-data).
 */
export function detectStream(text: string, windowSeconds = 1): DetectResult {
  const fail = (code: SourceProblem['code'], message: string, line?: string): DetectResult => ({
    ok: false,
    problem: makeProblem(code, message, true, line),
  });
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const err = lines.find((l) => isDeviceError(l));
  if (err !== undefined) return fail('device-error', msg.detectDeviceError(err), err);
  const ref = lines[1];
  if (ref === undefined) {
    const only = lines[0];
    if (only !== undefined && !hasGarbage(only)) {
      const v = tokenize(only);
      if (v.length > 0 && v.every(isNumericToken)) return fail('one-line', msg.detectOneLine(windowSeconds, only), only);
    }
    return fail('no-data', msg.detectNoData(windowSeconds, lines), only);
  }
  if (hasGarbage(ref)) return fail('garbage', msg.detectRefGarbage(ref), ref);
  const tokens = tokenize(ref);
  const bad = tokens.find((t) => !isNumericToken(t));
  if (bad !== undefined) return fail('not-numeric', msg.detectRefNotNumeric(ref, bad), ref);
  const axes = tokens.length;
  let used = lines;
  if (tokenize(used[0]!).length !== axes) used = used.slice(1);
  if (tokenize(used[used.length - 1]!).length !== axes) used = used.slice(0, -1);
  const hz = used.length / windowSeconds;
  if (hz === 0) return fail('no-data', msg.detectNoData(windowSeconds, lines));
  return { ok: true, hz, axes, example: tokens.map(Number), lines: used.length };
}

/** Rates boards and IMUs commonly run at (Hz): integer-ms periods and LSM9DS1/BMI270 data rates. */
export const COMMON_RATES: readonly number[] = [
  1, 2, 5, 10, 12.5, 15, 20, 25, 30, 40, 50, 60, 62.5, 100, 119, 125, 200, 238, 250, 400, 476, 500, 800,
  1000, 1600, 2000, 3200, 4000,
];

/**
 * The forwarder's count is a little low: the partial first and last lines are dropped, and a
 * chunk still in transit at the end of the window is missed, so a 100 Hz board reads 98–100.
 * We add one line per window to the count and take the nearest common rate within
 * max(3 %, 1.5 lines per window) (3 % only below 10 Hz); otherwise the forwarder's count,
 * rounded (to 1 Hz from 10 Hz up, to 0.1 Hz below).
 */
export function snapRate(hz: number, windowSeconds = 1): number {
  const x = hz + 1 / windowSeconds;
  let best: number | null = null;
  for (const r of COMMON_RATES) {
    const tol = r >= 10 ? Math.max(0.03 * r, 1.5 / windowSeconds) : 0.03 * r;
    if (Math.abs(x - r) <= tol && (best === null || Math.abs(x - r) < Math.abs(x - best))) best = r;
  }
  if (best !== null) return best;
  return hz >= 10 ? Math.round(hz) : Math.round(hz * 10) / 10;
}

/** One reading as the board prints it: fixed decimals, `sep` between values, no newline. */
export function formatLine(values: ArrayLike<number>, decimals = 2, sep = ','): string {
  let s = '';
  for (let i = 0; i < values.length; i++) s += (i ? sep : '') + values[i]!.toFixed(decimals);
  return s;
}
