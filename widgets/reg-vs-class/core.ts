/**
 * Regression vs classification on the same temperature data (pure, no DOM).
 *
 * Data: one year of the seeded weather of lib/data/weather.ts, DAYS = 366 days → 365 examples
 * (today's temperature T → tomorrow's temperature T′). The only input is T.
 *
 * Both networks have the SAME body, 1 → HIDDEN tanh neurons → 1 output, and the same initial
 * weights (same seed); they differ only in the output neuron and the loss:
 *   regressor:  linear output, mean squared error;  it predicts z′ = (T′ − μ′)/σ′ and the view
 *               shows T̂′ = μ′ + σ′·ẑ′ in °C (μ′, σ′: mean and std of tomorrow's temperature);
 *   classifier: sigmoid output, binary cross-entropy; it predicts p = P(calor), "calor" meaning
 *               T′ ≥ threshold (°C); it says "calor" when p ≥ 0.5.
 * The input is normalised the same way for both: z = (T − μ)/σ with μ, σ of today's temperatures.
 * Because the regressor learns on z′, its MSE in °C² is the engine's loss times σ′².
 */
import { BCE, Mlp, makeDataset, type Dataset } from '../lib/nn';
import { examples, generateWeather, type Day } from '../lib/data/weather';
import { accuracy, confusion, denormalize, fitNorm, hotLabel, mae, mse, normalize, type Confusion, type Norm } from '../lib/nn/metrics';

export const DAYS = 366;
export const HIDDEN = 8;
/** Full-batch epochs per training run (each epoch is one gradient step on all 365 examples). */
export const EPOCHS = 600;

export interface Problem {
  days: Day[];
  /** μ, σ of today's temperature (the input). */
  xNorm: Norm;
  /** μ′, σ′ of tomorrow's temperature (the regression target). */
  yNorm: Norm;
  /** Lowest and highest temperature in the data (°C), for chart domains. */
  range: [number, number];
}

export function makeProblem(seed: number): Problem {
  const days = examples(generateWeather(DAYS, seed));
  const all = days.flatMap((d) => [d.today, d.tomorrow]);
  return {
    days,
    xNorm: fitNorm(days.map((d) => d.today)),
    yNorm: fitNorm(days.map((d) => d.tomorrow)),
    range: [Math.min(...all), Math.max(...all)],
  };
}

/** Inputs z = (T − μ)/σ, targets z′ = (T′ − μ′)/σ′, both [365, 1]. */
export function regressionData(p: Problem): Dataset {
  return makeDataset(
    p.days.map((d) => [normalize(d.today, p.xNorm)]),
    p.days.map((d) => [normalize(d.tomorrow, p.yNorm)]),
  );
}

/** Inputs z = (T − μ)/σ, targets 1 ("calor", T′ ≥ threshold) or 0 ("frío"), both [365, 1]. */
export function classificationData(p: Problem, threshold: number): Dataset {
  return makeDataset(
    p.days.map((d) => [normalize(d.today, p.xNorm)]),
    p.days.map((d) => [hotLabel(d.tomorrow, threshold)]),
  );
}

export const makeRegressor = (seed: number): Mlp =>
  new Mlp({ sizes: [1, HIDDEN, 1], activations: ['tanh', 'linear'], seed });
export const makeClassifier = (seed: number): Mlp =>
  new Mlp({ sizes: [1, HIDDEN, 1], activations: ['tanh', 'sigmoid'], seed });

/** Regressor's forecast for tomorrow (°C) given today's temperature (°C). */
export function predictDegrees(net: Mlp, p: Problem, today: number): number {
  return denormalize(net.predict([normalize(today, p.xNorm)])[0]!, p.yNorm);
}

/** Classifier's probability that tomorrow is "calor", given today's temperature (°C). */
export function predictHot(net: Mlp, p: Problem, today: number): number {
  return net.predict([normalize(today, p.xNorm)])[0]!;
}

/** Converts the regressor's loss on z′ into °C²: MSE(°C²) = σ′² · MSE(z′). */
export const lossToDegrees2 = (lossZ: number, p: Problem): number => lossZ * p.yNorm.std * p.yNorm.std;

/** Outputs of `net` for every example, [365] (°C for the regressor, p for the classifier). */
function outputs(net: Mlp, p: Problem): { out: number[]; logits: Float32Array | Float64Array } {
  const X = Float32Array.from(p.days, (d) => normalize(d.today, p.xNorm));
  const out = Array.from(net.forwardBatch(X, p.days.length));
  return { out, logits: net.outputLayer.net.slice() };
}

export interface RegEval {
  /** °C² */
  mse: number;
  /** °C */
  rmse: number;
  /** °C */
  mae: number;
}

export function evalRegression(net: Mlp, p: Problem): RegEval {
  const pred = outputs(net, p).out.map((z) => denormalize(z, p.yNorm));
  const real = p.days.map((d) => d.tomorrow);
  const m = mse(pred, real);
  return { mse: m, rmse: Math.sqrt(m), mae: mae(pred, real) };
}

export interface ClsEval {
  /** Binary cross-entropy (nats per example). */
  bce: number;
  /** 0 … 1 */
  accuracy: number;
  confusion: Confusion;
  /** Examples labelled "calor". */
  hot: number;
}

export function evalClassification(net: Mlp, p: Problem, threshold: number): ClsEval {
  const { out, logits } = outputs(net, p);
  const real = p.days.map((d) => hotLabel(d.tomorrow, threshold));
  const pred = out.map((q) => (q >= 0.5 ? 1 : 0));
  return {
    bce: BCE.compute(logits, real, real.length, 1).loss,
    accuracy: accuracy(pred, real),
    confusion: confusion(pred, real),
    hot: real.reduce((s, v) => s + v, 0),
  };
}

/**
 * n + 1 points (T, output) with T evenly spaced in [lo, hi] (°C): the output is °C for the
 * regressor, p for the classifier. One batched forward pass (cheap enough for every frame).
 */
export function curve(net: Mlp, p: Problem, kind: 'reg' | 'cls', lo: number, hi: number, n = 120): { x: number; y: number }[] {
  const xs = Array.from({ length: n + 1 }, (_, k) => lo + ((hi - lo) * k) / n);
  const out = net.forwardBatch(Float32Array.from(xs, (x) => normalize(x, p.xNorm)), n + 1);
  return xs.map((x, k) => ({ x, y: kind === 'reg' ? denormalize(out[k]!, p.yNorm) : out[k]! }));
}

/**
 * Today's temperatures (°C) in [lo, hi] where the classifier's probability crosses 0.5, found on
 * a grid of n steps and refined by linear interpolation. Usually one (a single frontier).
 */
export function decisionBoundaries(net: Mlp, p: Problem, lo: number, hi: number, n = 400): number[] {
  const c = curve(net, p, 'cls', lo, hi, n);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const a = c[k]!;
    const b = c[k + 1]!;
    if ((a.y - 0.5) * (b.y - 0.5) < 0 || (a.y === 0.5 && k > 0)) {
      out.push(a.y === b.y ? a.x : a.x + ((0.5 - a.y) * (b.x - a.x)) / (b.y - a.y));
    }
  }
  return out;
}
