/**
 * lib/cnn/session.ts, the lesson-10 trainer's state in one object (issue 10, item 9): on tfjs's
 * CPU backend with 64 synthetic digits, a manual clock (1 ms per reading: every slice is a few
 * steps) and an injected yield. Checks the message sequence a run produces, that a pause between
 * slices stops the loop and reports «paused» without saving, that a failed save is said, that a
 * second start with the same settings continues the same model, and that reset releases every
 * tensor it made. Validation (issue 15): the last eighth of the training digits (8 of 64) is held
 * out; the per-epoch report and a pause measure it, and only a finished run measures the test set.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData, MnistSplit } from '../../widgets/lib/data/mnist';
import type { FromWorker } from '../../widgets/lib/cnn/protocol';
import { CnnSession, type SessionEnv } from '../../widgets/lib/cnn/session';
import type { CnnArch, TrainConfig } from '../../widgets/lib/cnn/spec';

const split = (count: number, seed: number): MnistSplit => {
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  let s = seed;
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    // A bright square whose position encodes the label, plus a little seeded noise.
    for (let p = 0; p < 784; p++) {
      s = (s * 1103515245 + 12345) >>> 0;
      const r = Math.floor(p / 28), c = p % 28;
      const on = r >= 2 + 2 * labels[i]! && r < 6 + 2 * labels[i]! && c >= 8 && c < 20;
      images[i * 784 + p] = on ? 255 : s % 20;
    }
  }
  return { images, labels, count };
};
const data: MnistData = { train: split(64, 1), test: split(20, 2), rows: 28, cols: 28, seed: 0 };
const arch: CnnArch = { conv1: 2, conv2: 2, hidden: 0 };
// 56 = the 64 training digits minus the 8 held out for validation.
const config: TrainConfig = { epochs: 1, batchSize: 16, learningRate: 0.01, optimizer: 'adam', trainSize: 56, seed: 3 };

function env(over: Partial<SessionEnv> = {}): { env: SessionEnv; got: FromWorker[]; saves: number[] } {
  const got: FromWorker[] = [];
  const saves: number[] = [];
  let t = 0;
  const store = tf.io.withSaveHandler(async () => {
    saves.push(got.length);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  return { env: { tf, data, post: (m) => got.push(m), now: () => t++, yieldNow: async () => undefined, sliceMs: 3, storeUrl: store, ...over }, got, saves };
}

describe('CnnSession', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('a run: progress slices, one epoch report, then «done», saved once', async () => {
    const { env: e, got, saves } = env();
    const s = new CnnSession(e);
    await s.start(arch, config, 7);
    const types = got.map((m) => m.type);
    expect(types.filter((x) => x === 'progress').length).toBeGreaterThan(1);
    expect(types.filter((x) => x === 'epoch')).toHaveLength(1);
    expect(types.at(-1)).toBe('stopped');
    const last = got.at(-1) as Extract<FromWorker, { type: 'stopped' }>;
    expect(last).toMatchObject({ run: 7, reason: 'done', saved: true, saveError: null });
    // The end of the run, and only it, is measured on the 20 test digits.
    expect(last.evaluation).toMatchObject({ set: 'prueba', count: 20 });
    expect(saves).toHaveLength(1);
    // 56 examples in batches of 16: the last progress says 4 batches per epoch and 56 samples.
    const p = got.filter((m) => m.type === 'progress').at(-1) as Extract<FromWorker, { type: 'progress' }>;
    expect([p.batchesPerEpoch, p.samples]).toEqual([4, 56]);
    expect([s.fitCount, s.validationCount]).toEqual([56, 8]);
    expect(s.running).toBe(false);
    s.reset();
  });

  it('a pause between slices stops the loop and reports «paused» without saving', async () => {
    let s!: CnnSession;
    let yields = 0;
    const { env: e, got, saves } = env({ sliceMs: 1, yieldNow: async () => { if (++yields === 1) await s.pause(); } });
    s = new CnnSession(e);
    await s.start(arch, { ...config, epochs: 3 }, 1);
    const stopped = got.filter((m) => m.type === 'stopped') as Array<Extract<FromWorker, { type: 'stopped' }>>;
    expect(stopped.map((m) => m.reason)).toEqual(['paused']);
    expect(stopped[0]!.saved).toBe(false);
    // A pause is measured on the 8 validation digits, never on the test digits.
    expect(stopped[0]!.evaluation).toMatchObject({ set: 'validacion', count: 8 });
    expect(stopped[0]!.evaluation.matrix.flat().reduce((a, b) => a + b, 0)).toBe(8);
    expect(saves).toHaveLength(0);
    expect(got.filter((m) => m.type === 'progress')).toHaveLength(1);
    s.reset();
  });

  it('a failed save is said, and the run still reports its evaluation', async () => {
    const failing = tf.io.withSaveHandler(async () => { throw new Error('cuota agotada'); });
    const { env: e, got } = env({ storeUrl: failing });
    const s = new CnnSession(e);
    await s.start(arch, config, 2);
    const last = got.at(-1) as Extract<FromWorker, { type: 'stopped' }>;
    expect(last.saved).toBe(false);
    expect(last.saveError).toBe('No se pudo guardar «tu modelo» en este navegador (cuota agotada). El entrenamiento no se pierde: puedes descargarlo o volver a intentarlo.');
    expect(last.evaluation.matrix).toHaveLength(10);
    s.reset();
  });

  it('the same settings continue the same model; reset releases its tensors', async () => {
    const before = tf.memory().numTensors;
    const { env: e, got } = env();
    const s = new CnnSession(e);
    await s.start(arch, config, 1);
    await s.start(arch, { ...config, epochs: 2 }, 2);
    const progress = got.filter((m) => m.type === 'progress') as Array<Extract<FromWorker, { type: 'progress' }>>;
    expect(progress.at(-1)!.samples).toBe(112);
    expect(got.filter((m) => m.type === 'epoch').map((m) => (m as { epoch: number }).epoch)).toEqual([1, 2]);
    s.reset();
    const done = got.at(-1) as Extract<FromWorker, { type: 'reset-done' }>;
    expect(done.type).toBe('reset-done');
    expect(done.numTensors).toBe(before);
  });
});
