/**
 * Messages between the page (sandbox-client.ts), the sandboxed iframe (public/celda/sandbox.js,
 * which only relays) and the cell runtime Worker (celda-runtime.ts). Everything is structured-clone
 * data: the page never receives code or HTML from a cell, only these shapes, and renders them
 * with textContent / canvas / Observable Plot.
 */

/** One output block under a cell. */
export type OutputItem =
  | { kind: 'text'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; total: number }
  | { kind: 'tensor'; shape: number[]; dtype: string; text: string }
  /** width·height grey levels 0–255, row-major. */
  | { kind: 'image'; width: number; height: number; pixels: number[]; label?: string }
  | { kind: 'plot'; spec: PlotSpec }
  /** line: 1-based line in the student's code, or null when unknown. */
  | { kind: 'error'; name: string; message: string; line: number | null; missing?: string };

/** A serialized Observable Plot chart: each mark is a Plot function name, its data and plain options. */
export interface PlotSpec {
  marks: { type: string; data: unknown; options: Record<string, unknown> }[];
  options: Record<string, unknown>;
}

/** The data handed to the runtime at start (the sandbox has no network: the page loads it). */
export interface RuntimeData {
  /** MNIST digits (lib/data/mnist.ts layout), only when a cell of the page asks for them. */
  mnist?: { rows: number; cols: number; train: { images: Uint8Array; labels: Uint8Array; count: number }; test: { images: Uint8Array; labels: Uint8Array; count: number } };
}

/** A checker case sent into the sandbox: the function is called with `args` (no expected value inside). */
export interface CaseCall {
  fn: string;
  args: unknown[];
}

export type ToRuntime =
  | { type: 'init'; data: RuntimeData }
  /** script: the wrapped cell (scope.ts wrapScript); declared: names the cell defines at top level. */
  | { type: 'run'; runId: number; script: string; declared: string[] }
  /** Calls scope functions with each case's arguments after the cell ran; results come back in order. */
  | { type: 'check'; runId: number; calls: CaseCall[] }
  /** Accuracy of the scope's `model` on the first n MNIST test digits (lesson 10's exercise). */
  | { type: 'evaluate'; runId: number; name: string; n: number };

/** A checker call's result: the value returned (plain data) or the error thrown. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: string };

export type FromRuntime =
  | { type: 'ready'; numTensors: number; backend: string }
  | { type: 'output'; runId: number; item: OutputItem }
  | { type: 'done'; runId: number; ok: boolean; ms: number; numTensors: number; /** Live tensors when the run started. */ numTensorsBefore: number }
  | { type: 'checked'; runId: number; results: CallResult[] }
  | { type: 'evaluated'; runId: number; accuracy: number | null; error?: string };

/** Page → iframe host. */
export type ToHost =
  | { type: 'start'; runtimeUrl: string; data: RuntimeData }
  | { type: 'send'; message: ToRuntime }
  /** Terminates the Worker and starts a fresh one (stop button, time limit). */
  | { type: 'restart' };

/** iframe host → page. */
export type FromHost =
  | { type: 'host-ready' }
  | { type: 'from-runtime'; message: FromRuntime }
  | { type: 'restarted' }
  | { type: 'host-error'; message: string };
