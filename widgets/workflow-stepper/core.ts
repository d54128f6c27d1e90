/**
 * The deep-learning workflow of lesson 07, stage by stage, on the seeded temperature data of
 * lib/data/weather.ts (pure, no DOM). Each stage is a function of the previous stages'
 * outputs, so the view can keep every output and rerun only what changed.
 *
 *   1 collect     days → Day[] (today's T °C, day of the year d) → tomorrow's T′ °C
 *   2 preprocess  split the examples into training / validation / test (70 / 15 / 15 %, disjoint),
 *                 then fit μ, σ of T, d and T′ on the TRAINING set only and normalise:
 *                 z = (x − μ)/σ. (Fitting them on all the data would leak test information.)
 *   3 design      a 2 → H → 1 network: H hidden neurons with the chosen activation, linear output.
 *   4 train       mean squared error on the normalised target, full-batch gradient descent.
 *   5 evaluate    MAE and RMSE in °C on the test set, against the baseline "mañana = hoy".
 *   6 infer       (T, d) → T̂′ = μ′ + σ′·net(z_T, z_d), in °C.
 */
import { Mlp, makeDataset, train, type ActivationName, type Dataset, type Trainer } from '../lib/nn';
import { examples, generateWeather, type Day } from '../lib/data/weather';
import { denormalize, fitNorm, mae, mse, normalize, persistence, rmse, splitIndices, type Norm, type Split } from '../lib/nn/metrics';

export const VAL_FRACTION = 0.15;
export const TEST_FRACTION = 0.15;
/** The split's shuffle uses seed + SPLIT_SEED_OFFSET, so it does not reuse the weather's random numbers. */
export const SPLIT_SEED_OFFSET = 1000;

export const STAGES = [
  { id: 'collect', label: 'Recoger datos' },
  { id: 'preprocess', label: 'Preprocesar' },
  { id: 'design', label: 'Diseñar' },
  { id: 'train', label: 'Entrenar' },
  { id: 'evaluate', label: 'Evaluar' },
  { id: 'infer', label: 'Inferir' },
] as const;
export type StageId = (typeof STAGES)[number]['id'];

export interface Collected {
  nDays: number;
  seed: number;
  /** Daily temperatures (°C) and days of the year, [nDays]. */
  temp: number[];
  doy: number[];
  /** nDays − 1 examples (T_t, d_t) → T_(t+1). */
  days: Day[];
}

export function collect(nDays: number, seed: number): Collected {
  const w = generateWeather(nDays, seed);
  return { nDays, seed, temp: w.temp, doy: w.doy, days: examples(w) };
}

export interface Prepared {
  split: Split;
  /** μ, σ fitted on the training examples: today's temperature, day of the year, tomorrow's temperature. */
  norm: { today: Norm; doy: Norm; tomorrow: Norm };
  /** Normalised datasets: inputs [n, 2] = (z_T, z_d), target [n, 1] = z_T′. */
  train: Dataset;
  val: Dataset;
  test: Dataset;
}

/** The normalised inputs (z_T, z_d) of one example. */
export const inputsOf = (today: number, doy: number, n: Prepared['norm']): [number, number] => [
  normalize(today, n.today),
  normalize(doy, n.doy),
];

export function preprocess(c: Collected): Prepared {
  const split = splitIndices(c.days.length, c.seed + SPLIT_SEED_OFFSET, VAL_FRACTION, TEST_FRACTION);
  const tr = split.train.map((i) => c.days[i]!);
  const norm = {
    today: fitNorm(tr.map((d) => d.today)),
    doy: fitNorm(tr.map((d) => d.doy)),
    tomorrow: fitNorm(tr.map((d) => d.tomorrow)),
  };
  const data = (idx: number[]): Dataset =>
    makeDataset(
      idx.map((i) => inputsOf(c.days[i]!.today, c.days[i]!.doy, norm)),
      idx.map((i) => [normalize(c.days[i]!.tomorrow, norm.tomorrow)]),
    );
  return { split, norm, train: data(split.train), val: data(split.val), test: data(split.test) };
}

export type HiddenActivation = Extract<ActivationName, 'tanh' | 'relu' | 'sigmoid'>;
export interface Design {
  hidden: number;
  activation: HiddenActivation;
}

/** Weights and biases of a 2 → H → 1 network: (2·H + H) in the hidden layer, (H + 1) in the output. */
export const paramCount = (hidden: number): number => 2 * hidden + hidden + hidden + 1;

export function buildNet(d: Design, seed: number): Mlp {
  return new Mlp({ sizes: [2, d.hidden, 1], activations: [d.activation, 'linear'], seed });
}

/** Full-batch gradient descent with MSE on the normalised training set. */
export function makeTrainer(net: Mlp, p: Prepared, lr: number, epochs: number): Trainer {
  return train(net, p.train, { lr, epochs, loss: 'mse' });
}

/** A loss on z′ expressed in °C²: MSE(°C²) = σ′² · MSE(z′). */
export const toDegrees2 = (lossZ: number, p: Prepared): number => lossZ * p.norm.tomorrow.std ** 2;

/** Predictions in °C for every example of a dataset made by preprocess. */
export function predictSet(net: Mlp, p: Prepared, data: Dataset): number[] {
  const out = net.forwardBatch(data.x.slice(), data.n);
  return Array.from(out, (z) => denormalize(z, p.norm.tomorrow));
}

/** Mean squared error (°C²) of the network on the validation set. */
export function valLoss(net: Mlp, c: Collected, p: Prepared): number {
  return mse(predictSet(net, p, p.val), p.split.val.map((i) => c.days[i]!.tomorrow));
}

export interface Scores {
  mae: number;
  rmse: number;
}
export interface Evaluation {
  n: number;
  model: Scores;
  baseline: Scores;
}

/** Test-set errors (°C) of the network and of the baseline "mañana = hoy". */
export function evaluate(net: Mlp, c: Collected, p: Prepared): Evaluation {
  const test = p.split.test.map((i) => c.days[i]!);
  const real = test.map((d) => d.tomorrow);
  const pred = predictSet(net, p, p.test);
  const base = test.map((d) => persistence(d.today));
  return {
    n: test.length,
    model: { mae: mae(pred, real), rmse: rmse(pred, real) },
    baseline: { mae: mae(base, real), rmse: rmse(base, real) },
  };
}

/** Forecast (°C) for tomorrow from today's temperature (°C) and day of the year (0 … 364). */
export function infer(net: Mlp, p: Prepared, today: number, doy: number): number {
  return denormalize(net.predict(inputsOf(today, doy, p.norm))[0]!, p.norm.tomorrow);
}
