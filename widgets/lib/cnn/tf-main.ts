/**
 * tfjs for widgets that run a model on the page's main thread (inference only: a few ms per
 * image). tfjs and its wasm backend are loaded with import() on the first call, so a page that
 * merely imports this module downloads no tfjs; every widget on the page shares one instance.
 * Backend: lib/cnn/backend.ts (hardware WebGL, else wasm from our own origin, else CPU).
 */
import type * as TF from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend, type BackendName } from './backend';

export interface TfRuntime {
  tf: typeof TF;
  backend: BackendName;
}

let loading: Promise<TfRuntime> | null = null;

/** The shared tfjs instance with its backend ready; a failed load is forgotten so a retry can work. */
export function loadTf(): Promise<TfRuntime> {
  if (!loading) {
    const p = (async () => {
      const tf = await import('@tensorflow/tfjs');
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
      const backend = await chooseBackend(tf, ['webgl', 'wasm', 'cpu'], {
        setWasmPaths,
        paths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
      });
      return { tf, backend };
    })();
    loading = p;
    p.catch(() => {
      if (loading === p) loading = null;
    });
  }
  return loading;
}
