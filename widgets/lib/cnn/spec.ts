/**
 * The lesson-10 CNN as data (pure, no tfjs, no DOM): the architecture the student may change,
 * the training settings and their limits, and the named layer list that both the tfjs model
 * builder (model.ts) and the shape summary (lib/conv/shapes.ts) read.
 *
 *   input [28, 28, 1] → conv1 (conv1 filters 3×3, same, ReLU) → pool1 (max 2×2)
 *                     → conv2 (conv2 filters 3×3, same, ReLU) → pool2 (max 2×2)
 *                     → flatten [7·7·conv2] → [hidden (dense, ReLU), when hidden > 0] → output (dense 10, softmax)
 */
import { summarize, type LayerSpec, type StackSummary } from '../conv/shapes';

export const IMAGE_SHAPE = [28, 28, 1] as const;
export const CLASSES = 10;

export interface CnnArch {
  /** Filters of the first convolution. */
  conv1: number;
  /** Filters of the second convolution. */
  conv2: number;
  /** Units of an optional dense ReLU layer before the output; 0 means none. */
  hidden: number;
}

export const DEFAULT_ARCH: Readonly<CnnArch> = { conv1: 8, conv2: 16, hidden: 0 };

/** Inclusive limits: big enough to explore, small enough to train in a browser tab. */
export const ARCH_LIMITS = {
  conv1: { min: 1, max: 16 },
  conv2: { min: 1, max: 32 },
  hidden: { min: 0, max: 128 },
} as const;

export type OptimizerName = 'adam' | 'sgd';

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  /** How many of the 7 000 training digits to use (the first ones of the fixed split; the last 1 000 of the 8 000 are the validation set, VALIDATION_SHARE). */
  trainSize: number;
  /** Seeds the weight initialisation and the order of the examples in every epoch. */
  seed: number;
}

export const DEFAULT_TRAIN: Readonly<TrainConfig> = {
  epochs: 5, batchSize: 64, learningRate: 0.003, optimizer: 'adam', trainSize: 7000, seed: 1,
};

/**
 * Share of the training split held out as the validation set (the last ones): 1 000 of the
 * 8 000 training digits. The per-epoch curves and a pause are measured on it; the 2 000 test
 * digits only once, when a run ends.
 */
export const VALIDATION_SHARE = 1 / 8;

/** Validation images held out of a training split of `count` images. */
export const validationCount = (count: number): number => Math.round(count * VALIDATION_SHARE);

export const TRAIN_LIMITS = {
  epochs: { min: 1, max: 30 },
  batchSize: { min: 1, max: 512 },
  learningRate: { min: 1e-5, max: 1 },
  trainSize: { min: 10, max: 7000 },
} as const;

export interface NamedLayer {
  /** Layer name in the tfjs model and in model.json: conv1, pool1, conv2, pool2, flatten, hidden, output. */
  name: string;
  spec: LayerSpec;
}

/** Spanish reason why an architecture is outside the limits, or null when it is fine. */
export function archError(a: CnnArch): string | null {
  for (const key of ['conv1', 'conv2', 'hidden'] as const) {
    const { min, max } = ARCH_LIMITS[key];
    const v = a[key];
    if (!Number.isInteger(v) || v < min || v > max) {
      const what = key === 'hidden' ? 'Las neuronas de la capa oculta' : `Los filtros de ${key}`;
      return `${what} deben ser un entero entre ${min} y ${max} (es ${v}).`;
    }
  }
  return null;
}

/** Spanish reason why training settings are outside the limits, or null when they are fine. */
export function trainError(c: TrainConfig): string | null {
  const int = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;
  if (!int(c.epochs, TRAIN_LIMITS.epochs.min, TRAIN_LIMITS.epochs.max)) return `Las épocas deben ser un entero entre 1 y ${TRAIN_LIMITS.epochs.max}.`;
  if (!int(c.batchSize, TRAIN_LIMITS.batchSize.min, TRAIN_LIMITS.batchSize.max)) return `El tamaño de lote debe ser un entero entre 1 y ${TRAIN_LIMITS.batchSize.max}.`;
  if (!(c.learningRate >= TRAIN_LIMITS.learningRate.min && c.learningRate <= TRAIN_LIMITS.learningRate.max)) return 'La tasa de aprendizaje debe estar entre 0,00001 y 1.';
  if (!int(c.trainSize, TRAIN_LIMITS.trainSize.min, TRAIN_LIMITS.trainSize.max)) return `Los ejemplos de entrenamiento deben ser entre ${TRAIN_LIMITS.trainSize.min} y ${TRAIN_LIMITS.trainSize.max}.`;
  if (c.optimizer !== 'adam' && c.optimizer !== 'sgd') return 'El optimizador debe ser Adam o SGD.';
  if (!int(c.seed, 0, 0xffffffff)) return 'La semilla debe ser un entero no negativo.';
  return null;
}

/** The layers of the model, in order, with their tfjs names (see the module comment). */
export function cnnLayers(a: CnnArch): NamedLayer[] {
  const err = archError(a);
  if (err) throw new RangeError(err);
  const layers: NamedLayer[] = [
    { name: 'conv1', spec: { type: 'conv2d', filters: a.conv1, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { name: 'pool1', spec: { type: 'maxPool2d', poolSize: 2 } },
    { name: 'conv2', spec: { type: 'conv2d', filters: a.conv2, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { name: 'pool2', spec: { type: 'maxPool2d', poolSize: 2 } },
    { name: 'flatten', spec: { type: 'flatten' } },
  ];
  if (a.hidden > 0) layers.push({ name: 'hidden', spec: { type: 'dense', units: a.hidden, activation: 'relu' } });
  layers.push({ name: 'output', spec: { type: 'dense', units: CLASSES, activation: 'softmax' } });
  return layers;
}

/** Shapes, parameters and multiply-adds of the architecture (lib/conv/shapes.ts). */
export function cnnSummary(a: CnnArch): StackSummary {
  return summarize([...IMAGE_SHAPE], cnnLayers(a).map((l) => l.spec));
}

/** Batches in one epoch: the last one may be smaller (every example is seen once per epoch). */
export const batchesPerEpoch = (trainSize: number, batchSize: number): number => Math.ceil(trainSize / batchSize);
