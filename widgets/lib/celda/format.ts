/**
 * Output formatting of the cells (pure, Node-tested): how printed values, tensors, tables and
 * 28×28 images become the plain data of protocol.ts OutputItem. Numbers are printed the way a
 * student reads them: integers as they are, others with up to 4 significant decimals.
 */
import type { OutputItem } from './protocol';

/** A number for the student: integers whole, others to 4 decimals without trailing zeros. */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return x.toExponential(3);
  return String(Number(x.toFixed(4)));
}

const isTyped = (v: unknown): v is ArrayLike<number> => ArrayBuffer.isView(v) && !(v instanceof DataView);

/** Print form of any value (print / console.log arguments): strings raw, the rest readable. */
export function formatValue(v: unknown, depth = 0): string {
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return `ƒ ${(v as { name?: string }).name || '(anónima)'}`;
  if (typeof v === 'symbol') return v.toString();
  if (depth > 3) return '…';
  if (isTyped(v)) {
    const a = Array.from(v as ArrayLike<number>);
    const shown = a.slice(0, 50).map(num).join(', ');
    return `${v.constructor.name}(${a.length}) [${shown}${a.length > 50 ? ', …' : ''}]`;
  }
  if (Array.isArray(v)) {
    const shown = v.slice(0, 50).map((x) => formatValue(x, depth + 1)).join(', ');
    return `[${shown}${v.length > 50 ? `, … (${v.length} en total)` : ''}]`;
  }
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 20).map(([k, x]) => `${formatValue(k, depth + 1)} => ${formatValue(x, depth + 1)}`).join(', ')}}`;
  if (v instanceof Set) return `Set(${v.size}) {${[...v].slice(0, 20).map((x) => formatValue(x, depth + 1)).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>);
  const name = (v as object).constructor && (v as object).constructor !== Object ? `${(v as object).constructor.name} ` : '';
  return `${name}{${entries.slice(0, 30).map(([k, x]) => `${k}: ${formatValue(x, depth + 1)}`).join(', ')}${entries.length > 30 ? ', …' : ''}}`;
}

/**
 * A tensor's values as nested rows, like tf.print: `values` flat row-major, `shape` its shape.
 * Long axes keep their first and last 3 entries around «…».
 */
export function formatTensorText(values: ArrayLike<number | string | boolean>, shape: readonly number[], dtype: string): string {
  const cell = (x: number | string | boolean): string => (typeof x === 'number' ? (dtype === 'int32' || dtype === 'bool' ? String(x) : num(x)) : String(x));
  if (shape.length === 0) return cell(values[0]!);
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  const pick = (n: number): (number | null)[] => (n <= 8 ? [...Array(n).keys()] : [0, 1, 2, null, n - 3, n - 2, n - 1]);
  const rec = (axis: number, offset: number, indent: string): string => {
    const n = shape[axis]!;
    if (axis === shape.length - 1) {
      return `[${pick(n).map((i) => (i === null ? '…' : cell(values[offset + i]!))).join(', ')}]`;
    }
    const inner = pick(n).map((i) => (i === null ? `${indent} …` : rec(axis + 1, offset + i * strides[axis]!, `${indent} `)));
    const sep = shape.length - axis > 2 ? `,\n\n${indent} ` : `,\n${indent} `;
    return `[${inner.join(sep)}]`;
  };
  return rec(0, 0, '');
}

export const TABLE_MAX_ROWS = 50;

/** An array of objects (or of arrays) as a table: column names in order of first appearance. */
export function tableOf(rows: readonly unknown[]): Extract<OutputItem, { kind: 'table' }> {
  const columns: string[] = [];
  const keyed = rows.map((r) => {
    if (r !== null && typeof r === 'object' && !Array.isArray(r) && !isTyped(r)) return r as Record<string, unknown>;
    if (Array.isArray(r) || isTyped(r)) return Object.fromEntries(Array.from(r as ArrayLike<unknown>, (x, i) => [String(i), x]));
    return { valor: r };
  });
  for (const r of keyed) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const text = (x: unknown): string => (x === undefined ? '' : formatValue(x, 1).replace(/^"(.*)"$/, '$1'));
  return {
    kind: 'table',
    columns,
    rows: keyed.slice(0, TABLE_MAX_ROWS).map((r) => columns.map((c) => text(r[c]))),
    total: rows.length,
  };
}

/**
 * A grey image from a flat array (length w·h) or rows (h arrays of w). Values in [0, 1] are
 * scaled to 0–255; anything else is clamped to 0–255. Throws a Spanish RangeError otherwise.
 */
export function imageOf(v: unknown, label?: string): Extract<OutputItem, { kind: 'image' }> {
  let flat: number[];
  let width: number;
  let height: number;
  if (Array.isArray(v) && v.length > 0 && (Array.isArray(v[0]) || isTyped(v[0]))) {
    height = v.length;
    width = (v[0] as ArrayLike<number>).length;
    flat = [];
    for (const row of v as ArrayLike<number>[]) {
      if (row.length !== width) throw new RangeError('image(): todas las filas deben tener la misma longitud.');
      for (let i = 0; i < row.length; i++) flat.push(Number(row[i]));
    }
  } else if (Array.isArray(v) || isTyped(v)) {
    flat = Array.from(v as ArrayLike<number>, Number);
    const side = Math.round(Math.sqrt(flat.length));
    if (side * side !== flat.length || side === 0) throw new RangeError(`image(): espero una imagen cuadrada (p. ej. 784 = 28 × 28 valores) y recibí ${flat.length}.`);
    width = height = side;
  } else {
    throw new RangeError('image(): pásame un array de 784 valores, una matriz 28 × 28 o un tensor.');
  }
  if (flat.some((x) => !Number.isFinite(x))) throw new RangeError('image(): hay valores que no son números.');
  const max = Math.max(...flat);
  const unit = max <= 1;
  const pixels = flat.map((x) => Math.round(Math.min(255, Math.max(0, unit ? x * 255 : x))));
  return label === undefined ? { kind: 'image', width, height, pixels } : { kind: 'image', width, height, pixels, label };
}
