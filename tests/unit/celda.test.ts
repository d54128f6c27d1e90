import { describe, expect, it } from 'vitest';
import { prepareCell, wrapScript, patternNames, SCRIPT_PREFIX_LINES } from '../../widgets/lib/celda/scope';
import { errorLine, undefinedName, runtimeMessageEs, dependencyHint } from '../../widgets/lib/celda/errors';
import { compareValues, callText, mismatchText } from '../../widgets/lib/celda/compare';
import { formatTensorText, formatValue, imageOf, num, tableOf } from '../../widgets/lib/celda/format';
import { codeKey, loadCode, markPassed, passedExercises, saveCode, type KeyValueStore } from '../../widgets/lib/celda/store';
import { CHECKERS } from '../../widgets/lib/celda/checkers';

/** Runs prepared cells the way the runtime does (a `with` scope), here with the Function constructor. */
function runIn(scope: Record<string, unknown>, code: string): unknown {
  const p = prepareCell(code);
  if (!p.ok) throw new Error(p.message);
  for (const n of p.declared) if (!Object.prototype.hasOwnProperty.call(scope, n)) scope[n] = undefined;
  // Sync variant of the wrapper (no top-level await in these cases).
  return new Function('__scope', `with (__scope) {\n${p.body}\n}`)(scope);
}

describe('prepareCell: the notebook scope', () => {
  it('shares top-level declarations with later cells and lets a cell run twice', () => {
    const scope: Record<string, unknown> = Object.create({ Math });
    runIn(scope, 'const a = 2;\nlet b;\nvar [c, ...d] = [3, 4, 5];\nconst {e, f: {g}} = {e: 6, f: {g: 7}};\nfunction sq(x) { return x * x; }\nclass P { constructor() { this.v = 1; } }');
    expect(Object.keys(scope).sort()).toEqual(['P', 'a', 'b', 'c', 'd', 'e', 'g', 'sq']);
    expect(scope.a).toBe(2);
    expect(scope.b).toBeUndefined();
    expect(scope.d).toEqual([4, 5]);
    expect(scope.g).toBe(7);
    expect(runIn(scope, 'sq(a) + c + new P().v')).toBe(8);
    // Running the first cell again is no «already declared» error.
    runIn(scope, 'const a = 10;');
    expect(runIn(scope, 'a')).toBe(10);
  });

  it('keeps function hoisting and does not touch inner declarations', () => {
    const scope: Record<string, unknown> = {};
    expect(runIn(scope, 'const r = f(3);\nfunction f(x) { const inner = x + 1; return inner; }\nr')).toBe(4);
    expect(Object.keys(scope).sort()).toEqual(['f', 'r']);
  });

  it('returns the last expression, except assignments', () => {
    expect(runIn({}, '1 + 1\n2 * 3')).toBe(6);
    const scope: Record<string, unknown> = { x: 0 };
    expect(runIn(scope, 'x = 5')).toBeUndefined();
  });

  it('keeps every line where it was (so error lines map 1:1)', () => {
    const code = 'const a = 1,\n  b = 2;\nlet c\n\nfunction f() {}\nclass K {}\nf()';
    const p = prepareCell(code);
    expect(p.ok).toBe(true);
    if (p.ok) expect(p.body.split('\n').length).toBe(code.split('\n').length);
  });

  it('does not glue a declaration to a previous line without semicolon', () => {
    const scope: Record<string, unknown> = { g: () => 1 };
    expect(() => runIn(scope, 'g()\nconst z = 3')).not.toThrow();
    expect(scope.z).toBe(3);
  });

  it('reports a syntax error in Spanish with its line', () => {
    expect(prepareCell('const a = 1;\nconst b = ;\n')).toEqual({ ok: false, message: 'Error de sintaxis: hay un símbolo inesperado', line: 2 });
    const u = prepareCell('print("hola)');
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.message).toMatch(/no está cerrada/);
  });

  it('accepts top-level await and wraps in exactly one prefix line', () => {
    const p = prepareCell('await Promise.resolve(1)');
    expect(p.ok).toBe(true);
    const script = wrapScript('x', '__f');
    expect(script.split('\n')[SCRIPT_PREFIX_LINES]).toBe('x');
  });

  it('patternNames walks nested patterns', () => {
    const p = prepareCell('const {a, b: [c, {d}], ...e} = o;');
    expect(p.ok && p.declared).toEqual(['a', 'c', 'd', 'e']);
    expect(patternNames(null)).toEqual([]);
  });
});

describe('errors', () => {
  const url = 'blob:null/1234-abcd';
  it('maps the first frame in the cell script to the student line (Chromium and Firefox stacks)', () => {
    const chromium = `TypeError: x\n    at inner (http://h/_astro/runtime.js:1:200)\n    at f (${url}:4:9)\n    at __celda (${url}:6:1)`;
    expect(errorLine(chromium, url)).toBe(3);
    const firefox = `f@${url}:4:9\n__celda@${url}:6:1\n`;
    expect(errorLine(firefox, url)).toBe(3);
    expect(errorLine('no frames here', url)).toBeNull();
    expect(errorLine(undefined, url)).toBeNull();
  });
  it('finds the undefined name and reads messages in Spanish', () => {
    expect(undefinedName('base is not defined')).toBe('base');
    expect(undefinedName("Can't find variable: señal")).toBe('señal');
    expect(undefinedName('x.y is not a function')).toBeNull();
    expect(runtimeMessageEs('base is not defined')).toBe('«base» no está definido');
    expect(runtimeMessageEs("Cannot read properties of null (reading 'p')")).toBe('no se puede leer «p» de null');
    expect(runtimeMessageEs('Shapes [2] and [3] must match')).toBe('Shapes [2] and [3] must match');
    expect(dependencyHint('w', new Map([['w', 'Pesos iniciales']]))).toBe('«w» se define en la celda «Pesos iniciales», más arriba. Ejecútala antes (o pulsa «Ejecutar todo»).');
    expect(dependencyHint('q', new Map())).toBeNull();
  });
});

describe('compareValues', () => {
  it('numbers within the tolerance match; outside they say why', () => {
    expect(compareValues(3.5355339, 3.5355, 1e-3)).toBeNull();
    expect(compareValues(1, 1.1, 1e-3)).toEqual({ path: '', expected: '1', got: '1.1', reason: 'casi: la diferencia supera la tolerancia (0.001)' });
    expect(compareValues(1, 3, 1e-3)?.reason).toBe('los valores son distintos');
    expect(compareValues(2, 3, 0)?.reason).toBe('los valores son distintos');
    expect(compareValues(1, '1', 0)?.reason).toBe('esperaba un número y recibí un texto');
    expect(compareValues(NaN, NaN, 0)).toBeNull();
  });
  it('lists and objects: the first difference, with its path', () => {
    expect(compareValues([1, 2, 3], [1, 2], 0)?.reason).toBe('la longitud no coincide');
    expect(compareValues([[1, 2], [3, 4]], [[1, 2], [3, 5]], 0)?.path).toBe('[1][1]');
    expect(compareValues({ w: [0.1, 0.2], b: 0 }, { w: [0.1, 0.3], b: 0 }, 1e-9)?.path).toBe('.w[1]');
    expect(compareValues({ w: [1], b: 0 }, { w: [1] }, 0)?.reason).toBe('falta la propiedad «b»');
    expect(compareValues([1, 2], new Float32Array([1, 2]), 0)).toBeNull();
    expect(compareValues([1], undefined, 0)?.reason).toBe('esperaba una lista y recibí nada (undefined)');
  });
  it('says which case fails in Spanish', () => {
    const call = callText('rms', [[3, 4]]);
    expect(call).toBe('rms([3, 4])');
    const m = compareValues(3.5355339059327378, 0, 1e-9)!;
    expect(mismatchText(0, 5, call, m)).toBe('Caso 1 de 5: rms([3, 4]) debería dar 3.5355, pero tu función da 0: los valores son distintos.');
  });
});

describe('format', () => {
  it('numbers and values as a student reads them', () => {
    expect(num(3)).toBe('3');
    expect(num(1 / 3)).toBe('0.3333');
    expect(num(1e-7)).toBe('1.000e-7');
    expect(formatValue({ a: [1, 'x'], b: null })).toBe('{a: [1, "x"], b: null}');
    expect(formatValue(new Float32Array([0.5, 1]))).toBe('Float32Array(2) [0.5, 1]');
    expect(formatValue('texto')).toBe('texto');
  });
  it('tensors print row by row, long axes elided', () => {
    expect(formatTensorText([1, 2, 3, 4, 5, 6], [2, 3], 'float32')).toBe('[[1, 2, 3],\n [4, 5, 6]]');
    expect(formatTensorText([7], [], 'int32')).toBe('7');
    expect(formatTensorText(Array.from({ length: 10 }, (_, i) => i), [10], 'int32')).toBe('[0, 1, 2, …, 7, 8, 9]');
    expect(formatTensorText([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], 'float32')).toBe('[[[1, 2],\n  [3, 4]],\n\n [[5, 6],\n  [7, 8]]]');
  });
  it('tables take the columns in order of appearance', () => {
    const t = tableOf([{ x: 1 }, { x: 2, y: 'b' }]);
    expect(t.columns).toEqual(['x', 'y']);
    expect(t.rows).toEqual([['1', ''], ['2', 'b']]);
    expect(tableOf(Array.from({ length: 60 }, (_, i) => ({ i }))).rows.length).toBe(50);
  });
  it('images: flat or rows, [0, 1] scaled to 0–255', () => {
    const img = imageOf(Array.from({ length: 784 }, (_, i) => (i === 0 ? 1 : 0)));
    expect([img.width, img.height, img.pixels[0], img.pixels[1]]).toEqual([28, 28, 255, 0]);
    expect(imageOf([[0, 255], [128, 300]]).pixels).toEqual([0, 255, 128, 255]);
    expect(() => imageOf([1, 2, 3])).toThrow(/cuadrada/);
  });
});

describe('store', () => {
  const mem = (): KeyValueStore & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
  };
  it('keeps edits under tinyml:celda:<lesson>:<cell> and forgets the original', () => {
    const s = mem();
    saveCode(s, 'l13', 'c1', 'edited', 'orig');
    expect(s.data.get(codeKey('l13', 'c1'))).toBe('edited');
    expect(loadCode(s, 'l13', 'c1')).toBe('edited');
    saveCode(s, 'l13', 'c1', 'orig', 'orig');
    expect(s.data.size).toBe(0);
  });
  it('records passed exercises as a JSON object and survives garbage', () => {
    const s = mem();
    markPassed(s, 'l15', 'rms-ventana');
    markPassed(s, 'l15', 'otro');
    expect(s.data.get('tinyml:ejercicios:l15')).toBe('{"rms-ventana":true,"otro":true}');
    s.data.set('tinyml:ejercicios:l15', '[1,2');
    expect(passedExercises(s, 'l15')).toEqual({});
  });
});

describe('checkers', () => {
  it('expected values come from the course engines (spot checks by hand)', () => {
    const c = CHECKERS['tamano-salida']!;
    if (c.kind !== 'cases') throw new Error('kind');
    // (28 − 3)/1 + 1 = 26; (32 + 2 − 3)/2 + 1 = 16 (floor).
    expect(c.cases[0]!.expected).toBe(26);
    expect(c.cases[2]!.expected).toBe(16);
    const p = CHECKERS['paso-perceptron']!;
    if (p.kind !== 'cases') throw new Error('kind');
    // net = 0.2 − 0.1 + 0.1 = 0.2 ≥ 0 → y = 1, d = 0: w − 0.1·x, b − 0.1.
    const e = p.cases[0]!.expected as { w: number[]; b: number };
    expect(e.w[0]).toBeCloseTo(0.1, 12);
    expect(e.w[1]).toBeCloseTo(-0.2, 12);
    expect(e.b).toBeCloseTo(0, 12);
    const r = CHECKERS['rms-ventana']!;
    if (r.kind !== 'cases') throw new Error('kind');
    expect(r.cases[0]!.expected).toBeCloseTo(3.5355339059, 9);
    const q = CHECKERS['cuantizar-minmax']!;
    if (q.kind !== 'cases') throw new Error('kind');
    expect(q.cases[0]!.expected).toBe(255);
    expect(q.cases[1]!.expected).toBe(0);
  });
});
