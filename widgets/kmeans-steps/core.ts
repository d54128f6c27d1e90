/**
 * K-means step by step (pure): the points of the plane, the whole run as a list of steps
 * (lib/kmeans kmeansTrace: init, assign, then update/assign pairs until no point changes
 * cluster or 100 iterations), the step shown, and the elbow curve for k = 1 … 8.
 *
 * Two data sets:
 * - «grupos»: three seeded blobs in the square [0, 10]² (arbitrary units), plus the points the
 *   student adds (`extra`, flat [x0, y0, x1, y1, …]).
 * - «movimiento»: the 48 windows of lesson 15's example data set (lib/motion/example), two of
 *   their 33 spectral features, each standardised z = (x − μ)/σ over the 48 windows so both
 *   axes weigh the same in the distance (the student's extra points are not used there).
 */
import { createRng } from '../lib/rng/rng';
import { elbowCurve, kmeansTrace, type KMeansStep, type KMeansTrace } from '../lib/kmeans/kmeans';
import { exampleRecordings } from '../lib/motion/example';
import { featurizeRecordings, type FeatureSet } from '../lib/motion/featurize';
import { fitStandardizer, standardize } from '../lib/motion/normalize';

export const DATASETS = ['grupos', 'movimiento'] as const;
export type DatasetId = (typeof DATASETS)[number];
export const DATASET_LABELS: Record<DatasetId, string> = { grupos: 'Puntos en el plano (tres grupos y los tuyos)', movimiento: 'Características de movimiento (lección 15)' };

/** Feature choices for «movimiento»: index into the 33 and a Spanish name. */
export const MOTION_FEATURES = [
  { id: 'x-rms', index: 0, label: 'RMS del eje x' },
  { id: 'y-rms', index: 11, label: 'RMS del eje y' },
  { id: 'z-rms', index: 22, label: 'RMS del eje z' },
  { id: 'x-pico', index: 2, label: 'Altura del primer pico, eje x' },
  { id: 'z-pico', index: 24, label: 'Altura del primer pico, eje z' },
  { id: 'x-f', index: 1, label: 'Frecuencia del primer pico, eje x' },
] as const;
export type MotionFeatureId = (typeof MOTION_FEATURES)[number]['id'];
export const MOTION_FEATURE_IDS = MOTION_FEATURES.map((f) => f.id) as unknown as readonly [MotionFeatureId, ...MotionFeatureId[]];

export const PLANE = { lo: 0, hi: 10 } as const;
export const ELBOW_MAX_K = 8;

export interface StepsState {
  datos: DatasetId;
  k: number;
  seed: number;
  paso: number;
  fx: MotionFeatureId;
  fy: MotionFeatureId;
  extra: number[];
}

/** Three seeded blobs of 12 points each in [0, 10]² (σ 0.8), clipped to the square. */
export function blobPoints(seed: number): number[][] {
  const rng = createRng(seed);
  const centres = [[2.5 + rng.uniform(-0.5, 0.5), 2.5 + rng.uniform(-0.5, 0.5)], [7.5 + rng.uniform(-0.5, 0.5), 3 + rng.uniform(-0.5, 0.5)], [5 + rng.uniform(-0.5, 0.5), 7.5 + rng.uniform(-0.5, 0.5)]];
  const clip = (v: number): number => Math.max(PLANE.lo, Math.min(PLANE.hi, v));
  return centres.flatMap((c) => Array.from({ length: 12 }, () => [clip(c[0]! + rng.normal(0, 0.8)), clip(c[1]! + rng.normal(0, 0.8))]));
}

let featureCache: FeatureSet | null = null;
const exampleFeatures = (): FeatureSet => (featureCache ??= featurizeRecordings(exampleRecordings()));

/** The 48 example windows on two standardised features; labels are the gesture names. */
export function motionPoints(fx: MotionFeatureId, fy: MotionFeatureId): { points: number[][]; labels: string[] } {
  const set = exampleFeatures();
  const ix = MOTION_FEATURES.find((f) => f.id === fx)!.index;
  const iy = MOTION_FEATURES.find((f) => f.id === fy)!.index;
  const raw = set.windows.map((w) => [w.features[ix]!, w.features[iy]!]);
  const s = fitStandardizer(raw);
  return { points: raw.map((r) => Array.from(standardize(s, r))), labels: set.windows.map((w) => set.classes[w.cls]!) };
}

export interface StepsView {
  points: number[][];
  /** Gesture of each point («movimiento»), else null. */
  labels: string[] | null;
  trace: KMeansTrace;
  /** The step shown, clamped to the run. */
  index: number;
  step: KMeansStep;
  /** Kind of the step after this one, or null at the end. */
  nextKind: KMeansStep['kind'] | null;
  /** Inertia after each step up to the one shown (init has none). */
  inertias: { index: number; kind: KMeansStep['kind']; inertia: number }[];
  elbow: { k: number; inertia: number }[];
  /** k actually used (at most the number of points). */
  k: number;
}

export function pointsOf(st: StepsState): { points: number[][]; labels: string[] | null } {
  if (st.datos === 'movimiento') return motionPoints(st.fx, st.fy);
  const pts = blobPoints(st.seed);
  for (let i = 0; i + 1 < st.extra.length; i += 2) pts.push([st.extra[i]!, st.extra[i + 1]!]);
  return { points: pts, labels: null };
}

const elbowCache = new Map<string, { k: number; inertia: number }[]>();

export function stepsView(st: StepsState): StepsView {
  const { points, labels } = pointsOf(st);
  const k = Math.max(1, Math.min(st.k, points.length));
  const trace = kmeansTrace(points, { k, seed: st.seed });
  const index = Math.max(0, Math.min(trace.steps.length - 1, Math.round(st.paso)));
  const key = `${st.datos}|${st.seed}|${st.fx}|${st.fy}|${st.extra.join(',')}`;
  let elbow = elbowCache.get(key);
  if (!elbow) {
    if (elbowCache.size > 16) elbowCache.clear();
    elbow = elbowCurve(points, ELBOW_MAX_K, st.seed);
    elbowCache.set(key, elbow);
  }
  const inertias = trace.steps.slice(0, index + 1).flatMap((s, i) => (s.inertia === null ? [] : [{ index: i, kind: s.kind, inertia: s.inertia }]));
  return { points, labels, trace, index, step: trace.steps[index]!, nextKind: trace.steps[index + 1]?.kind ?? null, inertias, elbow, k };
}

/** What the step shown did, in Spanish. */
export function stepSentence(v: StepsView, fmt: (x: number) => string): string {
  const s = v.step;
  const end = v.nextKind === null;
  const tail = end ? (v.trace.converged ? ' Ningún punto ha cambiado de grupo: el algoritmo ha convergido.' : ' Se alcanzó el máximo de 100 iteraciones.') : '';
  if (s.kind === 'init') return `Inicio (k-means++): ${v.k} centroides colocados sobre puntos de los datos, cada uno con más probabilidad cuanto más lejos está de los anteriores. Todavía no hay grupos.`;
  if (s.kind === 'assign') return `Asignación (iteración ${s.iteration}): cada punto se une a su centroide más cercano; ${s.changed} ${s.changed === 1 ? 'punto cambia' : 'puntos cambian'} de grupo. Inercia: ${fmt(s.inertia!)}.${tail}`;
  const re = s.reseeded.length ? ` ${s.reseeded.length === 1 ? 'El grupo' : 'Los grupos'} ${s.reseeded.map((c) => c + 1).join(', ')} se ${s.reseeded.length === 1 ? 'quedó' : 'quedaron'} sin puntos: su centroide se ha movido al punto más alejado de su propio centroide.` : '';
  return `Actualización (iteración ${s.iteration}): cada centroide se mueve a la media de sus puntos. Inercia: ${fmt(s.inertia!)}.${re}${tail}`;
}
