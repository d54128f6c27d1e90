/**
 * Parameter counts of the two lesson-11 networks (pure arithmetic, checked against tfjs's
 * countParams in tests/unit/transfer-model.test.ts).
 *
 * Both share the lesson-10 layout with a k-class head:
 *   conv1 (8 filters 3×3×1 + 8 biases) → pool → conv2 (16 filters 3×3×8 + 16 biases) → pool
 *   → flatten (7·7·16 = 784) → head: dense k, softmax (784·k weights + k biases).
 * Transfer learning freezes conv1 and conv2 (the base), so only the head trains; from scratch,
 * everything trains.
 */
export const CONV1 = { kernel: 3, inChannels: 1, filters: 8 } as const;
export const CONV2 = { kernel: 3, inChannels: 8, filters: 16 } as const;
/** Length of the feature vector the base hands to the head: 7 · 7 · 16. */
export const FEATURES = 7 * 7 * CONV2.filters;

/** Weights + biases of a square convolution: k·k·cin·cout + cout. */
export const convParams = (c: { kernel: number; inChannels: number; filters: number }): number =>
  c.kernel * c.kernel * c.inChannels * c.filters + c.filters;

/** Weights + biases of a dense layer: in·out + out. */
export const denseParams = (inputs: number, units: number): number => inputs * units + units;

export interface ParamCounts {
  /** Parameters of conv1 + conv2 (the base). */
  base: number;
  /** Parameters of the new dense head. */
  head: number;
  total: number;
  /** Parameters that gradient descent changes. */
  trainable: number;
  frozen: number;
}

/** Counts for a k-class network trained with transfer learning (frozen base) or from scratch. */
export function paramCounts(k: number, mode: 'transfer' | 'scratch'): ParamCounts {
  const base = convParams(CONV1) + convParams(CONV2);
  const head = denseParams(FEATURES, k);
  const trainable = mode === 'transfer' ? head : base + head;
  return { base, head, total: base + head, trainable, frozen: base + head - trainable };
}
