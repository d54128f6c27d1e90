/**
 * The lesson-17 trainer's Worker: prepares tfjs (hardware WebGL, else wasm from our own origin,
 * else CPU, with the fast conv gradients for wasm/CPU) and hands every message to a KwsSession
 * (./session.ts), which holds the state. Protocol and its validators: ./core.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend, enableFastTraining } from '../lib/cnn/backend';
import { fetchKeywordSet } from '../lib/kws-data/keyword-set';
import type { FromWorker } from './core';
import { KwsSession } from './session';

const ctx = self as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
};

const session = new KwsSession({
  tf,
  prepareBackend: async () => {
    const backend = await chooseBackend(tf, ['webgl', 'wasm', 'cpu'], {
      setWasmPaths,
      paths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
    });
    enableFastTraining(tf, backend);
    return backend;
  },
  loadSet: (baseUrl) => fetchKeywordSet((u) => fetch(u), baseUrl),
  post: (m, transfer = []) => ctx.postMessage(m, transfer),
  yieldNow: () => new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  }),
  now: () => performance.now(),
});

ctx.onmessage = (e) => void session.handle(e.data);
