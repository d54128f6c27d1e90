/**
 * Checker comparison (pure, Node-tested): does the student's result match the expected one, and
 * if not, a Spanish sentence that says where and why (expected vs got) without giving away how
 * to compute it.
 */
import { formatValue } from './format';

export interface Mismatch {
  /** Where inside the value: '' for the whole value, '[2]', '.w[0]'… */
  path: string;
  expected: string;
  got: string;
  /** Spanish reason, e.g. «la longitud no coincide». */
  reason: string;
}

const isTyped = (v: unknown): v is ArrayLike<number> => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || isTyped(v);

/** Numbers match when |got − expected| ≤ tol (absolute); NaN only matches NaN. */
export function closeEnough(expected: number, got: number, tol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  if (!Number.isFinite(expected)) return got === expected;
  return Math.abs(got - expected) <= tol;
}

const kindOf = (v: unknown): string => {
  if (v === null) return 'null';
  if (v === undefined) return 'nada (undefined)';
  if (isList(v)) return 'una lista';
  if (typeof v === 'number') return 'un número';
  if (typeof v === 'string') return 'un texto';
  if (typeof v === 'boolean') return 'un booleano';
  if (typeof v === 'object') return 'un objeto';
  return typeof v;
};

/** The first difference between expected and got (depth-first), or null when they match. */
export function compareValues(expected: unknown, got: unknown, tol: number, path = ''): Mismatch | null {
  const show = (v: unknown): string => formatValue(v, 1);
  if (typeof expected === 'number') {
    if (typeof got !== 'number') return { path, expected: show(expected), got: show(got), reason: `esperaba un número y recibí ${kindOf(got)}` };
    if (closeEnough(expected, got, tol)) return null;
    // «Almost» only when the miss is small next to the tolerance (a rounding slip, not a wrong formula).
    const near = tol > 0 && Math.abs(got - expected) <= 1000 * tol;
    return { path, expected: show(expected), got: show(got), reason: near ? `casi: la diferencia supera la tolerancia (${tol})` : 'los valores son distintos' };
  }
  if (isList(expected)) {
    if (!isList(got)) return { path, expected: show(expected), got: show(got), reason: `esperaba una lista y recibí ${kindOf(got)}` };
    if (got.length !== expected.length) return { path, expected: `${expected.length} elementos`, got: `${got.length} elementos`, reason: 'la longitud no coincide' };
    for (let i = 0; i < expected.length; i++) {
      const m = compareValues(expected[i], got[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (got === null || typeof got !== 'object' || isList(got)) return { path, expected: show(expected), got: show(got), reason: `esperaba un objeto y recibí ${kindOf(got)}` };
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in got)) return { path: `${path}.${k}`, expected: show(v), got: 'nada', reason: `falta la propiedad «${k}»` };
      const m = compareValues(v, (got as Record<string, unknown>)[k], tol, `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  if (Object.is(expected, got)) return null;
  return { path, expected: show(expected), got: show(got), reason: 'los valores son distintos' };
}

/** «rms([3, 4])»: how a case's call reads (arguments printed as the student would write them). */
export function callText(fn: string, args: readonly unknown[]): string {
  return `${fn}(${args.map((a) => formatValue(a, 1)).join(', ')})`;
}

/** The Spanish verdict for one failing case. */
export function mismatchText(caseIndex: number, caseCount: number, call: string, m: Mismatch): string {
  const where = m.path ? ` (en ${m.path})` : '';
  return `Caso ${caseIndex + 1} de ${caseCount}: ${call}${where} debería dar ${m.expected}, pero tu función da ${m.got}: ${m.reason}.`;
}
