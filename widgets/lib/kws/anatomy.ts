/**
 * The cost of each stage of a KWS app (pure, no DOM): operations per second of audio, computed
 * analytically, and bytes of memory, for the course pipeline (DESIGN.md §Audio features) on a
 * microcontroller, plus the share of a board's budget each stage takes. The anatomy widget shows it.
 *
 * Counting rules (per frame unless said; frames per second of streaming audio = 1000 / hop ms = 50):
 *   window   L multiplies (one per sample)                                   L = frameLength
 *   fft      (N/2)·log2 N complex butterflies (radix-2); a butterfly is one complex multiply
 *            = 4 real multiply-adds, so fft MACs = 4 · butterflies            N = fftSize
 *   power    2 multiply-adds per bin (Re² + Im²), N/2 + 1 bins
 *   mel      one multiply-add per non-zero filterbank weight (Σ_m (end_m − start_m))
 *   log      one ln per mel band (counted as 1 op; a real device uses a table or a few MACs)
 *   dct      C · M multiply-adds (C coefficients, M mel bands)
 *   model    per inference: Conv2D outH·outW·outC·kh·kw·inC, DepthwiseConv2D outH·outW·outC·kh·kw,
 *            Dense in·out (MACs); pooling outH·outW·C·kh·kw compares (ops, not MACs);
 *            inferences per second = 1000 / inferenceEveryMs
 *   recognizer classes adds per result (the running average), per inference
 * Memory, as a TFLite Micro build keeps it (bytes):
 *   audio ring: one frame of int16 samples (2·L); window table int16 (2·L); FFT buffer N complex
 *   int16 (4·N) — micro_speech's fixed-point front end; filterbank weights int16 (2 per non-zero
 *   weight); DCT table int16 (2·C·M); feature window int8 frames·bins; model weights int8 (1 each)
 *   and biases int32 (4 each) in flash; tensor arena ≈ the largest (input + output) pair of int8
 *   activations of one layer; recognizer queue classes·maxResults bytes (uint8 scores).
 * Board budget: a Cortex-M4F does at most one 32-bit multiply-add per cycle, so the CPU budget is
 * clockHz MACs per second (optimistic: loads, loops and the int8 kernels' overhead are ignored);
 * RAM and flash are the board's totals.
 */
import { AUDIO_DEFAULTS, type AudioParams } from '../audio/features';
import { melFilterbank } from '../audio/mel';

export interface PipelineDims {
  /** Samples per frame (480). */
  frameLength: number;
  /** Samples between frames (320). */
  hopLength: number;
  /** Hz (16000). */
  sampleRate: number;
  /** FFT points, a power of two (512). */
  fftSize: number;
  /** Mel bands M (40). */
  melBands: number;
  /** Non-zero weights in the mel filterbank (Σ over filters of their bin count). */
  melNonZero: number;
  /** Coefficients C kept by the DCT (13). */
  mfccCount: number;
  /** Frames in the model's window (49). */
  frames: number;
  /** Values per frame the model reads (13 MFCC or 40 log-mel). */
  bins: number;
  /** Output classes. */
  classes: number;
  /** ms between inferences (20 = every hop). */
  inferenceEveryMs: number;
}

export type LayerKind = 'conv2d' | 'depthwise' | 'dense' | 'pool' | 'other';

/** One model layer; shapes without the batch: [h, w, c] or [n]. */
export interface LayerSpec {
  name: string;
  kind: LayerKind;
  inShape: number[];
  outShape: number[];
  /** [kh, kw] for conv and pooling layers. */
  kernel?: [number, number];
  /** Weights (kernel entries) and biases. */
  weights: number;
  biases: number;
}

export interface LayerCost {
  name: string;
  kind: LayerKind;
  /** Multiply-adds per inference. */
  macs: number;
  /** Other ops per inference (pooling compares). */
  ops: number;
  /** int8 weights + int32 biases, bytes. */
  bytes: number;
  /** int8 activations in + out, bytes. */
  activationBytes: number;
}

/** The dims of the course pipeline for audio params, a model input (frames × bins) and classes. */
export function pipelineDims(
  params: Partial<AudioParams>,
  model: { frames: number; bins: number; classes: number },
  inferenceEveryMs: number,
): PipelineDims {
  const p = { ...AUDIO_DEFAULTS, ...params };
  const fb = melFilterbank(p);
  let melNonZero = 0;
  for (let m = 0; m < p.melBands; m++) melNonZero += fb.end[m]! - fb.start[m]!;
  return {
    frameLength: p.frameLength, hopLength: p.hopLength, sampleRate: p.sampleRate, fftSize: p.fftSize,
    melBands: p.melBands, melNonZero, mfccCount: p.mfccCount, ...model, inferenceEveryMs,
  };
}

const prod = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

export function layerCost(l: LayerSpec): LayerCost {
  const [kh, kw] = l.kernel ?? [1, 1];
  const out = prod(l.outShape);
  let macs = 0;
  let ops = 0;
  if (l.kind === 'conv2d') macs = out * kh * kw * (l.inShape[l.inShape.length - 1] ?? 1);
  else if (l.kind === 'depthwise') macs = out * kh * kw;
  else if (l.kind === 'dense') macs = prod(l.inShape) * out;
  else if (l.kind === 'pool') ops = out * kh * kw;
  return { name: l.name, kind: l.kind, macs, ops, bytes: l.weights + 4 * l.biases, activationBytes: prod(l.inShape) + out };
}

export interface ModelCost {
  layers: LayerCost[];
  /** Per inference. */
  macs: number;
  ops: number;
  /** Flash: int8 weights + int32 biases. */
  weightBytes: number;
  /** RAM: the largest in + out activation pair. */
  arenaBytes: number;
}

export function modelCost(layers: readonly LayerSpec[]): ModelCost {
  const costs = layers.map(layerCost);
  return {
    layers: costs,
    macs: costs.reduce((a, c) => a + c.macs, 0),
    ops: costs.reduce((a, c) => a + c.ops, 0),
    weightBytes: costs.reduce((a, c) => a + c.bytes, 0),
    arenaBytes: costs.reduce((a, c) => Math.max(a, c.activationBytes), 0),
  };
}

export type StageId = 'mic' | 'frames' | 'fft' | 'mel' | 'log' | 'dct' | 'window' | 'model' | 'recognize';

export interface StageCost {
  id: StageId;
  /** Multiply-adds (or ops, for log and compares) per second of audio. */
  opsPerSecond: number;
  /** RAM bytes the stage keeps. */
  ramBytes: number;
  /** Flash bytes (constant tables, weights). */
  flashBytes: number;
}

/** Per stage, per second of streaming audio. */
export function pipelineCost(d: PipelineDims, model: ModelCost): StageCost[] {
  const framesPerS = d.sampleRate / d.hopLength;
  const butterflies = (d.fftSize / 2) * Math.log2(d.fftSize);
  const bins = d.fftSize / 2 + 1;
  const inferPerS = 1000 / d.inferenceEveryMs;
  // Results kept by the recognizer: one per inference over a 1 s average window.
  const maxResults = Math.ceil(inferPerS);
  return [
    { id: 'mic', opsPerSecond: 0, ramBytes: 2 * d.frameLength, flashBytes: 0 },
    { id: 'frames', opsPerSecond: framesPerS * d.frameLength, ramBytes: 0, flashBytes: 2 * d.frameLength },
    { id: 'fft', opsPerSecond: framesPerS * (4 * butterflies + 2 * bins), ramBytes: 4 * d.fftSize, flashBytes: 0 },
    { id: 'mel', opsPerSecond: framesPerS * d.melNonZero, ramBytes: 4 * d.melBands, flashBytes: 2 * d.melNonZero },
    { id: 'log', opsPerSecond: framesPerS * d.melBands, ramBytes: 0, flashBytes: 0 },
    { id: 'dct', opsPerSecond: framesPerS * d.mfccCount * d.melBands, ramBytes: 0, flashBytes: 2 * d.mfccCount * d.melBands },
    { id: 'window', opsPerSecond: 0, ramBytes: d.frames * d.bins, flashBytes: 0 },
    { id: 'model', opsPerSecond: inferPerS * (model.macs + model.ops), ramBytes: model.arenaBytes, flashBytes: model.weightBytes },
    { id: 'recognize', opsPerSecond: inferPerS * d.classes, ramBytes: d.classes * maxResults, flashBytes: 0 },
  ];
}

export interface Board {
  name: string;
  /** Hz. */
  clockHz: number;
  ramBytes: number;
  flashBytes: number;
}

export const NANO_33_BLE_SENSE: Readonly<Board> = Object.freeze({
  name: 'Arduino Nano 33 BLE Sense (nRF52840: Cortex-M4F a 64 MHz)',
  clockHz: 64e6,
  ramBytes: 256 * 1024,
  flashBytes: 1024 * 1024,
});

export interface BudgetShare {
  id: StageId;
  /** Fractions (0…1) of the board's MACs per second, RAM and flash. */
  cpu: number;
  ram: number;
  flash: number;
}

/** Each stage's share of the board (1 MAC per cycle for the CPU), and the totals. */
export function boardShares(stages: readonly StageCost[], board: Board = NANO_33_BLE_SENSE): { stages: BudgetShare[]; total: Omit<BudgetShare, 'id'> } {
  const shares = stages.map((s) => ({ id: s.id, cpu: s.opsPerSecond / board.clockHz, ram: s.ramBytes / board.ramBytes, flash: s.flashBytes / board.flashBytes }));
  const sum = (k: 'cpu' | 'ram' | 'flash'): number => shares.reduce((a, s) => a + s[k], 0);
  return { stages: shares, total: { cpu: sum('cpu'), ram: sum('ram'), flash: sum('flash') } };
}
