/**
 * LiteRT.js (the TFLite runtime for the web) loaded on demand from our own origin.
 *
 * - `@litertjs/core` is imported lazily, the first time a model runs, so pages that never run a
 *   .tflite never download it; its wasm files are served from LITERT_WASM_DIR (copied there by
 *   scripts/copy-litert-wasm.mjs) and never from a CDN.
 * - Models run on the 'wasm' accelerator (XNNPACK on the CPU). The runtime's environment is
 *   created without a WebGPU device, so it never probes the GPU by itself; `probeWebGpu()` asks
 *   only where `navigator.gpu` exists, so machines without WebGPU log nothing.
 * - Every Tensor and CompiledModel is deleted after use (LiteRT.js manages wasm memory by hand).
 * - The wasm runtime prints its C++ log (INFO/WARNING lines on every load) through Emscripten's
 *   `printErr`, i.e. console.error by default. We hand it our own printer instead: the lines are
 *   kept in `runtimeLog()` and sent to console.debug (console.warn for ERROR lines, since the
 *   failing call also throws and the widget shows the message), so the console stays clean.
 *
 * Input: float32 values and the model's input shape (NHWC, batch first). Output: float32 copy of
 * the first output. Models with int8 input or output tensors cannot run here (the web runtime
 * takes float32/int32/uint8 tensors); use the int8 model with float32 I/O.
 */
import type * as LiteRtModule from '@litertjs/core';
import { readTflite } from '../tflite/reader';

export const LITERT_WASM_DIR = '/litert/';

type LiteRt = typeof LiteRtModule;

let loading: Promise<LiteRt> | null = null;

const LOG_LINES = 200;
const log: string[] = [];

/** The runtime's last log lines (oldest first), e.g. to show why a model did not compile. */
export function runtimeLog(): readonly string[] {
  return log;
}

function print(line: string): void {
  log.push(line);
  if (log.length > LOG_LINES) log.shift();
  if (/^(E|ERROR)[:\s]/.test(line)) console.warn(`[LiteRT] ${line}`);
  else console.debug(`[LiteRT] ${line}`);
}

/** Loads the runtime once (later calls share the same promise). */
export function loadLiteRt(wasmDir: string = LITERT_WASM_DIR): Promise<LiteRt> {
  loading ??= (async () => {
    const lib = await import('@litertjs/core');
    // Create the default environment without a WebGPU device: we run on wasm, and this keeps the
    // library from calling navigator.gpu.requestAdapter() (and warning) on machines without one.
    const env = lib.Environment as unknown as { create: (o?: { webGpuDevice?: null }) => Promise<unknown> };
    const original = env.create;
    env.create = (o = {}) => original.call(env, { webGpuDevice: null, ...o });
    // Emscripten's factory receives `self.Module` as its module object (see @litertjs/wasm-utils).
    const g = globalThis as unknown as { Module?: unknown };
    g.Module = { print, printErr: print };
    try {
      await lib.loadLiteRt(wasmDir);
    } finally {
      env.create = original;
      g.Module = undefined;
    }
    return lib;
  })().catch((e: unknown) => {
    loading = null;
    throw new Error(`No se pudo cargar LiteRT.js desde ${wasmDir}: ${e instanceof Error ? e.message : String(e)}`);
  });
  return loading;
}

/** Whether this browser offers a WebGPU adapter; asks only where navigator.gpu exists. */
export async function probeWebGpu(): Promise<boolean> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }) | undefined)?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

export interface CompiledTflite {
  /** Runs one input (float32, `shape` with the batch first) and returns the first output. */
  run(input: Float32Array, shape: readonly number[]): Promise<Float32Array>;
  /** Input and output tensors as the runtime sees them. */
  inputs: { name: string; dtype: string; shape: number[] }[];
  outputs: { name: string; dtype: string; shape: number[] }[];
  delete(): void;
}

/** The model's graph inputs and outputs must be float32 (what the web runtime exchanges). */
function checkFloatIo(bytes: Uint8Array): void {
  const info = readTflite(bytes); // throws TfliteError with a Spanish message on a bad file
  const g = info.subgraphs[0]!;
  for (const i of [...g.inputs, ...g.outputs]) {
    const t = g.tensors[i]!;
    if (t.type !== 'FLOAT32')
      throw new Error(`El tensor «${t.name}» es ${t.type.toLowerCase()}; aquí solo se ejecutan modelos con entrada y salida float32 (usa el modelo int8 con E/S float32).`);
  }
}

/** Compiles a .tflite for the wasm (XNNPACK) accelerator; call delete() when done. */
export async function compileTflite(bytes: Uint8Array): Promise<CompiledTflite> {
  checkFloatIo(bytes);
  const lib = await loadLiteRt();
  let model: LiteRtModule.CompiledModel;
  try {
    // loadAndCompile copies the bytes into wasm memory; pass a copy so the caller's array is untouched.
    model = await lib.loadAndCompile(bytes.slice(), { accelerator: 'wasm' });
  } catch (e) {
    throw new Error(`LiteRT.js no pudo preparar el modelo: ${e instanceof Error ? e.message : String(e)}`);
  }
  const details = (list: readonly LiteRtModule.TensorDetails[]) =>
    list.map((d) => ({ name: d.name, dtype: d.dtype, shape: Array.from(d.shape) }));
  const inputs = details(model.getInputDetails());
  const outputs = details(model.getOutputDetails());
  let deleted = false;
  return {
    inputs,
    outputs,
    async run(input, shape) {
      if (deleted) throw new Error('El modelo ya se liberó.');
      const tensor = new lib.Tensor(input, [...shape]);
      let results: LiteRtModule.Tensor[] = [];
      try {
        results = await model.run(tensor);
        const first = results[0];
        if (!first) throw new Error('El modelo no devolvió ninguna salida.');
        return Float32Array.from(first.toTypedArray() as Float32Array);
      } finally {
        tensor.delete();
        for (const r of results) r.delete();
      }
    },
    delete() {
      if (!deleted) model.delete();
      deleted = true;
    },
  };
}

/** One-shot: compile, run once, free. For many runs use compileTflite. */
export async function runTflite(bytes: Uint8Array, input: Float32Array, shape: readonly number[]): Promise<Float32Array> {
  const m = await compileTflite(bytes);
  try {
    return await m.run(input, shape);
  } finally {
    m.delete();
  }
}
