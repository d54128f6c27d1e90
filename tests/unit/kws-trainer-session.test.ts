/**
 * widgets/kws-trainer/session.ts, the keyword trainer's Worker state, on tfjs's CPU backend with
 * a small slice of the shipped keyword set (2 clips per class and split) and a tiny network:
 * the message sequence of a run, that the weights sent back rebuild the model, that a cancel
 * between batches ends with «cancelled» and no «done», that both free every tensor, and that a
 * broken set or a malformed message is handled.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseKeywordSet, type KeywordSet } from '../../widgets/lib/kws-data/keyword-set';
import { checkFromWorker, type FromWorker, type TrainRequest } from '../../widgets/kws-trainer/core';
import { KwsSession, type SessionEnv } from '../../widgets/kws-trainer/session';

const full = parseKeywordSet(
  JSON.parse(readFileSync('public/data/keywords/manifest.json', 'utf8')),
  new Uint8Array(readFileSync('public/data/keywords/clips.bin')),
);
if (!full.ok) throw new Error(full.message);
const seen = new Map<string, number>();
const small: KeywordSet = {
  ...full.value,
  clips: full.value.clips.filter((c) => {
    const k = `${c.split}/${c.label}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    return seen.get(k)! <= 2;
  }),
};

const request: TrainRequest = {
  feature: 'mfcc', arch: { conv1: 2, conv2: 2, dropout: 0.25 }, config: { epochs: 2, batchSize: 4, learningRate: 0.01, seed: 3 }, copies: 0, augmentSeed: 19,
};

function env(over: Partial<SessionEnv> = {}): { env: SessionEnv; got: FromWorker[] } {
  const got: FromWorker[] = [];
  let t = 0;
  return {
    env: {
      tf, prepareBackend: async () => 'cpu', loadSet: async () => ({ ok: true, value: small }),
      post: (m) => {
        const checked = checkFromWorker(m);
        if (typeof checked === 'string') throw new Error(`invalid message: ${checked}`);
        got.push(m);
      },
      yieldNow: async () => undefined, now: () => (t += 5), ...over,
    },
    got,
  };
}

describe('KwsSession', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('init: counts per class and split, voices per split', async () => {
    const { env: e, got } = env();
    await new KwsSession(e).handle({ type: 'init', baseUrl: '/data/keywords/' });
    expect(got).toHaveLength(1);
    const m = got[0]!;
    if (m.type !== 'ready') throw new Error(m.type);
    expect(m.backend).toBe('cpu');
    expect(m.set.classes).toEqual(['sí', 'no', 'silencio', 'desconocido']);
    expect(m.set.counts).toEqual({ train: [2, 2, 2, 2], val: [2, 2, 2, 2], test: [2, 2, 2, 2] });
    expect(m.set.voices).toEqual({ train: 24, val: 4, test: 8 });
  });

  it('a run: dataset, progress per batch, one epoch report per epoch, then done with weights that rebuild the model', async () => {
    const { env: e, got } = env();
    const s = new KwsSession(e);
    await s.handle({ type: 'init', baseUrl: '/' });
    const before = tf.memory().numTensors;
    await s.handle({ type: 'start', run: 1, request, extra: [{ label: 'sí', samples: new Float32Array(16000) }, { label: 'hola', samples: new Float32Array(16000) }] });
    const run = got.slice(1);
    const types = run.map((m) => m.type);
    expect(types[0]).toBe('dataset');
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'progress')).toHaveLength(2 * Math.ceil(9 / 4)); // 8 clips + 1 recording, batches of 4
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    const ds = run[0]!;
    if (ds.type !== 'dataset') throw new Error(ds.type);
    expect(ds.report).toMatchObject({ train: 9, val: 8, test: 8, augmented: 0, extraUsed: 1, extraSkipped: 1, frames: 49, bins: 13 });
    const epochs = run.filter((m) => m.type === 'epoch');
    expect(epochs.map((m) => m.epoch)).toEqual([1, 2]);
    const done = run.at(-1)!;
    if (done.type !== 'done') throw new Error(done.type);
    expect(done.test.n).toBe(8);
    expect(done.test.matrix.flat().reduce((a, b) => a + b, 0)).toBe(8);
    expect(done.meta.source).toBe('propio');
    expect(done.meta.test).toEqual({ accuracy: done.test.accuracy, n: 8 });
    expect(done.meta.training?.recordings).toBe(1);
    expect(done.weightData.byteLength).toBe(4 * done.summary.totalParams);
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: done.modelTopology, weightSpecs: done.weightSpecs as unknown as tf.io.WeightsManifestEntry[], weightData: done.weightData,
    }));
    expect(model.countParams()).toBe(done.summary.totalParams);
    expect(model.inputs[0]!.shape).toEqual([null, 49, 13, 1]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a cancel read between batches ends the run with «cancelled», never «done», and frees the trainer', async () => {
    let yields = 0;
    let s: KwsSession | null = null;
    const { env: e, got } = env({
      yieldNow: async () => {
        if (++yields === 4) await s!.handle({ type: 'cancel', run: 5 });
      },
    });
    s = new KwsSession(e);
    await s.handle({ type: 'init', baseUrl: '/' });
    const before = tf.memory().numTensors;
    await s.handle({ type: 'start', run: 5, request: { ...request, config: { ...request.config, epochs: 50 } }, extra: [] });
    const types = got.slice(1).map((m) => m.type);
    expect(types.at(-1)).toBe('cancelled');
    expect(types).not.toContain('done');
    expect(types.filter((t) => t === 'progress').length).toBeLessThan(5);
    expect(tf.memory().numTensors).toBe(before);
    // A cancel for another run changes nothing; the next run trains to the end.
    got.length = 0;
    await s.handle({ type: 'cancel', run: 99 });
    await s.handle({ type: 'start', run: 6, request, extra: [] });
    expect(got.at(-1)!.type).toBe('done');
  });

  it('a broken set gives one Spanish error during init; a malformed message is ignored', async () => {
    const { env: e, got } = env({ loadSet: async () => ({ ok: false, message: 'El conjunto de palabras clave no se pudo cargar: no pude descargar clips.bin.' }) });
    const s = new KwsSession(e);
    await s.handle({ type: 'init', baseUrl: '/' });
    expect(got).toEqual([{ type: 'error', during: 'init', run: 0, message: 'El conjunto de palabras clave no se pudo cargar: no pude descargar clips.bin.' }]);
    await s.handle({ type: 'start', run: 1, request, extra: [] });
    expect(got.at(-1)).toEqual({ type: 'error', during: 'start', run: 1, message: 'El conjunto de palabras clave aún no está listo.' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await s.handle({ type: 'start', run: 1 });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    expect(got).toHaveLength(2);
  });
});
