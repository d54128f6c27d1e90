/**
 * Browser-side checks for the converter and LiteRT.js, used only by the test page
 * src/pages/pruebas/litert.astro (Playwright and the benchmark call these through page.evaluate).
 * Data: the shipped default CNN and public/data/mnist-10k.bin; calibration on the first 200
 * training digits; comparisons on the first `n` test digits (pixels / 255, shape [1, 28, 28, 1]).
 */
import { argmax } from '../conv/ops';
import { convertAll, convertInt8, kerasFromArtifacts, type ConvertedSet } from '../convert';
import { imageFloat, loadMnist, type MnistData } from '../data/mnist';
import { runModel } from '../int8ref/run';
import { compileTflite, probeWebGpu, runtimeLog, runTflite, type CompiledTflite } from './runtime';

const MODEL_URL = '/models/default-cnn/model.json';
const SHAPE = [1, 28, 28, 1];
const CALIBRATION = 200;

let state: Promise<{ set: ConvertedSet; data: MnistData; modelJson: unknown; weights: ArrayBuffer }> | null = null;

function prepare() {
  state ??= (async () => {
    const modelJson = (await (await fetch(MODEL_URL)).json()) as { weightsManifest: { paths: string[] }[] };
    const paths = modelJson.weightsManifest.flatMap((g) => g.paths);
    const parts = await Promise.all(paths.map(async (p) => new Uint8Array(await (await fetch(new URL(p, new URL(MODEL_URL, location.href)))).arrayBuffer())));
    const weights = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      weights.set(p, o);
      o += p.length;
    }
    const data = await loadMnist('/data/mnist-10k.bin');
    const km = kerasFromArtifacts(modelJson, weights);
    const samples = Array.from({ length: CALIBRATION }, (_, i) => imageFloat(data.train, i));
    return { set: convertAll(km, samples), data, modelJson, weights: weights.buffer };
  })();
  return state;
}

async function withModel<T>(bytes: Uint8Array, f: (m: CompiledTflite) => Promise<T>): Promise<T> {
  const m = await compileTflite(bytes);
  try {
    return await f(m);
  } finally {
    m.delete();
  }
}

export const harness = {
  async sizes() {
    const { set } = await prepare();
    return { fp32: set.fp32.bytes.length, int8: set.int8.bytes.length, int8io: set.int8io.bytes.length };
  },

  /** Runs the fp32 model once; returns its class for test digit 0 and how many runtime log lines were kept. */
  async smoke() {
    const { set, data } = await prepare();
    const out = await runTflite(set.fp32.bytes, imageFloat(data.test, 0), SHAPE);
    return { predicted: argmax(out), label: data.test.labels[0]!, logLines: runtimeLog().length };
  },

  async webgpu() {
    return probeWebGpu();
  },

  /** Max |LiteRT fp32 − tfjs| over n test digits (tfjs on its CPU backend). */
  async fp32VsTfjs(n: number) {
    const { set, data, modelJson, weights } = await prepare();
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const mj = modelJson as { modelTopology: object; weightsManifest: { weights: unknown[] }[] };
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest.flatMap((g) => g.weights) as never, weightData: weights }),
    );
    let maxDiff = 0;
    await withModel(set.fp32.bytes, async (m) => {
      for (let i = 0; i < n; i++) {
        const x = imageFloat(data.test, i);
        const ours = await m.run(x, SHAPE);
        const ref = tf.tidy(() => (model.predict(tf.tensor4d(x, [1, 28, 28, 1])) as import('@tensorflow/tfjs').Tensor).dataSync());
        for (let k = 0; k < ref.length; k++) maxDiff = Math.max(maxDiff, Math.abs(ours[k]! - ref[k]!));
      }
    });
    model.dispose();
    return { maxDiff, n };
  },

  /** LiteRT int8 vs the TS int8 reference, in output steps (1/256), over n test digits. */
  async int8VsReference(n: number) {
    const { set, data } = await prepare();
    const scale = 1 / 256;
    let maxSteps = 0;
    let argmaxAgree = 0;
    const hist: Record<string, number> = {};
    await withModel(set.int8.bytes, async (m) => {
      for (let i = 0; i < n; i++) {
        const x = imageFloat(data.test, i);
        const rt = await m.run(x, SHAPE);
        const ref = runModel(set.int8.model, x).output;
        for (let k = 0; k < ref.length; k++) {
          const steps = Math.round(Math.abs(rt[k]! - ref[k]!) / scale);
          hist[steps] = (hist[steps] ?? 0) + 1;
          maxSteps = Math.max(maxSteps, steps);
        }
        if (argmax(rt) === argmax(ref)) argmaxAgree++;
      }
    });
    return { maxSteps, argmaxAgree, n, hist };
  },

  /**
   * Layer by layer: the int8 graph cut after each operator (then DEQUANTIZE) run in LiteRT and in
   * the TS reference; the largest difference in steps of that layer's own scale, and in how many
   * of the n digits it was not zero.
   */
  async int8LayersVsReference(n: number) {
    const { set, data } = await prepare();
    const layers: { layer: string; maxSteps: number; digitsWithDiff: number }[] = [];
    for (let cut = 1; cut <= set.plan.steps.length; cut++) {
      const plan = { ...set.plan, steps: set.plan.steps.slice(0, cut) };
      const cal = { ...set.calibration, steps: set.calibration.steps.slice(0, cut) };
      const c = convertInt8(plan, cal);
      const layer = set.plan.steps[cut - 1]!.layer;
      const scale = c.model.subgraphs[0]!.tensors.find((t) => t.name === layer)!.quantization!.scale[0]!;
      let maxSteps = 0;
      let digitsWithDiff = 0;
      await withModel(c.bytes, async (m) => {
        for (let i = 0; i < n; i++) {
          const x = imageFloat(data.test, i);
          const rt = await m.run(x, SHAPE);
          const ref = runModel(c.model, x).output;
          let mx = 0;
          for (let k = 0; k < ref.length; k++) mx = Math.max(mx, Math.round(Math.abs(rt[k]! - ref[k]!) / scale));
          maxSteps = Math.max(maxSteps, mx);
          if (mx > 0) digitsWithDiff++;
        }
      });
      layers.push({ layer, maxSteps, digitsWithDiff });
    }
    return layers;
  },

  /** Accuracy of fp32 and int8 in LiteRT on the first n test digits (all when n is omitted). */
  async accuracy(n?: number) {
    const { set, data } = await prepare();
    const count = Math.min(n ?? data.test.count, data.test.count);
    const acc = async (bytes: Uint8Array) =>
      withModel(bytes, async (m) => {
        let ok = 0;
        for (let i = 0; i < count; i++) if (argmax(await m.run(imageFloat(data.test, i), SHAPE)) === data.test.labels[i]) ok++;
        return ok / count;
      });
    return { fp32: await acc(set.fp32.bytes), int8: await acc(set.int8.bytes), n: count };
  },

  /**
   * Latency of one inference (ms) of the fp32 and int8 models, same digit every time. Both are
   * compiled, then timed in alternating groups of `group` consecutive runs (performance.now() is
   * coarsened to 0.1 ms in browsers, too coarse for one run of this small model), so both see the
   * same machine load. Per model: the median and the minimum of the per-run mean of each group
   * (the minimum is the least disturbed by other processes).
   */
  async latency(runs: number, group = 25, warmup = 50) {
    const { set, data } = await prepare();
    const x = imageFloat(data.test, 0);
    const fp32 = await compileTflite(set.fp32.bytes);
    const int8 = await compileTflite(set.int8.bytes);
    try {
      const models = { fp32, int8 };
      const t: Record<'fp32' | 'int8', number[]> = { fp32: [], int8: [] };
      for (const m of [fp32, int8]) for (let i = 0; i < warmup; i++) await m.run(x, SHAPE);
      const groups = Math.max(1, Math.round(runs / group));
      for (let gi = 0; gi < groups; gi++)
        for (const k of gi % 2 ? (['int8', 'fp32'] as const) : (['fp32', 'int8'] as const)) {
          const t0 = performance.now();
          for (let i = 0; i < group; i++) await models[k].run(x, SHAPE);
          t[k].push((performance.now() - t0) / group);
        }
      const stats = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, runs: s.length * group };
      };
      return { fp32: stats(t.fp32), int8: stats(t.int8) };
    } finally {
      fp32.delete();
      int8.delete();
    }
  },

  /** The int8 model with int8 I/O must be refused with a Spanish message (the web runtime takes float32). */
  async int8ioRefused() {
    const { set } = await prepare();
    try {
      await withModel(set.int8io.bytes, async () => undefined);
      return 'aceptado';
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  },
};
