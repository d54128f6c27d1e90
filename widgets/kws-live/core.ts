/**
 * Live keyword detection, the pure part (no DOM, no clock: time comes from sample counts).
 *
 * Pipeline (micro_speech's factoring, DESIGN.md §6): 16 kHz samples → FeatureProvider (the
 * model's features: MFCC or log-mel rows, KwsMeta.params over AUDIO_DEFAULTS) → every `everyHops`
 * new frames, the model on the last `meta.frames` rows (≈ 1 s), standardized per bin by the
 * contract's standardizeWindow → LiveTimeline → RecognizeCommands (average, threshold,
 * suppression, minimum count).
 *
 * The view's settings (the sliders, in the widget state) map to the recognizer as:
 *   averageWindowMs = ventana (ms), detectionThreshold = umbral (0…1),
 *   suppressionMs = suprimir (ms), minimumCount = minimo,
 *   everyHops = max(1, round(cada / hopMs)), hopMs = hopLength / sampleRate · 1000 (20 ms).
 *
 * Timeline geometry: the view shows the last `spanMs` ms (5000) ending at the newest result;
 * x(t) = x0 + (t − (end − spanMs)) / spanMs · (x1 − x0).
 */
import { AUDIO_DEFAULTS, FeatureProvider, type AudioParams } from '../lib/audio/features';
import { RECOGNIZE_DEFAULTS, type RecognizeSettings } from '../lib/audio/recognize';
import { standardizeWindow, type KwsMeta } from '../lib/kws/contract';
import { LiveTimeline, type Detection, type TimelinePoint } from '../lib/kws/timeline';

/** The recognizer's knobs as the widget stores them (ms, 0…1, ms, count, ms). */
export interface LiveSettings {
  ventana: number;
  umbral: number;
  suprimir: number;
  minimo: number;
  cada: number;
}

/** micro_speech's defaults (threshold 200/256 shown rounded to 0.78) and one inference every 100 ms. */
export const LIVE_DEFAULTS: Readonly<LiveSettings> = Object.freeze({
  ventana: RECOGNIZE_DEFAULTS.averageWindowMs,
  umbral: 0.78,
  suprimir: RECOGNIZE_DEFAULTS.suppressionMs,
  minimo: RECOGNIZE_DEFAULTS.minimumCount,
  cada: 100,
});

/** ms between feature frames (20 with the defaults). */
export function hopMs(params: Partial<AudioParams> = {}): number {
  const p = { ...AUDIO_DEFAULTS, ...params };
  return (p.hopLength / p.sampleRate) * 1000;
}

/** Slider values → RecognizeCommands settings and the inference stride in frames. */
export function recognizerSettings(s: LiveSettings, params: Partial<AudioParams> = {}): { settings: RecognizeSettings; everyHops: number } {
  return {
    settings: { averageWindowMs: s.ventana, detectionThreshold: s.umbral, suppressionMs: s.suprimir, minimumCount: s.minimo },
    everyHops: Math.max(1, Math.round(s.cada / hopMs(params))),
  };
}

/** The ms between inferences that `cada` really gives (a whole number of hops). */
export function effectiveEveryMs(cada: number, params: Partial<AudioParams> = {}): number {
  return recognizerSettings({ ...LIVE_DEFAULTS, cada }, params).everyHops * hopMs(params);
}

export type Infer = (window: Float32Array) => ArrayLike<number>;

/**
 * One live stream: push 16 kHz samples, get the detections they fired. `infer` gets the
 * standardized window (frames·bins, row-major) and returns the posteriors in meta.classes order.
 */
export class LiveEngine {
  readonly meta: KwsMeta;
  readonly timeline: LiveTimeline;
  #features: FeatureProvider;
  #infer: Infer;

  constructor(meta: KwsMeta, infer: Infer, s: LiveSettings, spanMs = 5000) {
    this.meta = meta;
    this.#infer = infer;
    this.#features = new FeatureProvider(meta.params);
    const p = this.#features.params;
    const r = recognizerSettings(s, meta.params);
    this.timeline = new LiveTimeline({
      classes: meta.classes, frames: meta.frames, hopLength: p.hopLength, frameLength: p.frameLength, sampleRate: p.sampleRate,
      everyHops: r.everyHops, settings: r.settings, spanMs,
    });
  }

  /** New settings: the recognizer starts over, the history stays. */
  setSettings(s: LiveSettings): void {
    const r = recognizerSettings(s, this.meta.params);
    this.timeline.setSettings(r.settings, r.everyHops);
  }

  /** Samples received so far (16 kHz). */
  get samples(): number {
    return this.#features.samples;
  }

  push(samples: ArrayLike<number>): Detection[] {
    const f = this.#features.push(samples);
    const rows = this.meta.feature === 'mfcc' ? f.mfcc : f.logmel;
    if (rows.length === 0) return [];
    return this.timeline.push(rows, (w) => this.#infer(standardizeWindow(w, this.meta)));
  }
}

/** `before` s of `pad`, the sample, `after` s of `pad` (pad repeated or cut to length; 16 kHz). */
export function withPadding(sample: Float32Array, pad: Float32Array, before = 1, after = 1, rate = 16000): Float32Array {
  const nb = Math.round(before * rate);
  const na = Math.round(after * rate);
  const out = new Float32Array(nb + sample.length + na);
  const fill = (at: number, n: number): void => {
    if (pad.length === 0) return;
    for (let i = 0; i < n; i++) out[at + i] = pad[i % pad.length]!;
  };
  fill(0, nb);
  out.set(sample, nb);
  fill(nb + sample.length, na);
  return out;
}

/** Visible window of the timeline: [endMs − spanMs, endMs] drawn over [x0, x1] px. */
export interface View {
  endMs: number;
  spanMs: number;
  x0: number;
  x1: number;
}

/** The window ending at the newest point (or at spanMs before there is one). */
export function viewOf(points: readonly TimelinePoint[], x0: number, x1: number, spanMs = 5000): View {
  const last = points[points.length - 1];
  return { endMs: Math.max(spanMs, last ? last.timeMs : 0), spanMs, x0, x1 };
}

/** px of time t (ms). */
export function timeToX(t: number, v: View): number {
  return v.x0 + ((t - (v.endMs - v.spanMs)) / v.spanMs) * (v.x1 - v.x0);
}

/** Detections whose [timeMs, suppressedUntilMs] overlaps the view (reported ones only unless `quiet`). */
export function detectionsInView(dets: readonly Detection[], v: View, quiet = false): Detection[] {
  const t0 = v.endMs - v.spanMs;
  return dets.filter((d) => (quiet || !d.quiet) && d.suppressedUntilMs >= t0 && d.timeMs <= v.endMs);
}

/** The shaded suppression band of a detection, clipped to the view: x and width (px). */
export function suppressionBand(d: Detection, v: View): { x: number; width: number } {
  const a = Math.max(v.x0, timeToX(d.timeMs, v));
  const b = Math.min(v.x1, timeToX(d.suppressedUntilMs, v));
  return { x: a, width: Math.max(0, b - a) };
}

/**
 * SVG path of one series over the view: `value(p)` in 0…1 (null breaks the line), y = y0 at 1
 * and y1 at 0. Points before the view are skipped.
 */
export function seriesPath(points: readonly TimelinePoint[], value: (p: TimelinePoint) => number | null, v: View, y0: number, y1: number): string {
  const t0 = v.endMs - v.spanMs;
  let d = '';
  let pen = false;
  for (const p of points) {
    const y = p.timeMs < t0 ? null : value(p);
    if (y === null || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const py = y1 + (y0 - y1) * Math.min(1, Math.max(0, y));
    d += `${pen ? 'L' : 'M'}${timeToX(p.timeMs, v).toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Reported detections counted per label, in `labels` order (quiet labels skipped). */
export function countByLabel(dets: readonly Detection[], labels: readonly string[]): Map<string, number> {
  const m = new Map<string, number>(labels.map((l) => [l, 0]));
  for (const d of dets) if (!d.quiet && m.has(d.label)) m.set(d.label, m.get(d.label)! + 1);
  return m;
}

/** The keywords: classes that are not silence or unknown. */
export function keywordsOf(classes: readonly string[], quiet: readonly string[] = ['silencio', 'desconocido']): string[] {
  return classes.filter((c) => !quiet.includes(c));
}
