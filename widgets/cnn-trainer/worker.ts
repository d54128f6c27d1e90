/**
 * The lesson-10 trainer's Worker: picks the tfjs backend, loads the MNIST file, then only routes
 * the view's messages (lib/cnn/protocol.ts) to one CnnSession (lib/cnn/session.ts), which holds
 * every piece of training state. The page's main thread never runs tfjs for training.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { chooseBackend, enableFastTraining, type BackendName } from '../lib/cnn/backend';
import type { FromWorker, ToWorker } from '../lib/cnn/protocol';
import { CnnSession, exportStoredModel } from '../lib/cnn/session';

const ctx = self as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const post = (m: FromWorker, transfer: Transferable[] = []): void => ctx.postMessage(m, transfer);

/** A MessageChannel round trip: lets the messages queued meanwhile (pause, reset) run. */
const yieldNow = (): Promise<void> => new Promise((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(null);
});

let backend: BackendName | null = null;
let session: CnnSession | null = null;

async function init(): Promise<void> {
  backend = await chooseBackend(tf, ['webgl', 'wasm', 'cpu'], {
    setWasmPaths,
    paths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
  });
  enableFastTraining(tf, backend);
  const data = await getMnist();
  session = new CnnSession({ tf, data, post, now: () => performance.now(), yieldNow });
  post({ type: 'ready', backend, numTensors: tf.memory().numTensors, trainCount: session.fitCount, valCount: session.validationCount, testCount: data.test.count });
}

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'init') return init();
  const s = session;
  if (!s) {
    // Before the data is ready there is nothing to train, save or reset; say so where it matters.
    if (m.type === 'reset') return post({ type: 'reset-done', numTensors: tf.memory().numTensors });
    if (m.type === 'memory') return post({ type: 'memory', numTensors: tf.memory().numTensors });
    if (m.type === 'export') return exportStoredModel(tf, post);
    throw new Error('Los datos aún no están listos.');
  }
  switch (m.type) {
    case 'start':
      return s.start(m.arch, m.config, m.run);
    case 'pause':
      return s.pause();
    case 'reset':
      return s.reset();
    case 'save':
      return s.save();
    case 'export':
      return s.exportStored();
    case 'import':
      return s.importModel(() => tf.loadLayersModel(tf.io.browserFiles(m.files)));
    case 'memory':
      return s.memory();
  }
}

ctx.onmessage = (e) => {
  const m = e.data;
  handle(m).catch((error: unknown) => {
    const message = m.type === 'init' && !backend ? `No se pudo preparar TensorFlow.js: ${error instanceof Error ? error.message : String(error)}`
      : m.type === 'init' ? mnistErrorText(error)
        : error instanceof Error ? error.message : String(error);
    post({ type: 'error', during: m.type, message });
  });
};
