/**
 * Live keyword detection over a stream of feature rows (pure, no DOM, no clock: time comes from
 * sample counts). Keeps the last `frames` rows; every `everyHops` new frames it asks `infer` for the
 * posteriors of the window (rows oldest first, [frames][bins]) and feeds RecognizeCommands.
 * Time of a result (ms) = end of its newest frame = (frameIndex·hop + frameLength) / rate · 1000.
 * RecognizeCommands treats labels[0] as «silence» (micro_speech), so the recognizer gets the
 * classes reordered with `silenceLabel` first (scores permuted to match); detections of the
 * `quietLabels` (silencio, desconocido: not commands) are kept in the history but not reported.
 * History: the results of the last `spanMs` ms (posteriors in the model's class order, the
 * averages when reliable, and the detections with their suppression end).
 */
import { RecognizeCommands, type RecognizeSettings } from '../audio/recognize';

export interface TimelineOptions {
  classes: readonly string[];
  frames: number;
  /** Samples per hop and per frame, and Hz (320, 480, 16000). */
  hopLength: number;
  frameLength: number;
  sampleRate: number;
  everyHops: number;
  settings: Partial<RecognizeSettings>;
  silenceLabel?: string;
  quietLabels?: readonly string[];
  /** ms of history kept (5000). */
  spanMs?: number;
}

export interface TimelinePoint {
  timeMs: number;
  /** Posteriors in `classes` order. */
  probs: Float32Array;
  /** Averages in `classes` order (null while not reliable). */
  averages: Float64Array | null;
}

export interface Detection {
  timeMs: number;
  label: string;
  /** ms: the same label cannot fire again before this. */
  suppressedUntilMs: number;
  quiet: boolean;
}

export class LiveTimeline {
  readonly o: Required<TimelineOptions>;
  readonly points: TimelinePoint[] = [];
  readonly detections: Detection[] = [];
  #rows: ArrayLike<number>[] = [];
  #frame = 0;
  #rec: RecognizeCommands;
  /** recognizer label index → class index. */
  #order: number[];
  inferences = 0;

  constructor(o: TimelineOptions) {
    this.o = { silenceLabel: 'silencio', quietLabels: ['silencio', 'desconocido'], spanMs: 5000, ...o };
    const s = this.o.classes.indexOf(this.o.silenceLabel);
    this.#order = s < 0 ? this.o.classes.map((_, i) => i) : [s, ...this.o.classes.map((_, i) => i).filter((i) => i !== s)];
    this.#rec = new RecognizeCommands(this.#order.map((i) => this.o.classes[i]!), this.o.settings);
  }

  /** New settings start the recognizer over (the history stays). */
  setSettings(settings: Partial<RecognizeSettings>, everyHops = this.o.everyHops): void {
    this.o.settings = settings;
    this.o.everyHops = everyHops;
    this.#rec = new RecognizeCommands(this.#order.map((i) => this.o.classes[i]!), settings);
  }

  /** Labels of the reported (non-quiet) detections so far. */
  get labels(): string[] {
    return this.detections.filter((d) => !d.quiet).map((d) => d.label);
  }

  /** Appends feature rows; returns the detections fired by them. */
  push(rows: readonly ArrayLike<number>[], infer: (window: ArrayLike<number>[]) => ArrayLike<number>): Detection[] {
    const fired: Detection[] = [];
    const { frames, hopLength, frameLength, sampleRate, everyHops, spanMs } = this.o;
    for (const row of rows) {
      this.#rows.push(row);
      if (this.#rows.length > frames) this.#rows.shift();
      const t = ((this.#frame * hopLength + frameLength) / sampleRate) * 1000;
      this.#frame++;
      if (this.#rows.length < frames || (this.#frame - frames) % everyHops !== 0) continue;
      const probs = Float32Array.from(infer(this.#rows));
      this.inferences++;
      const r = this.#rec.process(this.#order.map((i) => probs[i]!), t);
      let averages: Float64Array | null = null;
      if (r.averages) {
        averages = new Float64Array(probs.length);
        this.#order.forEach((c, k) => { averages![c] = r.averages![k]!; });
      }
      this.points.push({ timeMs: t, probs, averages });
      if (r.isNewCommand) {
        const d = { timeMs: t, label: r.label, suppressedUntilMs: t + this.#rec.settings.suppressionMs, quiet: this.o.quietLabels.includes(r.label) };
        this.detections.push(d);
        fired.push(d);
      }
    }
    const t0 = (this.points[this.points.length - 1]?.timeMs ?? 0) - spanMs;
    while (this.points.length && this.points[0]!.timeMs < t0) this.points.shift();
    return fired;
  }
}
