/**
 * Messages between the cnn-trainer view (main thread) and its Worker (types only).
 * Numbers: losses are mean cross-entropy (nats); accuracies are fractions in [0, 1]; x positions
 * on the curves are fractional epochs (examples seen / training examples).
 */
import type { Matrix, Miss } from './confusion';
import type { BackendName } from './backend';
import type { CnnArch, TrainConfig } from './spec';

export type ToWorker =
  | { type: 'init' }
  /** run: the view's number for this run, echoed in progress/epoch/stopped so stale messages can be dropped. */
  | { type: 'start'; arch: CnnArch; config: TrainConfig; run: number }
  | { type: 'pause' }
  | { type: 'reset' }
  | { type: 'save' }
  | { type: 'export' }
  /** files[0] is model.json, the rest its weights (already checked by store.checkUpload). */
  | { type: 'import'; files: File[] }
  | { type: 'memory' };

export interface CurvePoint {
  /** Fractional epochs. */
  x: number;
  /** Mean loss of the recent batches. */
  loss: number;
  /** Accuracy on the recent batches. */
  acc: number;
}

/** Which digits an evaluation used: the validation set (held out of training) or the test set. */
export type EvalSet = 'validacion' | 'prueba';

export interface EvaluationReport {
  /** 'validacion' after a pause, 'prueba' when a run ends or a model is imported. */
  set: EvalSet;
  accuracy: number;
  loss: number;
  matrix: Matrix;
  /** The most confident mistakes, each with its 28·28 image (bytes 0–255). */
  misses: Array<Miss & { image: Uint8Array }>;
  /** Digits evaluated (1 000 validation or 2 000 test). */
  count: number;
}

export interface ModelInfo {
  /** Where the evaluated model came from. */
  source: 'trained' | 'imported';
  /** Layer list for the summary (from the model's own topology). */
  layers: import('../conv/shapes').LayerSpec[];
}

export type FromWorker =
  | { type: 'ready'; backend: BackendName; numTensors: number; trainCount: number; valCount: number; testCount: number }
  | { type: 'progress'; run: number; points: CurvePoint[]; epoch: number; batch: number; batchesPerEpoch: number; epochs: number; samples: number; samplesPerSec: number }
  /** valLoss / valAcc: on the validation digits (never the test digits) at the end of the epoch. */
  | { type: 'epoch'; run: number; epoch: number; x: number; trainLoss: number; trainAcc: number; valLoss: number; valAcc: number }
  | { type: 'stopped'; run: number; reason: 'paused' | 'done'; evaluation: EvaluationReport; info: ModelInfo; saved: boolean; /** Spanish reason when a finished run could not be saved. */ saveError: string | null; numTensors: number }
  | { type: 'reset-done'; numTensors: number }
  | { type: 'saved'; ok: boolean; message: string }
  | { type: 'exported'; json: string; weights: ArrayBuffer }
  | { type: 'imported'; evaluation: EvaluationReport; info: ModelInfo; numTensors: number }
  | { type: 'memory'; numTensors: number }
  /** A Spanish message for the student; `during` says which request failed. */
  | { type: 'error'; during: ToWorker['type']; message: string };

export type { TrainConfig, CnnArch };
