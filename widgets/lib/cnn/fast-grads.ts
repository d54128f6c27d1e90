/**
 * Faster gradients for Conv2D and MaxPool, written with ordinary tfjs ops (a convolution with
 * batch and channels swapped, a convolution with the flipped filter, upsampling by broadcasting)
 * so that each backend runs them with its best kernels (XNNPACK in wasm). tfjs's own gradients call Conv2DBackpropFilter,
 * Conv2DBackpropInput and MaxPoolGrad, which the wasm and CPU backends implement with plain loops
 * and which took ~85 % of a training step of the lesson-10 CNN.
 *
 * The math (NHWC, stride 1, dilation 1; x [n, h, w, ci], filter W [kh, kw, ci, co], dy [n, oh, ow, co],
 * pads top/left as tfjs computes them):
 *   dW[a, b, c, f] = Σ_{n, y, x} xpad[n, y + a, x + b, c] · dy[n, y, x, f]
 *                  = conv2d_valid(xpad^T, dy^T)[c, a, b, f]   with xpad^T [ci, h', w', n] and dy^T [oh, ow, n, co]
 *   dx = conv2d(dy, W'), W'[a, b, f, c] = W[kh − 1 − a, kw − 1 − b, c, f], padded kh − 1 − top above and kw − 1 − left on the left
 * MaxPool with window = stride = k and sizes divisible by k (the lesson's 2×2 pools):
 *   dx = up(dy) · [x = up(y)]        up() repeats each value over its k×k window
 * Where two inputs of one window tie for the maximum, tfjs gives the whole gradient to the first
 * and this version to each of them; after a ReLU a tie is almost always at 0, whose gradient the
 * ReLU zeroes anyway. Any other case (strides > 1, dilation, NCHW, odd sizes) uses tfjs's original
 * gradient. Checked against the originals in tests/unit/cnn-fast-grads.test.ts.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;
type T4 = TF.Tensor4D;

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | Pad4;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const both = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);
const ones = (v: number | [number, number]): boolean => both(v).every((k) => k === 1);

let installed: Tf | null = null;

/** Replaces the Conv2D and MaxPool gradients of this tfjs instance (idempotent). */
export function installFastGradients(tf: Tf): void {
  if (installed === tf) return;
  const convOriginal = tf.getGradient('Conv2D');
  const poolOriginal = tf.getGradient('MaxPool');
  if (!convOriginal || !poolOriginal) throw new Error('tfjs has no Conv2D/MaxPool gradient to replace');
  installed = tf;

  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dyIn, saved, attrsIn) => {
      const attrs = attrsIn as unknown as ConvAttrs;
      const [x, filter] = saved as [T4, T4];
      const dy = dyIn as T4;
      if (attrs.dataFormat === 'NCHW' || !ones(attrs.strides) || !ones(attrs.dilations)) {
        return convOriginal.gradFunc(dyIn, saved, attrsIn);
      }
      const [, h, w] = x.shape;
      const [kh, kw] = filter.shape;
      const info = tf.backend_util.computeConv2DInfo(x.shape, filter.shape, 1, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
      const { top, bottom, left, right } = info.padInfo;
      const [oh, ow] = [info.outHeight, info.outWidth];
      return {
        x: () => tf.tidy(() => {
          // Full correlation of dy with the flipped, transposed filter.
          const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
          const pt = kh - 1 - top;
          const pl = kw - 1 - left;
          const pb = h - oh - pt + kh - 1;
          const pr = w - ow - pl + kw - 1;
          return tf.conv2d(dy, flipped as T4, 1, [[0, 0], [pt, pb], [pl, pr], [0, 0]]);
        }),
        filter: () => tf.tidy(() => {
          // Batch and channels swap roles: a valid convolution of xpad^T [ci, h', w', n] with
          // dy^T [oh, ow, n, co] gives dW^T [ci, kh, kw, co].
          // The padding goes into the convolution itself (no padded copy of x).
          const dWt = tf.conv2d(tf.transpose(x, [3, 1, 2, 0]) as T4, tf.transpose(dy, [1, 2, 0, 3]) as T4, 1,
            [[0, 0], [top, bottom], [left, right], [0, 0]]);
          return tf.transpose(dWt, [1, 2, 0, 3]);
        }),
      };
    },
  });

  tf.registerGradient({
    kernelName: 'MaxPool',
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dyIn, saved, attrsIn) => {
      const attrs = attrsIn as unknown as PoolAttrs;
      const [x, y] = saved as [T4, T4];
      const [kh, kw] = both(attrs.filterSize);
      const [sh, sw] = both(attrs.strides);
      const [, h, w] = x.shape;
      const simple = kh === sh && kw === sw && h % kh === 0 && w % kw === 0 && (attrs.pad === 'valid' || attrs.pad === 'same' || attrs.pad === 0);
      if (!simple) return poolOriginal.gradFunc(dyIn, saved, attrsIn);
      return {
        x: () => tf.tidy(() => {
          // Repeat each value over its kh×kw window by broadcasting (cheaper than a resize op).
          const [n, ph, pw, c] = y.shape;
          const ones = tf.ones([1, kh, 1, kw, 1]);
          const up = (t: T4): T4 => tf.reshape(tf.mul(tf.reshape(t, [n * ph, 1, pw, 1, c]), ones), [n, h, w, c]);
          const mask = tf.cast(tf.equal(x, up(y)), 'float32');
          return tf.mul(up(dyIn as T4), mask);
        }),
      };
    },
  });
}
