/**
 * Pure logic of the kws-anatomy widget (no DOM): the nine stages of a keyword-spotting app in
 * order, the controls' ranges, the costs of each stage for the chosen settings (every count comes
 * from widgets/lib/kws/anatomy.ts: pipelineDims, pipelineCost, modelCost, boardShares), the model's
 * layers as anatomy LayerSpecs, the Spanish formatting of costs, and the «cómo se cuenta» text.
 *
 * The model whose cost is counted is the lesson-17 CNN (lib/kws/model.ts) with the loaded model's
 * filters, on an input of 49 frames × C values (C = MFCC count, or mel bands for a log-mel model):
 * changing the MFCC count counts the cost of that same architecture retrained on the new input.
 */
import { melFilterbank } from '../lib/audio/mel';
import { AUDIO_DEFAULTS, frameCount } from '../lib/audio/features';
import {
  NANO_33_BLE_SENSE, boardShares, modelCost, pipelineCost, pipelineDims,
  type Board, type BudgetShare, type LayerSpec, type ModelCost, type PipelineDims, type StageCost, type StageId,
} from '../lib/kws/anatomy';
import { kwsSummary, type KwsArch } from '../lib/kws/model';
import type { KwsFeature } from '../lib/kws/contract';
import type { RecognizeSettings } from '../lib/audio/recognize';
import { fmt } from '../lib/format/number';

export interface StageInfo {
  id: StageId;
  /** Spanish box title. */
  title: string;
  /** What the box's live output shows (Spanish). */
  output: string;
}

/** The pipeline in order, micrófono → reconocedor. */
export const STAGES: readonly StageInfo[] = Object.freeze([
  { id: 'mic', title: 'Micrófono', output: 'El último trozo de 320 muestras (20 ms) que llega a 16 kHz.' },
  { id: 'frames', title: 'Tramas', output: 'La trama más nueva: 480 muestras (30 ms), una cada 20 ms.' },
  { id: 'fft', title: 'Ventana + FFT', output: 'Espectro de potencia de la trama (Hann, FFT), en decibelios.' },
  { id: 'mel', title: 'Banco mel', output: 'Energía de cada banda mel (escala lineal).' },
  { id: 'log', title: 'Logaritmo', output: 'Logaritmo de cada energía mel: ahora se ven también las bandas flojas.' },
  { id: 'dct', title: 'DCT (MFCC)', output: 'Los coeficientes MFCC de la trama.' },
  { id: 'window', title: 'Ventana de 1 s', output: 'Las 49 tramas del último segundo: lo que lee el modelo.' },
  { id: 'model', title: 'Modelo', output: 'Probabilidad de cada clase en la última inferencia.' },
  { id: 'recognize', title: 'Reconocedor', output: 'Media del último segundo y la última palabra detectada.' },
] as const);

/** Settings the controls change (URL state of the widget). */
export interface AnatomySettings {
  /** ms between inferences, a multiple of the 20 ms hop. */
  everyMs: number;
  /** FFT points N. */
  fftSize: number;
  melBands: number;
  mfccCount: number;
}

export const EVERY_MS = { min: 20, max: 1000, step: 20 } as const;
export const FFT_SIZES = ['512', '1024', '2048'] as const;
export const MEL_BANDS = { min: 20, max: 80, step: 4 } as const;
/** At least 10 values per frame: the CNN's two 3×3 convolutions and 2×2 poolings need them. */
export const MFCC_COUNT = { min: 10, max: 20, step: 1 } as const;

export const DEFAULT_SETTINGS: Readonly<AnatomySettings> = Object.freeze({ everyMs: 100, fftSize: 512, melBands: 40, mfccCount: 13 });

/** What the cost needs to know about the model (from the loaded model, or the course's defaults). */
export interface ModelShape {
  arch: Pick<KwsArch, 'conv1' | 'conv2'>;
  classes: number;
  feature: KwsFeature;
}

/**
 * The lesson-17 CNN (kwsSummary) as anatomy layers: each layer's input is the previous one's
 * output; conv2d and dense keep their weights and biases; pooling is 2×2; flatten and dropout
 * cost nothing.
 */
export function kwsLayerSpecs(arch: Pick<KwsArch, 'conv1' | 'conv2'>, frames: number, bins: number, classes: number): LayerSpec[] {
  const sum = kwsSummary({ ...arch, dropout: 0 }, frames, bins, classes);
  let inShape = sum.inputShape;
  return sum.layers.map((r) => {
    const kind = r.name.startsWith('conv') ? 'conv2d' : r.name.startsWith('pool') ? 'pool' : r.name === 'output' ? 'dense' : 'other';
    const biases = kind === 'conv2d' || kind === 'dense' ? r.outputShape[r.outputShape.length - 1]! : 0;
    const spec: LayerSpec = {
      name: r.name, kind, inShape, outShape: r.outputShape, weights: r.params - biases, biases,
      ...(kind === 'conv2d' ? { kernel: [3, 3] as [number, number] } : kind === 'pool' ? { kernel: [2, 2] as [number, number] } : {}),
    };
    inShape = r.outputShape;
    return spec;
  });
}

export interface AnatomyCosts {
  dims: PipelineDims;
  model: ModelCost;
  /** In STAGES order. */
  stages: StageCost[];
  shares: BudgetShare[];
  total: { cpu: number; ram: number; flash: number };
  /** Sums over the stages: ops per second of audio, bytes. */
  sums: { opsPerSecond: number; ramBytes: number; flashBytes: number };
  /** Mel filters with no FFT bin inside (too many bands for the FFT's resolution). */
  emptyMelBands: number;
  /** Inferences per second of audio. */
  inferencesPerSecond: number;
  board: Readonly<Board>;
}

/** Frames in 1 s of audio with the course's framing (49). */
export const WINDOW_FRAMES = frameCount(AUDIO_DEFAULTS.sampleRate, AUDIO_DEFAULTS);

/** Every cost of the pipeline for `s` and the model shape, on the Nano 33 BLE Sense. */
export function anatomyCosts(s: AnatomySettings, m: ModelShape, board: Readonly<Board> = NANO_33_BLE_SENSE): AnatomyCosts {
  const bins = m.feature === 'mfcc' ? s.mfccCount : s.melBands;
  const dims = pipelineDims({ fftSize: s.fftSize, melBands: s.melBands, mfccCount: s.mfccCount }, { frames: WINDOW_FRAMES, bins, classes: m.classes }, s.everyMs);
  const model = modelCost(kwsLayerSpecs(m.arch, WINDOW_FRAMES, bins, m.classes));
  let stages = pipelineCost(dims, model);
  // A log-mel model reads the log energies: no DCT runs and no DCT table is kept.
  if (m.feature === 'logmel') stages = stages.map((st) => (st.id === 'dct' ? { ...st, opsPerSecond: 0, ramBytes: 0, flashBytes: 0 } : st));
  const { stages: shares, total } = boardShares(stages, board);
  const fb = melFilterbank({ ...AUDIO_DEFAULTS, fftSize: s.fftSize, melBands: s.melBands });
  let emptyMelBands = 0;
  for (let k = 0; k < s.melBands; k++) if (fb.end[k] === fb.start[k]) emptyMelBands++;
  const add = (k: 'opsPerSecond' | 'ramBytes' | 'flashBytes'): number => stages.reduce((a, st) => a + st[k], 0);
  return {
    dims, model, stages, shares, total,
    sums: { opsPerSecond: add('opsPerSecond'), ramBytes: add('ramBytes'), flashBytes: add('flashBytes') },
    emptyMelBands, inferencesPerSecond: 1000 / s.everyMs, board,
  };
}

/** New frames between inferences for `everyMs` (the hop is 20 ms): the LiveTimeline's everyHops. */
export const everyHops = (everyMs: number, hopMs = (1000 * AUDIO_DEFAULTS.hopLength) / AUDIO_DEFAULTS.sampleRate): number =>
  Math.max(1, Math.round(everyMs / hopMs));

/**
 * Whether the recognizer (lib/audio/recognize.ts, rule 3) can ever be sure with one result every
 * `everyMs`: the ⌊window / every⌋ + 1 results of one averaging window must reach minimumCount.
 */
export function recognizerCanDecide(everyMs: number, r: Pick<RecognizeSettings, 'averageWindowMs' | 'minimumCount'>): boolean {
  return Math.floor(r.averageWindowMs / everyMs) + 1 >= r.minimumCount;
}

// ---- Spanish formatting -------------------------------------------------------------------------

/** Spanish number: decimal comma, thin grouping as es-ES writes it, «−» for minus. */
export const esNum = (v: number, digits = 1): string => fmt(v, digits);

/** Operations per second: «0 op/s», «24 000 op/s» → «24 k op/s», «1,2 M op/s». Digits: 3 significant. */
export function formatOps(perSecond: number): string {
  const a = Math.abs(perSecond);
  if (a >= 1e6) return `${esNum(perSecond / 1e6, a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2)} M op/s`;
  if (a >= 1e3) return `${esNum(perSecond / 1e3, a >= 1e5 ? 0 : a >= 1e4 ? 1 : 2)} k op/s`;
  return `${esNum(perSecond, 0)} op/s`;
}

/** Bytes: «0 B», «960 B», «4,6 KB» (1 KB = 1024 B, as the board's 256 KB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${esNum(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${esNum(bytes / 1024, bytes < 10 * 1024 ? 2 : 1)} KB`;
  return `${esNum(bytes / (1024 * 1024), 2)} MB`;
}

/** A fraction as a percentage: «2,7 %», «0,04 %», «0 %». */
export function formatShare(f: number): string {
  const p = f * 100;
  if (p === 0) return '0 %';
  if (p < 0.01) return '< 0,01 %';
  return `${esNum(p, p < 1 ? 2 : 1)} %`;
}

/** The three cost lines of a box. */
export function stageCostLines(c: StageCost): { ops: string; ram: string; flash: string } {
  return { ops: formatOps(c.opsPerSecond), ram: formatBytes(c.ramBytes), flash: formatBytes(c.flashBytes) };
}

export type Resource = 'cpu' | 'ram' | 'flash';

/** One line of the budget: used / available and the share, e.g. CPU «1,7 M de 64 M op/s: 2,7 %». */
export function budgetLine(r: Resource, c: AnatomyCosts): string {
  const b = c.board;
  if (r === 'cpu') return `CPU: ${formatOps(c.sums.opsPerSecond)} de ${esNum(b.clockHz / 1e6, 0)} M op/s (${esNum(b.clockHz / 1e6, 0)} MHz) = ${formatShare(c.total.cpu)}`;
  if (r === 'ram') return `RAM: ${formatBytes(c.sums.ramBytes)} de ${formatBytes(b.ramBytes)} = ${formatShare(c.total.ram)}`;
  return `Flash: ${formatBytes(c.sums.flashBytes)} de ${formatBytes(b.flashBytes)} = ${formatShare(c.total.flash)}`;
}

/**
 * Segments of a stacked bar for resource `r`: each stage's share of the board, and of what the
 * app uses (`ofUsed`, sums to 1 when anything is used). Stages with nothing used are left out.
 */
export function budgetSegments(r: Resource, c: AnatomyCosts): { id: StageId; share: number; ofUsed: number }[] {
  const total = c.total[r];
  return c.shares.filter((s) => s[r] > 0).map((s) => ({ id: s.id, share: s[r], ofUsed: total > 0 ? s[r] / total : 0 }));
}

/** «cómo se cuenta»: the counting rules of lib/kws/anatomy.ts, in Spanish, in the order of the boxes. */
export function howCounted(c: AnatomyCosts): string[] {
  const d = c.dims;
  const fps = d.sampleRate / d.hopLength;
  return [
    `Todo se cuenta por segundo de audio: ${esNum(fps, 0)} tramas por segundo (una cada ${esNum((1000 * d.hopLength) / d.sampleRate, 0)} ms) y ${esNum(c.inferencesPerSecond, 2)} inferencias por segundo (una cada ${esNum(d.inferenceEveryMs, 0)} ms). Una «op» es una multiplicación-suma (o una comparación, o un logaritmo).`,
    `Micrófono: no calcula nada; guarda en RAM una trama de ${d.frameLength} muestras int16 (2 bytes cada una).`,
    `Tramas: una multiplicación por muestra para la ventana de Hann (${d.frameLength} por trama), con la tabla de la ventana en flash en int16.`,
    `FFT de N = ${d.fftSize} puntos (radix 2): (N/2)·log₂N = ${esNum((d.fftSize / 2) * Math.log2(d.fftSize), 0)} mariposas; cada mariposa es una multiplicación compleja = 4 multiplicaciones-suma reales. La potencia, 2 por cada uno de los N/2 + 1 = ${d.fftSize / 2 + 1} valores (Re² + Im²). En RAM, el búfer de la FFT: N números complejos int16 (4 bytes cada uno).`,
    `Banco mel: una multiplicación-suma por peso no nulo de los filtros (${esNum(d.melNonZero, 0)} con ${d.melBands} bandas); los pesos en flash en int16 y las ${d.melBands} energías en RAM (4 bytes cada una).${c.emptyMelBands > 0 ? ` Con tantas bandas y esta FFT, ${c.emptyMelBands} bandas graves no tienen ningún valor del espectro dentro: quedan vacías.` : ''}`,
    'Logaritmo: un ln por banda, contado como una op (en un microcontrolador es una tabla o unas pocas operaciones).',
    `DCT: C·M = ${d.mfccCount}·${d.melBands} multiplicaciones-suma por trama, con su tabla en flash en int16.`,
    `Ventana de 1 s: ${d.frames} tramas × ${d.bins} valores en int8 (1 byte cada uno) en RAM.`,
    `Modelo (int8, como lo ejecuta TFLite Micro): por inferencia, ${esNum(c.model.macs, 0)} multiplicaciones-suma de las convoluciones (alto·ancho·filtros·3·3·canales de entrada) y de la capa densa (entradas·salidas), más ${esNum(c.model.ops, 0)} comparaciones del max-pooling. En flash, pesos int8 (1 byte) y sesgos int32 (4 bytes): ${formatBytes(c.model.weightBytes)}. En RAM, la arena de tensores ≈ el mayor par entrada + salida de una capa en int8: ${formatBytes(c.model.arenaBytes)}.`,
    `Reconocedor: una suma por clase y resultado (la media móvil); guarda un byte por clase por cada resultado del último segundo.`,
    `Presupuesto: un Cortex-M4F hace como mucho una multiplicación-suma de 32 bits por ciclo, así que a ${esNum(c.board.clockHz / 1e6, 0)} MHz caben ${esNum(c.board.clockHz / 1e6, 0)} millones de ops por segundo (optimista: no cuenta cargas, bucles ni el resto del programa). RAM ${formatBytes(c.board.ramBytes)} y flash ${formatBytes(c.board.flashBytes)} son los totales de la placa.`,
  ];
}

// ---- live helpers (pure) -----------------------------------------------------------------------

/** Index of the largest value (first on ties); −1 for an empty list. */
export function argmax(xs: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < xs.length; i++) if (best < 0 || xs[i]! > xs[best]!) best = i;
  return best;
}

/** 10·log10(max(p, floor)) of each value (power → dB). */
export function toDb(p: ArrayLike<number>, floor = 1e-10): Float32Array {
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = 10 * Math.log10(Math.max(p[i]!, floor));
  return out;
}

/**
 * The last `n` samples of a stream kept in a ring (the newest frame for the «Tramas» box):
 * push chunks, read the samples [end − n, end) in order.
 */
export class SampleRing {
  readonly #buf: Float32Array;
  #len = 0;
  #head = 0;
  constructor(readonly size: number) {
    this.#buf = new Float32Array(size);
  }
  push(x: ArrayLike<number>): void {
    for (let i = 0; i < x.length; i++) {
      this.#buf[this.#head] = x[i]!;
      this.#head = (this.#head + 1) % this.size;
    }
    this.#len = Math.min(this.size, this.#len + x.length);
  }
  /** The newest min(n, kept) samples, oldest first. */
  last(n: number): Float32Array {
    return this.before(0, n);
  }
  /** The n samples that end `skip` samples before the newest one (fewer if not kept), oldest first. */
  before(skip: number, n: number): Float32Array {
    const avail = Math.max(0, this.#len - skip);
    const k = Math.min(n, avail);
    const out = new Float32Array(k);
    const end = this.#head - skip;
    for (let i = 0; i < k; i++) out[i] = this.#buf[(((end - k + i) % this.size) + this.size) % this.size]!;
    return out;
  }
  get length(): number {
    return this.#len;
  }
}
