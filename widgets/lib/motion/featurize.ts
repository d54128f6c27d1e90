/**
 * Recordings → feature windows (pure): what the classifier trains on and what the explorer shows.
 *
 * Every recording at the data set's rate (`hz`, the rate of the first recording unless given) is
 * cut into windows of `windowMs` with a hop of `windowMs` (windows.ts slidingWindows: a 2 s
 * recording at 2 s gives exactly one window; a 10 s one gives five, with no overlap, so no
 * sample is in two windows); each window's three axes go through spectralFeatures (lib/dsp,
 * Edge Impulse's spectral block v1), 33 numbers with the default parameters. Recordings at
 * another rate or shorter than one window are skipped and listed with the reason (Spanish).
 * Classes keep the order in which they first appear in the recordings.
 */
import { spectralFeatureLabels, spectralFeatures, SPECTRAL_DEFAULTS, type SpectralParams } from '../dsp';
import type { Recording } from '../sensors/recording';
import type { MotionRow } from '../sensors/types';
import { recordingAxes, slidingWindows } from './windows';
import { fmt } from '../format/number';

export const DEFAULT_WINDOW_MS = 2000;

export interface FeatureWindow {
  /** Index into FeatureSet.recordings. */
  recording: number;
  /** Position of the window inside its recording, 0-based. */
  index: number;
  /** Class index into FeatureSet.classes. */
  cls: number;
  features: number[];
}

export interface FeatureRecording {
  id: string;
  label: string;
  cls: number;
  /** Indices into FeatureSet.windows. */
  windows: number[];
}

export interface FeatureSet {
  classes: string[];
  featureLabels: string[];
  hz: number;
  windowMs: number;
  params: SpectralParams;
  recordings: FeatureRecording[];
  windows: FeatureWindow[];
  skipped: { id: string; label: string; reason: string }[];
}

export interface FeaturizeOptions {
  windowMs?: number;
  hz?: number;
  params?: Partial<SpectralParams>;
}

/** Samples in one window: round(windowMs · hz / 1000). */
export const windowSamples = (windowMs: number, hz: number): number => Math.round((windowMs * hz) / 1000);

/** The features of one window of rows (exactly spectralFeatures on its three axes). */
export function windowFeatures(rows: MotionRow[], hz: number, params?: Partial<SpectralParams>): number[] {
  return spectralFeatures(recordingAxes(rows), hz, params).features;
}

export function featurizeRecordings(recs: readonly Recording[], o: FeaturizeOptions = {}): FeatureSet {
  const windowMs = o.windowMs ?? DEFAULT_WINDOW_MS;
  const hz = o.hz ?? recs[0]?.hz ?? 100;
  const params: SpectralParams = { ...SPECTRAL_DEFAULTS, ...o.params };
  const need = windowSamples(windowMs, hz);
  const fs: FeatureSet = {
    classes: [], featureLabels: spectralFeatureLabels(undefined, params), hz, windowMs, params,
    recordings: [], windows: [], skipped: [],
  };
  const fmtHz = (v: number): string => fmt(v, 2);
  for (const r of recs) {
    if (Math.abs(r.hz - hz) > 1e-9) {
      fs.skipped.push({ id: r.id, label: r.label, reason: `está grabada a ${fmtHz(r.hz)} Hz y el resto a ${fmtHz(hz)} Hz` });
      continue;
    }
    if (r.rows.length < need) {
      fs.skipped.push({ id: r.id, label: r.label, reason: `tiene ${r.rows.length} muestras, menos que una ventana (${need})` });
      continue;
    }
    let cls = fs.classes.indexOf(r.label);
    if (cls < 0) cls = fs.classes.push(r.label) - 1;
    const rec: FeatureRecording = { id: r.id, label: r.label, cls, windows: [] };
    const ri = fs.recordings.push(rec) - 1;
    slidingWindows(r.rows, hz, windowMs, windowMs).forEach((w, index) => {
      rec.windows.push(fs.windows.push({ recording: ri, index, cls, features: windowFeatures(w, hz, params) }) - 1);
    });
  }
  return fs;
}
