/**
 * The gradient of a 2-D convolution with respect to its filter (tfjs kernel Conv2DBackpropFilter),
 * written for speed on plain Float32Arrays, and its registration into a tfjs backend.
 *
 * Why it exists: tfjs 4.22's wasm backend has no Conv2DBackpropFilter kernel (so it cannot train a
 * CNN at all), and the CPU backend's version reads every element through TensorBuffer.get, which
 * makes it the slowest step of training by far. Registering this kernel for 'wasm' and 'cpu'
 * makes both usable for the lesson-10 trainer. Checked against tfjs's own CPU kernel in
 * tests/unit/cnn-backprop-filter.test.ts.
 *
 * Layout NHWC (channels last), no dilation (tfjs's conv gradient only supports dilation 1):
 *   x   [n, h, w, ci]      input of the convolution
 *   dy  [n, oh, ow, co]    gradient of the loss with respect to the convolution's output
 *   dW  [kh, kw, ci, co]   result: dW[a, b, c, f] = Σ_{n, y, x} x[n, y·sy + a − top, x·sx + b − left, c] · dy[n, y, x, f]
 * with input positions outside the image counted as zero (padding).
 */

export interface BackpropFilterGeometry {
  xShape: readonly [number, number, number, number];
  dyShape: readonly [number, number, number, number];
  filterShape: readonly [number, number, number, number];
  /** [sy, sx] in pixels. */
  strides: readonly [number, number];
  /** Zero rows above and zero columns left of the input (the rest of the padding changes nothing here). */
  padTop: number;
  padLeft: number;
}

/** dW as in the module comment; `out` (kh·kw·ci·co values) is overwritten when given. */
export function conv2dBackpropFilter(x: Float32Array, dy: Float32Array, g: BackpropFilterGeometry, out?: Float32Array): Float32Array {
  const [n, h, w, ci] = g.xShape;
  const [n2, oh, ow, co] = g.dyShape;
  const [kh, kw, fci, fco] = g.filterShape;
  if (n !== n2 || fci !== ci || fco !== co) throw new RangeError('conv2dBackpropFilter: shapes do not match');
  if (x.length !== n * h * w * ci || dy.length !== n * oh * ow * co) throw new RangeError('conv2dBackpropFilter: data length does not match its shape');
  const size = kh * kw * ci * co;
  const dW = out ?? new Float32Array(size);
  if (dW.length !== size) throw new RangeError(`conv2dBackpropFilter: out needs ${size} values`);
  dW.fill(0);
  const [sy, sx] = g.strides;
  // Loop order: for each output position, spread dy[n, y, x, :] over the window it saw. The input
  // value is read once per (window cell, channel) and skipped when zero, which is common: images
  // have a black background and ReLU outputs are often zero.
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let xo = 0; xo < ow; xo++) {
        const dyAt = ((b * oh + y) * ow + xo) * co;
        for (let a = 0; a < kh; a++) {
          const iy = y * sy + a - g.padTop;
          if (iy < 0 || iy >= h) continue;
          for (let c2 = 0; c2 < kw; c2++) {
            const ix = xo * sx + c2 - g.padLeft;
            if (ix < 0 || ix >= w) continue;
            const xAt = ((b * h + iy) * w + ix) * ci;
            const wAt = (a * kw + c2) * ci * co;
            for (let c = 0; c < ci; c++) {
              const v = x[xAt + c]!;
              if (v === 0) continue;
              const row = wAt + c * co;
              for (let f = 0; f < co; f++) dW[row + f]! += v * dy[dyAt + f]!;
            }
          }
        }
      }
    }
  }
  return dW;
}

/* ---- registration into tfjs (the tf module is passed in: this file never imports tfjs) ---- */

interface TensorInfoLike {
  dataId: object;
  shape: number[];
  dtype: string;
}

interface BackendLike {
  readSync(dataId: object): unknown;
  makeOutput?(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): TensorInfoLike;
  makeTensorInfo?(shape: number[], dtype: 'float32', values?: Float32Array): TensorInfoLike;
}

interface ConvInfoLike {
  padInfo: { top: number; left: number };
  strideHeight: number;
  strideWidth: number;
  outHeight: number;
  outWidth: number;
}

/** The parts of the tfjs module this file uses. */
export interface TfKernelApi {
  registerKernel(config: { kernelName: string; backendName: string; kernelFunc: (args: never) => unknown }): void;
  unregisterKernel(kernelName: string, backendName: string): void;
  getKernel(kernelName: string, backendName: string): unknown;
  backend_util: {
    computeConv2DInfo(inShape: [number, number, number, number], filterShape: [number, number, number, number],
      strides: number | [number, number], dilations: number | [number, number], pad: unknown,
      roundingMode?: unknown, depthwise?: boolean, dataFormat?: 'channelsFirst' | 'channelsLast'): ConvInfoLike;
  };
}

interface KernelArgs {
  inputs: { x: TensorInfoLike; dy: TensorInfoLike };
  backend: BackendLike;
  attrs: { strides: number | [number, number]; pad: unknown; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: unknown; filterShape: [number, number, number, number] };
}

const asFloat32 = (v: unknown): Float32Array => (v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>));

/** Installs conv2dBackpropFilter as the Conv2DBackpropFilter kernel of `backendName` ('wasm' or 'cpu'). */
export function registerFastBackpropFilter(tf: TfKernelApi, backendName: 'wasm' | 'cpu'): void {
  const kernelName = 'Conv2DBackpropFilter';
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): TensorInfoLike => {
    if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter: only NHWC is supported');
    const { x, dy } = inputs;
    const xShape = x.shape as [number, number, number, number];
    const info = tf.backend_util.computeConv2DInfo(xShape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
    const dW = conv2dBackpropFilter(asFloat32(backend.readSync(x.dataId)), asFloat32(backend.readSync(dy.dataId)), {
      xShape,
      dyShape: dy.shape as [number, number, number, number],
      filterShape: attrs.filterShape,
      strides: [info.strideHeight, info.strideWidth],
      padTop: info.padInfo.top,
      padLeft: info.padInfo.left,
    });
    const shape = [...attrs.filterShape];
    // The two backends name their "new tensor from these values" method differently.
    const made = backendName === 'wasm'
      ? backend.makeOutput?.(shape, 'float32', undefined, dW)
      : backend.makeTensorInfo?.(shape, 'float32', dW);
    if (!made) throw new Error(`Conv2DBackpropFilter: backend ${backendName} cannot make outputs`);
    return made;
  };
  tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as (args: never) => unknown });
}
