import { describe, expect, it } from 'vitest';
import {
  AUGMENT_SEED_OFFSET, Curves, archOf, checkFromWorker, checkToWorker, configOf, confusionCells, describeConfusion, describeCurves, intText, pct,
  featureClips, recordingCounts, secondsPerEpoch, setRows, textOn, trainExamples, type SetInfo,
} from '../../widgets/kws-trainer/core';
import { DEFAULT_KWS_ARCH } from '../../widgets/lib/kws/model';

const start = () => ({
  type: 'start', run: 3,
  request: { feature: 'mfcc', arch: { conv1: 8, conv2: 16, dropout: 0.25 }, config: { epochs: 2, batchSize: 32, learningRate: 0.003, seed: 1 }, copies: 2, augmentSeed: 17 },
  extra: [{ label: 'sí', samples: new Float32Array(16000) }],
});

const info: SetInfo = {
  classes: ['sí', 'no', 'silencio', 'desconocido'],
  counts: { train: [48, 48, 48, 48], val: [8, 8, 8, 8], test: [16, 16, 16, 16] },
  voices: { train: 24, val: 4, test: 8 },
};

describe('state → training request', () => {
  it('the defaults give the default model recipe (scripts/train-kws-model.mjs)', () => {
    const s = { conv1: 8, conv2: 16, epochs: 40, lr: '0.003' as const, seed: 1 };
    expect(archOf(s)).toEqual({ ...DEFAULT_KWS_ARCH });
    expect(configOf(s)).toEqual({ epochs: 40, batchSize: 32, learningRate: 0.003, seed: 1 });
    expect(1 + AUGMENT_SEED_OFFSET).toBe(17);
  });
});

describe('protocol validation', () => {
  it('accepts well-formed messages to the worker', () => {
    expect(checkToWorker({ type: 'init', baseUrl: '/data/keywords/' })).toEqual({ type: 'init', baseUrl: '/data/keywords/' });
    expect(typeof checkToWorker(start())).toBe('object');
    expect(typeof checkToWorker({ type: 'cancel', run: 0 })).toBe('object');
  });

  it('rejects malformed messages to the worker with a reason', () => {
    expect(checkToWorker(null)).toBe('not an object');
    expect(checkToWorker({ type: 'nope' })).toMatch(/unknown type/);
    expect(checkToWorker({ type: 'init' })).toMatch(/baseUrl/);
    expect(checkToWorker({ type: 'cancel', run: -1 })).toMatch(/run/);
    const bad = (patch: (m: ReturnType<typeof start>) => void): unknown => {
      const m = start();
      patch(m);
      return checkToWorker(m);
    };
    expect(bad((m) => { (m.request as { feature: string }).feature = 'wav'; })).toMatch(/feature/);
    expect(bad((m) => { m.request.arch.conv1 = 0; })).toMatch(/arch/);
    expect(bad((m) => { m.request.arch.dropout = 1; })).toMatch(/arch/);
    expect(bad((m) => { m.request.config.epochs = 0; })).toMatch(/config/);
    expect(bad((m) => { m.request.config.learningRate = Number.NaN; })).toMatch(/config/);
    expect(bad((m) => { m.request.copies = 2.5; })).toMatch(/augmentation/);
    expect(bad((m) => { (m.extra[0] as { samples: unknown }).samples = [0, 1]; })).toMatch(/extra/);
  });

  it('checks messages from the worker, including the shape of the matrix', () => {
    expect(typeof checkFromWorker({ type: 'ready', backend: 'wasm', set: info })).toBe('object');
    expect(checkFromWorker({ type: 'ready', backend: 'wasm', set: { ...info, counts: { ...info.counts, test: [1, 2] } } })).toMatch(/counts/);
    expect(typeof checkFromWorker({ type: 'epoch', run: 1, epoch: 1, ms: 900, trainLoss: 1.2, trainAcc: 0.4, valLoss: 1.1, valAcc: 0.5 })).toBe('object');
    expect(checkFromWorker({ type: 'epoch', run: 1, epoch: 0, ms: 900, trainLoss: 1, trainAcc: 0, valLoss: 1, valAcc: 0 })).toMatch(/epoch/);
    expect(checkFromWorker({ type: 'epoch', run: 1, epoch: 1, ms: 900, trainLoss: Number.NaN, trainAcc: 0, valLoss: 1, valAcc: 0 })).toMatch(/epoch/);
    expect(checkFromWorker({ type: 'epoch', run: 1, epoch: 1, trainLoss: 1, trainAcc: 0, valLoss: 1, valAcc: 0 })).toMatch(/epoch/);
    const report = { train: 576, val: 32, test: 64, augmented: 384, extraUsed: 0, extraSkipped: 0, frames: 49, bins: 13, ms: 1234.5 };
    expect(typeof checkFromWorker({ type: 'dataset', run: 1, report })).toBe('object');
    expect(checkFromWorker({ type: 'dataset', run: 1, report: { ...report, ms: -1 } })).toMatch(/counts/);
    const done = {
      type: 'done', run: 1, meta: { classes: info.classes }, summary: {}, modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(8),
      test: { accuracy: 0.5, loss: 1, n: 4, matrix: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] },
    };
    expect(typeof checkFromWorker(done)).toBe('object');
    expect(checkFromWorker({ ...done, test: { ...done.test, matrix: [[1, 0], [0, 1]] } })).toMatch(/matrix/);
    expect(checkFromWorker({ ...done, weightData: new Float32Array(2) })).toMatch(/model/);
    expect(typeof checkFromWorker({ type: 'cancelled', run: 2 })).toBe('object');
    expect(checkFromWorker({ type: 'cancelled' })).toMatch(/run/);
    expect(typeof checkFromWorker({ type: 'error', during: 'start', run: 1, message: 'algo' })).toBe('object');
    expect(checkFromWorker({ type: 'dataset', run: 1, report: { train: 1 } })).toMatch(/counts/);
  });
});

describe('curve bookkeeping', () => {
  const row = (epoch: number, valAcc: number) => ({ epoch, trainLoss: 1 / epoch, trainAcc: 0.5, valLoss: 2 / epoch, valAcc });

  it('keeps epochs in order, replaces a repeated one and finds the best validation epoch', () => {
    const c = new Curves();
    expect(describeCurves(c)).toBe('Aún no hay curvas: pulsa «Entrenar».');
    c.add(row(2, 0.6));
    c.add(row(1, 0.4));
    c.add(row(3, 0.6));
    c.add(row(2, 0.7));
    expect(c.rows.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(c.rows[1]!.valAcc).toBe(0.7);
    expect(c.last!.epoch).toBe(3);
    expect(c.best()!.epoch).toBe(2);
    const acc = c.points('acc');
    expect(acc).toHaveLength(6);
    expect(acc[0]).toEqual({ epoch: 1, value: 50, series: 'entrenamiento' });
    expect(acc[1]).toEqual({ epoch: 1, value: 40, series: 'validación' });
    expect(c.points('loss')[3]).toEqual({ epoch: 2, value: 1, series: 'validación' });
    expect(describeCurves(c)).toContain('la mejor de validación, 70 %, en la época 2');
    c.clear();
    expect(c.rows).toEqual([]);
  });
});

describe('confusion formatting', () => {
  const m = [[12, 2, 0, 2], [1, 15, 0, 0], [0, 0, 16, 0], [0, 3, 0, 13]];

  it('gives counts and row percentages that add up to 100 % per row', () => {
    const cells = confusionCells(m);
    expect(cells).toHaveLength(4);
    expect(cells[0]!.map((c) => c.count)).toEqual([12, 2, 0, 2]);
    expect(cells[0]![0]!.share).toBe(0.75);
    expect(cells[0]![0]!.text).toBe('12 (75 %)');
    expect(cells[1]![0]!.text).toBe('1 (6 %)');
    for (const row of cells) expect(row.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 12);
    expect(confusionCells([[0, 0], [1, 1]])[0]![0]!.share).toBe(0);
  });

  it('describes hits and the worst mix-ups in Spanish', () => {
    const text = describeConfusion(m, ['sí', 'no', 'silencio', 'desconocido']);
    expect(text).toBe('Matriz de confusión sobre 64 clips de voces de prueba: acertó 56 (87,5 %). Las confusiones más frecuentes: ' +
      '«desconocido» tomado por «no» (3 veces); «sí» tomado por «no» (2 veces); «sí» tomado por «desconocido» (2 veces).');
    expect(describeConfusion([[2, 0], [0, 2]], ['a', 'b'])).toContain('No confundió ninguna clase.');
  });

  it('numbers in Spanish and readable text colours', () => {
    expect(pct(62 / 64)).toBe('96,9 %');
    expect(intText(9098)).toBe('9\u202f098');
    expect(intText(512)).toBe('512');
    expect(textOn(255, 255, 255)).toBe('#000000');
    expect(textOn(15, 118, 110)).toBe('#ffffff');
  });
});

describe('data-set summary', () => {
  it('counts recordings per class and totals every split', () => {
    const rec = recordingCounts(['sí', 'no', 'sí', 'hola'], info.classes);
    expect(rec).toEqual({ perClass: [2, 1, 0, 0], other: 1 });
    const rows = setRows(info, rec.perClass);
    expect(rows).toHaveLength(5);
    expect(rows[4]).toEqual({ label: 'Total', train: 192, val: 32, test: 64, mine: 3 });
    expect(trainExamples(192, 3, 2)).toBe(585);
    expect(trainExamples(192, 0, 0)).toBe(192);
    expect(featureClips(info, 0, 2)).toBe(576 + 32 + 64);
    expect(secondsPerEpoch([1000, 2000])).toBe(1.5);
    expect(secondsPerEpoch([])).toBeNaN();
  });
});
