/**
 * The three next-value models of the lesson, built with tfjs (passed in; no DOM). All take a
 * standardized window [batch, L, 1] and return the standardized prediction [batch, 1].
 *   mlp    Flatten → Dense(16, relu) → Dense(1)                  (the window as a flat vector)
 *   conv1d Conv1D(8 filters, kernel 3, relu, 'valid') → Flatten → Dense(1)
 *   lstm   LSTM(8 units, σ logistic gates, tanh) → Dense(1)     (the last state h_L)
 * Initial weights are seeded (Glorot uniform, orthogonal for the recurrent kernel), so a seed
 * repeats a run on the same backend.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

export type ModelKind = 'mlp' | 'conv1d' | 'lstm';
export const MODEL_KINDS: readonly ModelKind[] = ['mlp', 'conv1d', 'lstm'];

export const MODEL_LABELS: Record<ModelKind, string> = {
  mlp: 'MLP (perceptrón multicapa)',
  conv1d: 'Conv1D',
  lstm: 'LSTM',
};

export const HIDDEN = { mlp: 16, conv1dFilters: 8, conv1dKernel: 3, lstm: 8 } as const;

/** Trainable parameters of each model for a window of length L (checked against tfjs in tests). */
export function paramCount(kind: ModelKind, L: number): number {
  switch (kind) {
    case 'mlp':
      return L * HIDDEN.mlp + HIDDEN.mlp + HIDDEN.mlp + 1;
    case 'conv1d': {
      const { conv1dFilters: F, conv1dKernel: K } = HIDDEN;
      return K * F + F + Math.max(0, L - K + 1) * F + 1;
    }
    case 'lstm': {
      const u = HIDDEN.lstm;
      return 4 * (u * (1 + u) + u) + u + 1;
    }
  }
}

/** Smallest window each model accepts. */
export const minLength = (kind: ModelKind): number => (kind === 'conv1d' ? HIDDEN.conv1dKernel : 1);

export function buildForecastModel(tf: Tf, kind: ModelKind, L: number, seed: number): TF.Sequential {
  if (L < minLength(kind)) throw new RangeError(`window too short for ${kind}`);
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed * 16 + k });
  const inputShape = [L, 1];
  const layers: TF.layers.Layer[] = [];
  switch (kind) {
    case 'mlp':
      layers.push(
        tf.layers.flatten({ inputShape }),
        tf.layers.dense({ units: HIDDEN.mlp, activation: 'relu', kernelInitializer: init(1) }),
        tf.layers.dense({ units: 1, kernelInitializer: init(2) }),
      );
      break;
    case 'conv1d':
      layers.push(
        tf.layers.conv1d({ inputShape, filters: HIDDEN.conv1dFilters, kernelSize: HIDDEN.conv1dKernel, activation: 'relu', kernelInitializer: init(3) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 1, kernelInitializer: init(4) }),
      );
      break;
    case 'lstm':
      layers.push(
        tf.layers.lstm({
          inputShape, units: HIDDEN.lstm, recurrentActivation: 'sigmoid', kernelInitializer: init(5),
          recurrentInitializer: tf.initializers.orthogonal({ seed: seed * 16 + 6, gain: 1 }),
        }),
        tf.layers.dense({ units: 1, kernelInitializer: init(7) }),
      );
      break;
  }
  return tf.sequential({ layers });
}
