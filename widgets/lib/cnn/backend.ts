/**
 * Choosing and preparing the tfjs backend for the lesson-10 widgets (the tf module is passed in).
 *
 * Order: WebGL when the browser gives a hardware-accelerated context, else wasm (XNNPACK, SIMD
 * when available), else the plain-JavaScript CPU backend. A software WebGL renderer (SwiftShader,
 * llvmpipe: what headless browsers and machines without a GPU get) is skipped: it is slower than
 * wasm. The wasm binaries are files of our own site (the caller passes their URLs), never a CDN.
 *
 * Training on wasm or CPU needs enableFastTraining(): wasm lacks the Conv2DBackpropFilter kernel
 * and both run tfjs's conv and pool gradients slowly (see backprop-filter.ts and fast-grads.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import { registerFastBackpropFilter, type TfKernelApi } from './backprop-filter';
import { installFastGradients } from './fast-grads';

type Tf = typeof TF;

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export const BACKEND_LABEL: Record<BackendName, string> = {
  webgl: 'WebGL (tarjeta gráfica)',
  wasm: 'WebAssembly (procesador)',
  cpu: 'JavaScript (procesador, el más lento)',
};

/** True for renderer strings of software WebGL implementations. */
export const isSoftwareRenderer = (renderer: string): boolean => /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);

/**
 * Whether this context (window or worker) offers hardware WebGL 2 or 1. Creates a throwaway
 * context on an OffscreenCanvas (or a canvas element) and releases it.
 */
export function hasHardwareWebgl(): boolean {
  try {
    const canvas: OffscreenCanvas | HTMLCanvasElement | null = typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined' ? document.createElement('canvas') : null;
    if (!canvas) return false;
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null;
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !isSoftwareRenderer(renderer);
  } catch {
    return false;
  }
}

export interface WasmSetup {
  /** setWasmPaths of @tensorflow/tfjs-backend-wasm (importing that module registers the backend). */
  setWasmPaths: (paths: Record<string, string>) => void;
  /** Same-origin URLs of the three binaries, keyed by their file names. */
  paths: Record<string, string>;
}

/**
 * Activates the first backend of `order` that works here and returns its name. WebGL is tried
 * only when hasHardwareWebgl() says so (tests may pass another probe).
 */
export async function chooseBackend(tf: Tf, order: readonly BackendName[], wasm: WasmSetup | null, webglProbe = hasHardwareWebgl): Promise<BackendName> {
  // Why each backend was passed over, said in the error when none works (never dropped).
  const reasons: string[] = [];
  for (const name of order) {
    if (name === 'webgl' && !webglProbe()) {
      reasons.push('WebGL: sin aceleración por hardware');
      continue;
    }
    if (name === 'wasm') {
      if (!wasm) {
        reasons.push('WebAssembly: no se indicaron sus archivos');
        continue;
      }
      wasm.setWasmPaths(wasm.paths);
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
      reasons.push(`${BACKEND_SHORT[name]}: no se pudo iniciar`);
    } catch (e) {
      reasons.push(`${BACKEND_SHORT[name]}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`Ningún motor de cálculo de TensorFlow.js funciona en este navegador (${reasons.join('; ')}).`);
}

const BACKEND_SHORT: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'JavaScript' };

/** Installs the fast Conv2D/MaxPool gradients and, for wasm and CPU, the filter-gradient kernel. */
export function enableFastTraining(tf: Tf, backend: BackendName): void {
  if (backend !== 'webgl') registerFastBackpropFilter(tf as unknown as TfKernelApi, backend);
  // The gradient rewrite helps wasm and CPU; WebGL's own conv-gradient shaders are already fast.
  if (backend !== 'webgl') installFastGradients(tf);
}
