import { defaults, validate, type Schema, type StateOf } from './schema';

/**
 * URL codec for widget state. Format (one query parameter per widget instance):
 *   key:value;key:value   numbers in shortest round-trip form, booleans 1/0,
 *   lists joined by ",". Example: "w:0.5,-1;b:0.2;act:relu;seed:42".
 * Decoding never throws: an unknown key is ignored and a bad value falls back to its default.
 */
export function encodeState<S extends Schema>(schema: S, state: StateOf<S>): string {
  const parts: string[] = [];
  for (const [key, field] of Object.entries(schema)) {
    const v = (state as Record<string, unknown>)[key];
    let text: string;
    if (field.kind === 'bool') text = v ? '1' : '0';
    else if (field.kind === 'numbers') text = (v as number[]).map(String).join(',');
    else text = String(v);
    parts.push(`${key}:${text}`);
  }
  return parts.join(';');
}

export interface Decoded<S extends Schema> {
  state: StateOf<S>;
  /** Keys whose value in the text was missing or invalid (they hold the default). */
  rejected: string[];
}

export function decodeState<S extends Schema>(schema: S, text: string | null | undefined): Decoded<S> {
  const state = defaults(schema) as Record<string, unknown>;
  const rejected: string[] = [];
  if (typeof text !== 'string' || text.length === 0) return { state: state as StateOf<S>, rejected };
  const given = new Map<string, string>();
  for (const part of text.split(';')) {
    const i = part.indexOf(':');
    if (i > 0) given.set(part.slice(0, i), part.slice(i + 1));
  }
  for (const [key, field] of Object.entries(schema)) {
    const raw = given.get(key);
    if (raw === undefined) continue;
    let parsed: unknown;
    if (field.kind === 'bool') parsed = raw === '1' ? true : raw === '0' ? false : undefined;
    else if (field.kind === 'enum') parsed = raw;
    else if (field.kind === 'numbers') parsed = raw === '' ? [] : raw.split(',').map(parseNumber);
    else parsed = parseNumber(raw);
    const ok = validate(field, parsed);
    if (ok === undefined) rejected.push(key);
    else state[key] = ok;
  }
  return { state: state as StateOf<S>, rejected };
}

/** Strict number parse: "", " 1", "1e", "0x10" are rejected (NaN). */
function parseNumber(s: string): number {
  return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
}

/** Query parameter that holds the state of the widget instance `id`. */
export const stateParam = (id: string): string => `w-${id}`;

/** Builds a link to `pageUrl` that reopens widget `id` with `encoded` state and scrolls to it. */
export function shareLink(pageUrl: string, id: string, encoded: string): string {
  const url = new URL(pageUrl);
  url.searchParams.set(stateParam(id), encoded);
  url.hash = id;
  return url.toString();
}

/** Reads the encoded state of widget `id` from a page URL (null when absent or unparsable). */
export function readStateParam(pageUrl: string, id: string): string | null {
  try {
    return new URL(pageUrl).searchParams.get(stateParam(id));
  } catch {
    return null;
  }
}
