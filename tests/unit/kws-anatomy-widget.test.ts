// The kws-anatomy widget's pure core: stage order, costs equal lib/kws/anatomy.ts's for the same
// inputs, controls move the costs the right way, Spanish formatting, the ring of samples.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS, STAGES, SampleRing, WINDOW_FRAMES, anatomyCosts, argmax, budgetLine, budgetSegments, everyHops,
  formatBytes, formatOps, formatShare, howCounted, kwsLayerSpecs, recognizerCanDecide, toDb, type ModelShape,
} from '../../widgets/kws-anatomy/core';
import { NANO_33_BLE_SENSE, boardShares, modelCost, pipelineCost, pipelineDims } from '../../widgets/lib/kws/anatomy';
import { kwsSummary } from '../../widgets/lib/kws/model';

const MODEL: ModelShape = { arch: { conv1: 8, conv2: 16 }, classes: 4, feature: 'mfcc' };
const opsOf = (c: ReturnType<typeof anatomyCosts>, id: string): number => c.stages.find((s) => s.id === id)!.opsPerSecond;

describe('stages', () => {
  it('go micrófono → tramas → ventana+FFT → mel → log → DCT → ventana 1 s → modelo → reconocedor', () => {
    expect(STAGES.map((s) => s.id)).toEqual(['mic', 'frames', 'fft', 'mel', 'log', 'dct', 'window', 'model', 'recognize']);
    expect(STAGES.map((s) => s.title)).toEqual(['Micrófono', 'Tramas', 'Ventana + FFT', 'Banco mel', 'Logaritmo', 'DCT (MFCC)', 'Ventana de 1 s', 'Modelo', 'Reconocedor']);
    // The cost list comes in the same order as the boxes.
    expect(anatomyCosts(DEFAULT_SETTINGS, MODEL).stages.map((s) => s.id)).toEqual(STAGES.map((s) => s.id));
  });
});

describe('kwsLayerSpecs', () => {
  it('is the lesson-17 CNN: shapes chain, MACs and int8 bytes equal kwsSummary', () => {
    const specs = kwsLayerSpecs({ conv1: 8, conv2: 16 }, 49, 13, 4);
    expect(specs.map((l) => l.kind)).toEqual(['conv2d', 'pool', 'conv2d', 'pool', 'other', 'other', 'dense']);
    expect(specs[0]!.inShape).toEqual([49, 13, 1]);
    for (let i = 1; i < specs.length; i++) expect(specs[i]!.inShape).toEqual(specs[i - 1]!.outShape);
    const sum = kwsSummary({ conv1: 8, conv2: 16, dropout: 0.25 }, 49, 13, 4);
    const m = modelCost(specs);
    expect(m.macs).toBe(sum.totalMacs);
    expect(m.weightBytes).toBe(sum.totalBytesInt8);
    // By hand: conv1 47·11·8·9, conv2 21·3·16·9·8, dense 10·1·16·4.
    expect(m.macs).toBe(47 * 11 * 8 * 9 + 21 * 3 * 16 * 9 * 8 + 160 * 4);
    // Pool compares: 23·5·8·4 + 10·1·16·4.
    expect(m.ops).toBe(23 * 5 * 8 * 4 + 10 * 16 * 4);
    // Arena: the largest in + out pair is pool1's 4136 in + 920 out (conv1: 637 + 4136).
    expect(m.arenaBytes).toBe(47 * 11 * 8 + 23 * 5 * 8);
  });
});

describe('anatomyCosts', () => {
  it('equals lib/kws/anatomy.ts on the same inputs, and the board is the Nano 33 BLE Sense', () => {
    const c = anatomyCosts(DEFAULT_SETTINGS, MODEL);
    expect(WINDOW_FRAMES).toBe(49);
    const dims = pipelineDims({}, { frames: 49, bins: 13, classes: 4 }, 100);
    const model = modelCost(kwsLayerSpecs(MODEL.arch, 49, 13, 4));
    const stages = pipelineCost(dims, model);
    expect(c.dims).toEqual(dims);
    expect(c.stages).toEqual(stages);
    const shares = boardShares(stages, NANO_33_BLE_SENSE);
    expect(c.shares).toEqual(shares.stages);
    expect(c.total).toEqual(shares.total);
    expect(c.board).toBe(NANO_33_BLE_SENSE);
    expect(c.sums.opsPerSecond).toBe(stages.reduce((a, s) => a + s.opsPerSecond, 0));
    expect(c.sums.ramBytes).toBe(stages.reduce((a, s) => a + s.ramBytes, 0));
    expect(c.total.cpu).toBeCloseTo(c.sums.opsPerSecond / 64e6, 12);
    expect(c.total.ram).toBeCloseTo(c.sums.ramBytes / (256 * 1024), 12);
    expect(c.total.flash).toBeCloseTo(c.sums.flashBytes / (1024 * 1024), 12);
  });
  it('halving the interval doubles the model and the recognizer ops/s, and leaves the features alone', () => {
    const a = anatomyCosts({ ...DEFAULT_SETTINGS, everyMs: 200 }, MODEL);
    const b = anatomyCosts({ ...DEFAULT_SETTINGS, everyMs: 100 }, MODEL);
    expect(opsOf(b, 'model')).toBe(2 * opsOf(a, 'model'));
    expect(opsOf(b, 'recognize')).toBe(2 * opsOf(a, 'recognize'));
    for (const id of ['frames', 'fft', 'mel', 'log', 'dct']) expect(opsOf(b, id)).toBe(opsOf(a, id));
    expect(b.inferencesPerSecond).toBe(10);
  });
  it('a larger FFT costs more ops and RAM; more mel bands cost more mel, log and DCT; more MFCC, a bigger model', () => {
    const base = anatomyCosts(DEFAULT_SETTINGS, MODEL);
    const fft = anatomyCosts({ ...DEFAULT_SETTINGS, fftSize: 1024 }, MODEL);
    expect(opsOf(fft, 'fft')).toBe(50 * (4 * 512 * 10 + 2 * 513));
    expect(fft.stages.find((s) => s.id === 'fft')!.ramBytes).toBe(4 * 1024);
    const mel = anatomyCosts({ ...DEFAULT_SETTINGS, melBands: 80 }, MODEL);
    expect(opsOf(mel, 'log')).toBe(2 * opsOf(base, 'log'));
    expect(opsOf(mel, 'dct')).toBe(2 * opsOf(base, 'dct'));
    expect(opsOf(mel, 'mel')).toBeGreaterThanOrEqual(opsOf(base, 'mel'));
    const mfcc = anatomyCosts({ ...DEFAULT_SETTINGS, mfccCount: 20 }, MODEL);
    expect(opsOf(mfcc, 'dct')).toBe(50 * 20 * 40);
    expect(opsOf(mfcc, 'model')).toBeGreaterThan(opsOf(base, 'model'));
    expect(mfcc.stages.find((s) => s.id === 'window')!.ramBytes).toBe(49 * 20);
  });
  it('128 bands on a 512-point FFT leave a low band empty; the slider\'s 20…80 leave none', () => {
    expect(anatomyCosts(DEFAULT_SETTINGS, MODEL).emptyMelBands).toBe(0);
    expect(anatomyCosts({ ...DEFAULT_SETTINGS, melBands: 80 }, MODEL).emptyMelBands).toBe(0);
    expect(anatomyCosts({ ...DEFAULT_SETTINGS, melBands: 128 }, MODEL).emptyMelBands).toBe(1);
  });
  it('a log-mel model reads the mel bands (no DCT cost)', () => {
    const c = anatomyCosts(DEFAULT_SETTINGS, { ...MODEL, feature: 'logmel' });
    expect(c.dims.bins).toBe(40);
    expect(c.stages.find((s) => s.id === 'dct')).toEqual({ id: 'dct', opsPerSecond: 0, ramBytes: 0, flashBytes: 0 });
  });
  it('everyHops: ms between inferences in 20 ms hops', () => {
    expect(everyHops(20)).toBe(1);
    expect(everyHops(100)).toBe(5);
    expect(everyHops(1000)).toBe(50);
  });
});

describe('formatting and text', () => {
  it('ops, bytes and shares in Spanish', () => {
    expect(formatOps(0)).toBe('0 op/s');
    expect(formatOps(2000)).toBe('2 k op/s');
    expect(formatOps(486500)).toBe('487 k op/s');
    expect(formatOps(1_234_567)).toBe('1,23 M op/s');
    expect(formatBytes(960)).toBe('960 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(256 * 1024)).toBe('256 KB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatShare(0.027)).toBe('2,7 %');
    expect(formatShare(0.0004)).toBe('0,04 %');
    expect(formatShare(0)).toBe('0 %');
  });
  it('the budget lines carry the numbers of the totals', () => {
    const c = anatomyCosts(DEFAULT_SETTINGS, MODEL);
    expect(budgetLine('cpu', c)).toBe(`CPU: ${formatOps(c.sums.opsPerSecond)} de 64 M op/s (64 MHz) = ${formatShare(c.total.cpu)}`);
    expect(budgetLine('ram', c)).toBe(`RAM: ${formatBytes(c.sums.ramBytes)} de 256 KB = ${formatShare(c.total.ram)}`);
    expect(budgetLine('flash', c)).toBe(`Flash: ${formatBytes(c.sums.flashBytes)} de 1 MB = ${formatShare(c.total.flash)}`);
    for (const r of ['cpu', 'ram', 'flash'] as const) {
      const segs = budgetSegments(r, c);
      expect(segs.reduce((a, s) => a + s.ofUsed, 0)).toBeCloseTo(1, 12);
      expect(segs.reduce((a, s) => a + s.share, 0)).toBeCloseTo(c.total[r], 12);
    }
  });
  it('«cómo se cuenta» states the numbers the code uses', () => {
    const text = howCounted(anatomyCosts(DEFAULT_SETTINGS, MODEL)).join('\n');
    expect(text).toContain('2\u202f304 mariposas');
    expect(text).toContain('4 multiplicaciones-suma');
    expect(text).toContain('int8');
    expect(text).toContain('int32');
    expect(text).toContain('64 MHz');
  });
});

describe('live helpers', () => {
  it('argmax, dB', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([])).toBe(-1);
    expect(Array.from(toDb([1, 100, 0]))).toEqual([0, 20, -100]);
  });
  it('SampleRing keeps the newest samples in order', () => {
    const r = new SampleRing(5);
    r.push([1, 2, 3]);
    expect(Array.from(r.last(5))).toEqual([1, 2, 3]);
    r.push([4, 5, 6, 7]);
    expect(Array.from(r.last(5))).toEqual([3, 4, 5, 6, 7]);
    expect(Array.from(r.before(2, 3))).toEqual([3, 4, 5]);
    expect(r.length).toBe(5);
  });
});

describe('recognizerCanDecide', () => {
  it('needs 3 results in 1 s: every 500 ms yes, every 520 ms never', () => {
    const r = { averageWindowMs: 1000, minimumCount: 3 };
    expect(recognizerCanDecide(100, r)).toBe(true);
    expect(recognizerCanDecide(500, r)).toBe(true);
    expect(recognizerCanDecide(520, r)).toBe(false);
  });
});
