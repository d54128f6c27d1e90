/**
 * Pure parts of <Predice> (predict, then see): the Spanish text of the gap between a guess and
 * the widget's result, and the localStorage record of a lesson's guesses.
 *
 * Storage: key `tinyml:predice:<lesson-slug>`, value JSON object
 *   { [prediceId]: { guess: number | string, result?: number | string, at: string (ISO 8601) } }
 * `result` is absent until the widget (or the build-time value) has given one.
 */
import { intText } from '../../widgets/lib/format/number';
import { fmt } from '../../widgets/lib/widget/dom';
import { decodeRecords, encodeRecords, type Records } from './storage/records';

/** Spanish number: integers grouped with a thin space (12 544), decimals with a comma. */
const num = (v: number, decimals: number): string => (decimals === 0 ? intText(v) : fmt(v, decimals));

export type Value = number | string;

export interface Bet {
  guess: Value;
  result?: Value;
  /** When the guess was committed, ISO 8601. */
  at: string;
}

export type Bets = Records<Bet>;

export const storageKey = (slug: string): string => `tinyml:predice:${slug}`;

/** How a Predice names its numbers: «40 pasos», «1 paso», «96,2 %». */
export interface Unit {
  /** Plural (or invariable) unit after the number, e.g. «pasos», «%»; '' for none. */
  plural: string;
  /** Singular, used when the number is exactly 1 (defaults to the plural). */
  singular?: string;
  /** Decimals shown (default 0 → integers). */
  decimals?: number;
}

const isValue = (v: unknown): v is Value => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length > 0 && v.length <= 200);

/** Parses the stored JSON; anything malformed is dropped entry by entry, never thrown. */
export const decodeBets = (raw: string | null): Bets =>
  decodeRecords(raw, ({ guess, result, at }): Bet | undefined => {
    if (!isValue(guess) || typeof at !== 'string') return undefined;
    return isValue(result) ? { guess, result, at } : { guess, at };
  });

export const encodeBets: (bets: Bets) => string = encodeRecords;

/** «40 pasos», «1 paso», «96,2 %» (Spanish decimal comma). */
export function amount(v: number, unit: Unit): string {
  const n = num(v, unit.decimals ?? 0);
  const word = Math.abs(v) === 1 ? (unit.singular ?? unit.plural) : unit.plural;
  if (!word) return n;
  return word === '%' ? `${n} %` : `${n} ${word}`;
}

/**
 * Parses what the student typed: Spanish «12,5» or «12.5», spaces (also thin) allowed.
 * Returns null when it is not a finite number.
 */
export function parseGuess(text: string): number | null {
  const t = text.trim().replace(/[\s\u202f\u00a0]/g, '').replace('−', '-').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/**
 * The sentence after the reveal. Numbers: «Dijiste 40 pasos; fueron 23: 17 menos.» (or «más»,
 * or «¡exacto!» when equal at the shown decimals). Options: «Dijiste «A»; fue «A»: ¡acertaste!» /
 * «Dijiste «A»; fue «B».».
 */
export function gapText(guess: Value, result: Value, unit: Unit = { plural: '' }): string {
  if (typeof guess === 'number' && typeof result === 'number') {
    const d = unit.decimals ?? 0;
    const scale = 10 ** d;
    const diff = Math.round((result - guess) * scale) / scale;
    // The unit is said once, after the guess («Dijiste 40 pasos; fueron 23»), except «%».
    const res = unit.plural === '%' ? amount(result, unit) : num(result, d);
    const head = `Dijiste ${amount(guess, unit)}; ${Math.abs(result) === 1 ? 'fue' : 'fueron'} ${res}`;
    if (diff === 0) return `${head}: ¡exacto!`;
    const gap = Math.abs(diff);
    const gapWord = unit.plural === '%' ? (gap === 1 ? ' punto' : ' puntos') : '';
    return `${head}: ${num(gap, d)}${gapWord} ${diff < 0 ? 'menos' : 'más'}.`;
  }
  const g = String(guess);
  const r = String(result);
  return g === r ? `Dijiste «${g}»; fue «${r}»: ¡acertaste!` : `Dijiste «${g}»; fue «${r}».`;
}

/** «Tu apuesta: 40 pasos.» shown after a commit and after a reload. */
export function betText(guess: Value, unit: Unit = { plural: '' }): string {
  return typeof guess === 'number' ? `Tu apuesta: ${amount(guess, unit)}.` : `Tu apuesta: «${guess}».`;
}

/**
 * True when a widget's reported state agrees with the fields the question fixes (numbers
 * within 1e-9 relative). `expected` absent or empty: any state counts.
 */
export function stateMatches(expected: Record<string, unknown> | undefined, state: Record<string, unknown> | undefined): boolean {
  if (!expected) return true;
  for (const [k, want] of Object.entries(expected)) {
    const got = state?.[k];
    if (typeof want === 'number' && typeof got === 'number') {
      if (Math.abs(want - got) > 1e-9 * Math.max(1, Math.abs(want))) return false;
    } else if (got !== want && JSON.stringify(got) !== JSON.stringify(want)) return false;
  }
  return true;
}
