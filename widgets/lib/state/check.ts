import { decodeState, encodeState } from './codec';
import { validate, type Field, type Schema, type StateOf } from './schema';

/**
 * Checks on widget state and author config (pure; used by WidgetElement in the browser and by
 * Widget.astro at build time).
 *
 * - `checkPatch`: a `setState` patch is accepted only if every field is in the schema and holds
 *   a value that the widget's own URL decoder would accept after encoding (so a widget can never
 *   hold a state that its share link would not reopen).
 * - `sharedLinkIssues`: which parts of a `?w-<id>=…` text the decoder ignored (unknown key,
 *   invalid value, no key), to tell the user.
 * - `checkConfig`: the `config={{…}}` a lesson gives a widget, against its config schema.
 */

/** One refused field: `key` as written, `value` as given. */
export interface Refusal {
  key: string;
  value: unknown;
}

/** True when `value` is valid for `field` and survives encode → decode unchanged. */
export function acceptsValue(field: Field, value: unknown): boolean {
  const ok = validate(field, value);
  if (ok === undefined) return false;
  const one = { v: field } as Schema;
  const text = encodeState(one, { v: ok } as unknown as StateOf<Schema>);
  const back = decodeState(one, text);
  return back.rejected.length === 0 && sameValue(back.state.v, ok);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || x === b[i]);
  return Object.is(a, b) || a === b;
}

/** Splits a patch into the fields the schema accepts and the ones it refuses. */
export function checkPatch<S extends Schema>(
  schema: S,
  patch: Readonly<Record<string, unknown>>,
): { accepted: Partial<StateOf<S>>; refused: Refusal[] } {
  const accepted: Record<string, unknown> = {};
  const refused: Refusal[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const field = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (field && acceptsValue(field, value)) accepted[key] = Array.isArray(value) ? [...value] : value;
    else refused.push({ key, value });
  }
  return { accepted: accepted as Partial<StateOf<S>>, refused };
}

/**
 * Parts of an encoded state the decoder did not use, in text order: unknown keys, keys whose
 * value it rejected, and fragments without a key (`:x`, `abc`). Empty parts (`;;`) are not listed.
 * `key` is '' for a fragment without a key; `value` is the raw text after the first ':'.
 */
export function sharedLinkIssues(schema: Schema, text: string | null | undefined): { key: string; value: string }[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const { rejected } = decodeState(schema, text);
  const bad = new Set(rejected);
  const out: { key: string; value: string }[] = [];
  for (const part of text.split(';')) {
    if (part.length === 0) continue;
    const i = part.indexOf(':');
    const key = i > 0 ? part.slice(0, i) : '';
    const value = i >= 0 ? part.slice(i + 1) : part;
    if (key === '' || !Object.hasOwn(schema, key) || bad.has(key)) out.push({ key, value });
  }
  return out;
}

/** The sentence shown in the widget when a shared link carried fields that were ignored. */
export function ignoredNotice(issues: readonly { key: string; value: string }[]): string {
  const names = [...new Set(issues.map((x) => (x.key === '' ? `«${x.value}»` : `«${x.key}»`)))];
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} y ${names[names.length - 1]!}`;
  return names.length === 1
    ? `El enlace compartido traía un campo que esta demostración no reconoce o cuyo valor no es válido, y se ha ignorado: ${list}. En su lugar se usa el valor inicial.`
    : `El enlace compartido traía campos que esta demostración no reconoce o cuyos valores no son válidos, y se han ignorado: ${list}. En su lugar se usan los valores iniciales.`;
}

/** Describes what `field` accepts, in Spanish (for build errors). */
export function describeField(field: Field): string {
  switch (field.kind) {
    case 'number':
      return `un número entre ${field.min} y ${field.max}`;
    case 'int':
      return `un entero entre ${field.min} y ${field.max}`;
    case 'bool':
      return 'true o false';
    case 'enum':
      return `uno de ${field.options.map((o) => `'${o}'`).join(', ')}`;
    case 'numbers':
      return `una lista de ${field.minLength} a ${field.maxLength} números entre ${field.min} y ${field.max}`;
  }
}

/** One problem in an author config: the key and a Spanish sentence saying what is wrong. */
export interface ConfigProblem {
  key: string;
  message: string;
}

/**
 * Checks a lesson's `config` object against a widget's config schema: every key must exist and
 * hold a valid value (keys may be left out: the widget then uses its own default).
 */
export function checkConfig(schema: Schema, config: unknown): ConfigProblem[] {
  if (config === undefined || config === null) return [];
  if (typeof config !== 'object' || Array.isArray(config)) {
    return [{ key: '', message: 'config debe ser un objeto, como config={{ clave: valor }}' }];
  }
  const known = Object.keys(schema);
  const out: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(config)) {
    const field = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (!field) {
      const hint = known.length > 0 ? `las claves válidas son ${known.join(', ')}` : 'este widget no admite ninguna opción de config';
      out.push({ key, message: `la clave «${key}» no existe (${hint})` });
    } else if (validate(field, value) === undefined) {
      out.push({ key, message: `«${key}: ${JSON.stringify(value)}» no es válido; debe ser ${describeField(field)}` });
    }
  }
  return out;
}

/** Keeps the valid keys of a config (the browser's safety net; the build already refused bad ones). */
export function validConfig<S extends Schema>(schema: S, config: unknown): Partial<StateOf<S>> {
  const out: Record<string, unknown> = {};
  if (!config || typeof config !== 'object' || Array.isArray(config)) return out as Partial<StateOf<S>>;
  for (const [key, value] of Object.entries(config)) {
    const field = Object.hasOwn(schema, key) ? schema[key] : undefined;
    const ok = field ? validate(field, value) : undefined;
    if (ok !== undefined) out[key] = ok;
  }
  return out as Partial<StateOf<S>>;
}

/** Picks the fields of a state schema that a config schema shares with it. */
export function pickFields<S extends Schema, K extends keyof S>(schema: S, keys: readonly K[]): Pick<S, K> {
  const out: Partial<Record<K, Field>> = {};
  for (const k of keys) out[k] = schema[k];
  return out as Pick<S, K>;
}
