/**
 * The one training step and the one batched prediction of every softmax classifier the course
 * trains with tfjs (lesson 10's CNN, lesson 11's transfer model, lesson 15's motion net, lesson
 * 17's keyword CNN). tf is passed in; this file loads nothing by itself.
 *
 * Shapes: x holds n examples, row-major, each of `inputShape` (e.g. [28, 28, 1], [49, 13, 1],
 * [33]), so the input tensor is [n, ...inputShape]; oneHot is n·classes; the model outputs
 * probabilities [n, classes] (softmax).
 *
 * Loss (mean categorical cross-entropy over a batch of B examples, p clipped to [1e-7, 1] so that
 * log never sees 0):
 *   L = −(1/B) Σ_i Σ_k y_ik · log p_ik
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

export const LOG_CLIP = 1e-7;

/** Mean cross-entropy of the module comment; yTrue one-hot [n, k], yProb probabilities [n, k]. */
export function crossEntropy(tf: Tf, yTrue: TF.Tensor2D, yProb: TF.Tensor2D): TF.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(tf.clipByValue(yProb, LOG_CLIP, 1))), 1))));
}

export interface StepResult {
  /** Mean loss of the batch, before the update. */
  loss: number;
  /** Examples of the batch the model classified correctly, before the update. */
  correct: number;
}

/**
 * One optimizer step on a batch of n examples (see the module comment for shapes). `vars`: the
 * variables to update (all trainable ones when omitted, as optimizer.minimize does). The forward
 * pass runs with training: true (dropout active). Leaves no tensor behind.
 */
export function classifierStep(
  tf: Tf, model: TF.LayersModel, optimizer: TF.Optimizer,
  x: Float32Array, inputShape: readonly number[], oneHot: Float32Array, n: number, classes: number,
  vars?: TF.Variable[],
): StepResult {
  let correct: TF.Scalar | null = null;
  const loss = tf.tidy(() => {
    const xs = tf.tensor(x, [n, ...inputShape]);
    const y = tf.tensor2d(oneHot, [n, classes]);
    return optimizer.minimize(() => {
      const p = model.apply(xs, { training: true }) as TF.Tensor2D;
      correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(p, 1), tf.argMax(y, 1)), 'int32')));
      return crossEntropy(tf, y, p);
    }, true, vars) as TF.Scalar;
  });
  const out = { loss: loss.dataSync()[0]!, correct: (correct as TF.Scalar | null)?.dataSync()[0] ?? 0 };
  loss.dispose();
  (correct as TF.Scalar | null)?.dispose();
  return out;
}

/**
 * The model's outputs for n examples, `chunk` at a time so memory stays small: n·k floats, row i
 * = example i (k = the model's output width). A fresh array; leaves no tensor behind.
 */
export function predictRows(tf: Tf, model: TF.LayersModel, x: Float32Array, inputShape: readonly number[], n: number, chunk = 250): Float32Array {
  const per = inputShape.reduce((a, b) => a * b, 1);
  const k = Number(model.outputs[0]!.shape[1]);
  const out = new Float32Array(n * k);
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const p = tf.tidy(() => model.predict(tf.tensor(x.subarray(start * per, (start + m) * per), [m, ...inputShape])) as TF.Tensor2D);
    out.set(p.dataSync(), start * k);
    p.dispose();
  }
  return out;
}
