/**
 * The cell runtime: a classic Worker script (Vite builds it as one IIFE file; see runtime-url.ts)
 * loaded by the sandboxed iframe (public/celda/sandbox.js) with importScripts from a blob Worker.
 * It owns the lesson's notebook scope and runs each cell's wrapped script (scope.ts) in it.
 *
 * Globals a cell sees (the `with` scope's prototype, no imports): tf, print / console, table,
 * show, image, Plot (serialized, drawn by the page), fft, dsp, quantize, quant, kmeans & co.,
 * conv, mnist (when the page handed the digits in). Network and storage are the sandbox's job
 * (opaque origin, CSP connect-src 'none'), not this file's.
 *
 * Memory: each run is a tfjs engine scope; tensors the run created are disposed at its end
 * unless a top-level name of the notebook scope still holds them (so the next cell can use
 * them); re-running a cell first disposes the tensors its names held.
 */
import * as tf from '@tensorflow/tfjs';
import * as dsp from '../dsp';
import * as quant from '../quant';
import * as km from '../kmeans/kmeans';
import * as conv from '../conv';
import { chooseBackend, enableFastTraining } from '../cnn/backend';
import { convertFloat32, convertInt8, kerasFromLayersModel, type LayersModelLike } from '../convert';
import { runModel } from '../int8ref/run';
import type { CallResult, FromRuntime, OutputItem, PlotSpec, RuntimeData, ToRuntime } from './protocol';
import { formatTensorText, formatValue, imageOf, tableOf } from './format';
import { errorLine, runtimeMessageEs, undefinedName } from './errors';

const ctx = self as unknown as {
  postMessage(m: FromRuntime): void;
  onmessage: ((e: MessageEvent<ToRuntime>) => void) | null;
  importScripts(...urls: string[]): void;
  [k: string]: unknown;
};
const post = (m: FromRuntime): void => ctx.postMessage(m);
// Kept privately: the cells' scripts are loaded with it.
const loadScript = ctx.importScripts.bind(ctx);

const MAX_OUTPUTS = 300;
let runId = 0;
let outputs = 0;
let data: RuntimeData = {};

function emit(item: OutputItem): void {
  outputs++;
  if (outputs === MAX_OUTPUTS + 1) item = { kind: 'text', text: `(Salida recortada: esta ejecución ya ha mostrado ${MAX_OUTPUTS} bloques.)` };
  else if (outputs > MAX_OUTPUTS + 1) return;
  post({ type: 'output', runId, item });
}

const isTensor = (v: unknown): v is tf.Tensor => v instanceof tf.Tensor;

function tensorItem(t: tf.Tensor): OutputItem {
  if (t.isDisposed) return { kind: 'text', text: 'Tensor liberado (dispose): ya no tiene valores.' };
  return { kind: 'tensor', shape: [...t.shape], dtype: t.dtype, text: formatTensorText(t.dataSync() as ArrayLike<number>, t.shape, t.dtype) };
}

function print(...args: unknown[]): void {
  let parts: string[] = [];
  const flush = (): void => {
    if (parts.length) emit({ kind: 'text', text: parts.join(' ') });
    parts = [];
  };
  for (const a of args) {
    if (isTensor(a)) {
      flush();
      emit(tensorItem(a));
    } else parts.push(formatValue(a));
  }
  flush();
}

function show(v: unknown): void {
  if (isTensor(v)) emit(tensorItem(v));
  else if (Array.isArray(v) && v.length > 0 && v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) emit(tableOf(v));
  else print(v);
}

function table(rows: unknown): void {
  if (isTensor(rows)) rows = rows.arraySync();
  if (!Array.isArray(rows)) throw new TypeError('table(): pásame un array de objetos, por ejemplo [{x: 1, y: 2}, {x: 2, y: 4}].');
  emit(tableOf(rows));
}

function image(v: unknown, label?: unknown): void {
  let value = v;
  if (isTensor(v)) value = v.reshape([-1]).arraySync();
  emit(imageOf(value, label === undefined ? undefined : String(label)));
}

/** Plain data for postMessage: tensors become nested arrays; functions are refused in Spanish. */
function plain(v: unknown, where: string): unknown {
  if (isTensor(v)) return v.arraySync();
  if (typeof v === 'function') throw new TypeError(`${where}: en las celdas, las opciones de Plot son nombres de columna, números o textos, no funciones.`);
  if (Array.isArray(v)) return v.map((x) => plain(x, where));
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (v instanceof Date) return v;
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, where)]));
  return v;
}

const PLOT_MARKS = ['lineY', 'lineX', 'line', 'dot', 'dotX', 'dotY', 'barY', 'barX', 'rectY', 'rectX', 'areaY', 'ruleY', 'ruleX', 'tickX', 'tickY', 'cell', 'text', 'frame', 'gridX', 'gridY'] as const;
interface MarkSpec { __mark: true; type: string; data: unknown; options: Record<string, unknown> }

/** Observable Plot's API shape; marks are descriptions, Plot.plot sends the chart to the page. */
const Plot: Record<string, unknown> = Object.fromEntries(PLOT_MARKS.map((type) => [type, (d?: unknown, o?: Record<string, unknown>): MarkSpec => {
  const isOpts = type === 'frame' || type === 'gridX' || type === 'gridY';
  return { __mark: true, type, data: isOpts ? null : plain(d ?? null, `Plot.${type}`), options: (plain((isOpts ? d : o) ?? {}, `Plot.${type}`) as Record<string, unknown>) };
}]));
Plot.plot = (o: Record<string, unknown> = {}): void => {
  const marks = (Array.isArray(o.marks) ? o.marks : []) as unknown[];
  if (!marks.every((m) => m && typeof m === 'object' && (m as MarkSpec).__mark)) throw new TypeError('Plot.plot(): cada elemento de marks debe ser una marca, p. ej. Plot.lineY(datos).');
  const { marks: _m, ...rest } = o;
  void _m;
  const spec: PlotSpec = { marks: (marks as MarkSpec[]).map((m) => ({ type: m.type, data: m.data, options: m.options })), options: plain(rest, 'Plot.plot') as Record<string, unknown> };
  emit({ kind: 'plot', spec });
};

/** fft(x, n = next power of two): the real FFT of lib/dsp, with magnitudes. */
function fft(x: ArrayLike<number> | tf.Tensor, n?: number): { re: number[]; im: number[]; mag: number[] } {
  const values = isTensor(x) ? (x.dataSync() as Float32Array) : x;
  const size = n ?? dsp.nextPow2(values.length);
  const X = dsp.rfft(values, size);
  return { re: Array.from(X.re), im: Array.from(X.im), mag: Array.from(dsp.magnitudes(X)) };
}

type Part = 'train' | 'test';
function mnistSplit(part: Part) {
  const m = data.mnist;
  if (!m) throw new Error('Esta página no ha cargado los dígitos MNIST.');
  if (part !== 'train' && part !== 'test') throw new RangeError("mnist: la parte es 'train' o 'test'.");
  return { m, s: m[part] };
}

/** The MNIST digits the page handed in (train 8 000 + test 2 000), as arrays or tensors. */
const mnist = {
  get train() { return { count: mnistSplit('train').s.count }; },
  get test() { return { count: mnistSplit('test').s.count }; },
  /** One digit: 784 values in [0, 1] (row-major 28 × 28) and its label. */
  digito(part: Part, i: number): { pixeles: Float32Array; etiqueta: number } {
    const { m, s } = mnistSplit(part);
    const px = m.rows * m.cols;
    if (!(i >= 0 && i < s.count)) throw new RangeError(`mnist.digito: el índice va de 0 a ${s.count - 1}.`);
    const pixeles = new Float32Array(px);
    for (let j = 0; j < px; j++) pixeles[j] = s.images[i * px + j]! / 255;
    return { pixeles, etiqueta: s.labels[i]! };
  },
  /** n digits from `desde` as tensors: xs [n, 28, 28, 1] in [0, 1], ys one-hot [n, 10], etiquetas [n]. */
  tensores(part: Part, n: number, desde = 0): { xs: tf.Tensor4D; ys: tf.Tensor2D; etiquetas: number[] } {
    const { m, s } = mnistSplit(part);
    const count = Math.max(0, Math.min(n, s.count - desde));
    const px = m.rows * m.cols;
    const buf = new Float32Array(count * px);
    for (let j = 0; j < buf.length; j++) buf[j] = s.images[desde * px + j]! / 255;
    const etiquetas = Array.from(s.labels.subarray(desde, desde + count));
    return tf.tidy(() => ({
      xs: tf.tensor4d(buf, [count, m.rows, m.cols, 1]),
      ys: tf.oneHot(tf.tensor1d(etiquetas, 'int32'), 10).toFloat() as tf.Tensor2D,
      etiquetas,
    }));
  },
};

/**
 * The course's converter (lib/convert: tfjs LayersModel → .tflite bytes) and its reference
 * interpreter (lib/int8ref). LiteRT.js is not offered: its wasm would need the network and
 * 'wasm-unsafe-eval', which the sandbox's CSP refuses.
 */
const tflite = {
  /** float32 .tflite bytes of a tf.LayersModel. */
  convert: (model: LayersModelLike): Uint8Array => convertFloat32(kerasFromLayersModel(model)).bytes,
  /** Full-integer int8 (float32 input/output), calibrated on `samples` (each one input). */
  convertInt8: (model: LayersModelLike, samples: Iterable<ArrayLike<number>>): Uint8Array => convertInt8(kerasFromLayersModel(model), samples).bytes,
  /** Runs the .tflite bytes on one input (flat values): {output, shape}. */
  run: (bytes: Uint8Array, input: ArrayLike<number>): { output: number[]; shape: number[] } => {
    const r = runModel(bytes, input);
    return { output: Array.from(r.output), shape: r.outputShape };
  },
};

const cellConsole = { log: print, info: print, warn: print, error: print, table };

const api: Record<string, unknown> = Object.assign(Object.create(null) as object, {
  tf, print, show, table, image, Plot, console: cellConsole, fft, dsp,
  quantize: quant.quantize, quant,
  kmeans: km.kmeans, kmeansTrace: km.kmeansTrace, assignStep: km.assignStep, updateStep: km.updateStep, inertia: km.inertia,
  conv, mnist, tflite,
});
/** The notebook scope: own properties are the student's names, the prototype is the API. */
let scope: Record<string, unknown> = Object.create(api) as Record<string, unknown>;

/** Tensors reachable from a value within two levels (arrays, plain objects). */
function tensorsIn(v: unknown, out: tf.Tensor[], depth = 0): void {
  if (isTensor(v)) out.push(v);
  else if (depth < 2 && Array.isArray(v)) for (const x of v) tensorsIn(x, out, depth + 1);
  else if (depth < 2 && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) for (const x of Object.values(v)) tensorsIn(x, out, depth + 1);
}

// Things tfjs itself prints (model.summary(), warnings) go to the running cell's output.
const globalConsole = (self as unknown as { console: Console }).console;
globalConsole.log = print;
globalConsole.info = print;

const CELL_FN = '__celdaEjecutar';

async function run(id: number, script: string, declared: string[]): Promise<void> {
  runId = id;
  outputs = 0;
  const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  const t0 = performance.now();
  let ok = false;
  // Re-running: the names this cell defines let go of their old tensors first.
  for (const name of declared) {
    if (Object.prototype.hasOwnProperty.call(scope, name)) {
      const old: tf.Tensor[] = [];
      tensorsIn(scope[name], old);
      for (const t of old) if (!t.isDisposed) t.dispose();
    }
    if (!Object.prototype.hasOwnProperty.call(scope, name)) scope[name] = undefined;
  }
  const before = tf.memory().numTensors;
  tf.engine().startScope();
  try {
    loadScript(url);
    const fn = ctx[CELL_FN] as (s: unknown) => Promise<unknown>;
    delete ctx[CELL_FN];
    const value = await fn(scope);
    if (value !== undefined && !(value !== null && typeof value === 'object' && 'then' in value)) {
      const isPlainish = isTensor(value) || Array.isArray(value) || typeof value !== 'object' || value === null || Object.getPrototypeOf(value) === Object.prototype;
      if (isPlainish) show(value);
    }
    ok = true;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const missing = undefinedName(err.message);
    emit({
      kind: 'error', name: err.name, message: runtimeMessageEs(err.message),
      line: errorLine(err.stack, url), ...(missing ? { missing } : {}),
    });
  } finally {
    const keep: tf.Tensor[] = [];
    for (const v of Object.values(scope)) tensorsIn(v, keep);
    for (const t of keep) if (!t.isDisposed) tf.keep(t);
    tf.engine().endScope();
    URL.revokeObjectURL(url);
  }
  post({ type: 'done', runId: id, ok, ms: performance.now() - t0, numTensors: tf.memory().numTensors, numTensorsBefore: before });
}

/** A checker's value as plain data (tensors → arrays), or a Spanish refusal. */
function result(v: unknown): unknown {
  if (isTensor(v)) return v.arraySync();
  if (Array.isArray(v)) return v.map(result);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, result(x)]));
  if (typeof v === 'function') return `ƒ ${v.name}`;
  return v;
}

async function check(id: number, calls: { fn: string; args: unknown[] }[]): Promise<void> {
  const results: CallResult[] = [];
  for (const c of calls) {
    const f = Object.prototype.hasOwnProperty.call(scope, c.fn) ? scope[c.fn] : undefined;
    if (typeof f !== 'function') {
      results.push({ ok: false, error: `no encuentro tu función «${c.fn}»: ¿está escrita con ese nombre en esta celda?` });
      continue;
    }
    tf.engine().startScope();
    try {
      results.push({ ok: true, value: result(await (f as (...a: unknown[]) => unknown)(...structuredClone(c.args))) });
    } catch (e) {
      results.push({ ok: false, error: e instanceof Error ? `${e.name}: ${runtimeMessageEs(e.message)}` : String(e) });
    } finally {
      tf.engine().endScope();
    }
  }
  post({ type: 'checked', runId: id, results });
}

interface Predictor { predict(x: tf.Tensor): tf.Tensor | tf.Tensor[]; inputs?: { shape: (number | null)[] }[] }

async function evaluate(id: number, name: string, n: number): Promise<void> {
  const model = Object.prototype.hasOwnProperty.call(scope, name) ? (scope[name] as Predictor | undefined) : undefined;
  if (!model || typeof model.predict !== 'function') {
    post({ type: 'evaluated', runId: id, accuracy: null, error: `no encuentro un modelo llamado «${name}»: ¿has ejecutado la celda que lo entrena?` });
    return;
  }
  try {
    const accuracy = tf.tidy(() => {
      const { xs, etiquetas } = mnist.tensores('test', n);
      const rank = model.inputs?.[0]?.shape.length ?? 4;
      const input = rank === 2 ? xs.reshape([xs.shape[0], -1]) : xs;
      const out = model.predict(input);
      const pred = (Array.isArray(out) ? out[0]! : out).argMax(-1).dataSync();
      let right = 0;
      for (let i = 0; i < etiquetas.length; i++) if (pred[i] === etiquetas[i]) right++;
      return right / Math.max(1, etiquetas.length);
    });
    post({ type: 'evaluated', runId: id, accuracy });
  } catch (e) {
    post({ type: 'evaluated', runId: id, accuracy: null, error: e instanceof Error ? runtimeMessageEs(e.message) : String(e) });
  }
}

let queue: Promise<void> = Promise.resolve();

ctx.onmessage = (e: MessageEvent<ToRuntime>) => {
  const m = e.data;
  queue = queue.then(async () => {
    if (m.type === 'init') {
      data = m.data ?? {};
      const backend = await chooseBackend(tf, ['webgl', 'cpu'], null);
      enableFastTraining(tf, backend);
      scope = Object.create(api) as Record<string, unknown>;
      post({ type: 'ready', numTensors: tf.memory().numTensors, backend });
    } else if (m.type === 'run') await run(m.runId, m.script, m.declared);
    else if (m.type === 'check') await check(m.runId, m.calls);
    else if (m.type === 'evaluate') await evaluate(m.runId, m.name, m.n);
  }).catch((err: unknown) => {
    post({ type: 'output', runId, item: { kind: 'error', name: 'Error', message: err instanceof Error ? err.message : String(err), line: null } });
    post({ type: 'done', runId, ok: false, ms: 0, numTensors: tf.memory().numTensors, numTensorsBefore: tf.memory().numTensors });
  });
};
