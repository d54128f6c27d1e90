// The KWS anatomy counts (widgets/lib/kws/anatomy.ts) checked against counts done by hand here.
import { describe, expect, it } from 'vitest';
import { boardShares, layerCost, modelCost, NANO_33_BLE_SENSE, pipelineCost, pipelineDims, type LayerSpec } from '../../widgets/lib/kws/anatomy';

// A small CNN on a [49, 13, 1] MFCC window: conv 3×3×8 'same' → maxpool 2×2 → flatten → dense 4.
const layers: LayerSpec[] = [
  { name: 'conv', kind: 'conv2d', inShape: [49, 13, 1], outShape: [49, 13, 8], kernel: [3, 3], weights: 3 * 3 * 1 * 8, biases: 8 },
  { name: 'pool', kind: 'pool', inShape: [49, 13, 8], outShape: [24, 6, 8], kernel: [2, 2], weights: 0, biases: 0 },
  { name: 'flat', kind: 'other', inShape: [24, 6, 8], outShape: [1152], weights: 0, biases: 0 },
  { name: 'dense', kind: 'dense', inShape: [1152], outShape: [4], weights: 1152 * 4, biases: 4 },
];

/** Non-zero HTK mel weights counted independently: bins strictly inside a filter's (left, right). */
function melNonZeroByHand(): number {
  const mel = (f: number): number => 2595 * Math.log10(1 + f / 700);
  const hz = (m: number): number => 700 * (10 ** (m / 2595) - 1);
  const M = 40;
  const edges = Array.from({ length: M + 2 }, (_, i) => hz((i * mel(8000)) / (M + 1)));
  let n = 0;
  for (let k = 0; k <= 256; k++) {
    const f = (k * 16000) / 512;
    for (let m = 0; m < M; m++) if (f > edges[m]! && f < edges[m + 2]!) n++;
  }
  return n;
}

describe('layerCost / modelCost', () => {
  it('counts conv, pool and dense multiply-adds, bytes and the arena by hand', () => {
    expect(layerCost(layers[0]!)).toMatchObject({ macs: 49 * 13 * 8 * 9, ops: 0, bytes: 72 + 4 * 8, activationBytes: 637 + 5096 });
    expect(layerCost(layers[1]!)).toMatchObject({ macs: 0, ops: 24 * 6 * 8 * 4, bytes: 0, activationBytes: 5096 + 1152 });
    expect(layerCost(layers[3]!)).toMatchObject({ macs: 1152 * 4, bytes: 4608 + 16, activationBytes: 1156 });
    const m = modelCost(layers);
    expect(m.macs).toBe(45864 + 4608);
    expect(m.ops).toBe(4608);
    expect(m.weightBytes).toBe(104 + 4624);
    expect(m.arenaBytes).toBe(6248);
  });
  it('depthwise: one multiply-add per output per kernel tap', () => {
    expect(layerCost({ name: 'dw', kind: 'depthwise', inShape: [10, 10, 4], outShape: [10, 10, 4], kernel: [3, 3], weights: 36, biases: 4 }).macs).toBe(400 * 9);
  });
});

describe('pipelineCost', () => {
  const dims = pipelineDims({}, { frames: 49, bins: 13, classes: 4 }, 20);
  const stages = Object.fromEntries(pipelineCost(dims, modelCost(layers)).map((s) => [s.id, s]));
  it('uses the course defaults and counts the mel weights like an independent HTK filterbank', () => {
    expect(dims).toMatchObject({ frameLength: 480, hopLength: 320, fftSize: 512, melBands: 40, mfccCount: 13, sampleRate: 16000 });
    expect(dims.melNonZero).toBe(melNonZeroByHand());
    // Between the first and the last centre every bin is in two triangles: about 2 × 257 weights.
    expect(dims.melNonZero).toBeGreaterThan(400);
    expect(dims.melNonZero).toBeLessThan(514);
  });
  it('per second of audio: 50 frames of window, FFT, power, mel, log, DCT; 50 inferences', () => {
    expect(stages.frames!.opsPerSecond).toBe(50 * 480);
    expect(stages.fft!.opsPerSecond).toBe(50 * (4 * 256 * 9 + 2 * 257));
    expect(stages.mel!.opsPerSecond).toBe(50 * dims.melNonZero);
    expect(stages.log!.opsPerSecond).toBe(50 * 40);
    expect(stages.dct!.opsPerSecond).toBe(50 * 13 * 40);
    expect(stages.model!.opsPerSecond).toBe(50 * (50472 + 4608));
    expect(stages.recognize!.opsPerSecond).toBe(50 * 4);
  });
  it('memory: int16 buffers and tables, int8 window, model weights in flash', () => {
    expect(stages.mic!.ramBytes).toBe(960);
    expect(stages.fft!.ramBytes).toBe(2048);
    expect(stages.dct!.flashBytes).toBe(2 * 13 * 40);
    expect(stages.window!.ramBytes).toBe(49 * 13);
    expect(stages.model!.flashBytes).toBe(4728);
    expect(stages.model!.ramBytes).toBe(6248);
  });
  it('inference every 100 ms is five times cheaper for the model', () => {
    const slow = pipelineCost(pipelineDims({}, { frames: 49, bins: 13, classes: 4 }, 100), modelCost(layers));
    expect(slow.find((s) => s.id === 'model')!.opsPerSecond).toBe(10 * 55080);
  });
});

describe('boardShares', () => {
  it('divides by 64 M MACs per second, 256 KB of RAM and 1 MB of flash', () => {
    const stages = pipelineCost(pipelineDims({}, { frames: 49, bins: 13, classes: 4 }, 20), modelCost(layers));
    const { stages: shares, total } = boardShares(stages);
    const fft = shares.find((s) => s.id === 'fft')!;
    expect(fft.cpu).toBeCloseTo(486500 / 64e6, 12);
    expect(fft.ram).toBeCloseTo(2048 / 262144, 12);
    expect(total.cpu).toBeCloseTo(stages.reduce((a, s) => a + s.opsPerSecond, 0) / NANO_33_BLE_SENSE.clockHz, 12);
    expect(total.flash).toBeCloseTo(stages.reduce((a, s) => a + s.flashBytes, 0) / (1024 * 1024), 12);
  });
});
