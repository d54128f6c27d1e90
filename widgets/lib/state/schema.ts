/**
 * Typed widget parameters. A schema lists each parameter with its type, default and range;
 * the codec (codec.ts) turns a state into a URL-safe string and back.
 */
export type Field =
  | { readonly kind: 'number'; readonly default: number; readonly min: number; readonly max: number }
  | { readonly kind: 'int'; readonly default: number; readonly min: number; readonly max: number }
  | { readonly kind: 'bool'; readonly default: boolean }
  | { readonly kind: 'enum'; readonly default: string; readonly options: readonly string[] }
  | {
      readonly kind: 'numbers';
      readonly default: readonly number[];
      readonly min: number;
      readonly max: number;
      readonly minLength: number;
      readonly maxLength: number;
    };

export type Schema = Readonly<Record<string, Field>>;

type ValueOf<F extends Field> = F extends { kind: 'bool' }
  ? boolean
  : F extends { kind: 'enum'; options: readonly (infer O)[] }
    ? O
    : F extends { kind: 'numbers' }
      ? number[]
      : number;

export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export const num = (def: number, min: number, max: number) =>
  ({ kind: 'number', default: def, min, max }) as const;
export const int = (def: number, min: number, max: number) =>
  ({ kind: 'int', default: def, min, max }) as const;
export const bool = (def: boolean) => ({ kind: 'bool', default: def }) as const;
export const oneOf = <const O extends readonly string[]>(options: O, def: O[number]) =>
  ({ kind: 'enum', default: def, options }) as { readonly kind: 'enum'; readonly default: O[number]; readonly options: O };
export const nums = (def: readonly number[], min: number, max: number, minLength: number, maxLength: number) =>
  ({ kind: 'numbers', default: def, min, max, minLength, maxLength }) as const;

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(schema)) out[k] = f.kind === 'numbers' ? [...f.default] : f.default;
  return out as StateOf<S>;
}

/** Checks one value against its field; returns the value to keep, or undefined if invalid. */
export function validate(field: Field, value: unknown): unknown {
  const inRange = (n: unknown, min: number, max: number): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max;
  switch (field.kind) {
    case 'number':
      return inRange(value, field.min, field.max) ? value : undefined;
    case 'int':
      return inRange(value, field.min, field.max) && Number.isInteger(value) ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'enum':
      return typeof value === 'string' && field.options.includes(value) ? value : undefined;
    case 'numbers':
      return Array.isArray(value) &&
        value.length >= field.minLength &&
        value.length <= field.maxLength &&
        value.every((v) => inRange(v, field.min, field.max))
        ? [...value]
        : undefined;
  }
}

/**
 * A control's range read from its schema field, so a control never retypes what the schema says
 * (`slider({ label, ...bounds(schema.conv1), step: 1, … })`). For `numbers`, the range of each item.
 */
export function bounds(field: Extract<Field, { min: number; max: number }>): { min: number; max: number } {
  return { min: field.min, max: field.max };
}

/** The options of an enum field, each with its label (`label(v)`; the value itself by default). */
export function optionsOf<O extends string>(field: { readonly kind: 'enum'; readonly options: readonly O[] }, label: (v: O) => string = (v) => v): Array<{ value: O; label: string }> {
  return field.options.map((value) => ({ value, label: label(value) }));
}
