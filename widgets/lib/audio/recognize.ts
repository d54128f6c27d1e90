/**
 * Command recognizer over a stream of model outputs (pure; no clock: the caller passes the time of
 * each result). The rules are those of TFLite Micro's micro_speech `RecognizeCommands`
 * (tensorflow/tflite-micro, examples/micro_speech/recognize_commands.cc), rewritten here for float
 * posteriors in [0, 1] instead of int8 scores:
 *
 *  1. Each call brings scores[labels.length] and timeMs (ms, never decreasing; a smaller time than
 *     the previous call's throws RangeError — micro_speech compares with the oldest result kept).
 *  2. The result joins a queue; results older than timeMs − averageWindowMs are dropped (a result
 *     exactly averageWindowMs old stays).
 *  3. Too little evidence: if the queue holds fewer than minimumCount results, or spans less than
 *     ⌊averageWindowMs / 4⌋ ms (timeMs − oldest time), the answer is the previous top label with
 *     score 0 and isNewCommand false (reliable: false).
 *  4. Otherwise each label's score is averaged over the queue; the top label is the first with the
 *     strictly highest average (all zero: labels[0]).
 *  5. Suppression: labels[0] plays micro_speech's «silence». If the previous top label is labels[0]
 *     (as it is at the start), the time since it is taken as infinite; else it is timeMs − the
 *     time the previous top label fired.
 *  6. A new command fires when top average > detectionThreshold and (the top label differs from
 *     the previous top label, or the time since the previous one > suppressionMs). Firing sets the
 *     previous top label and its time; note that a repeated labels[0] above the threshold fires on
 *     every call, as in micro_speech (callers usually ignore silence detections).
 *  7. The answer is the top label and its average, whether it fired or not.
 * Differences, on purpose: averages are float means (micro_speech: integer division of uint8
 * sums); the queue has no fixed capacity (micro_speech: 50 results, later pushes are lost).
 * Defaults are micro_speech's: 1000 ms, threshold 200/256 (its int8 output scale 1/256), 1500 ms, 3.
 */

export interface RecognizeSettings {
  /** ms of results averaged. */
  averageWindowMs: number;
  /** Average posterior (0…1) a label must exceed to fire. */
  detectionThreshold: number;
  /** ms after a detection during which the same label does not fire again. */
  suppressionMs: number;
  /** Results needed in the window before any answer counts. */
  minimumCount: number;
}

export const RECOGNIZE_DEFAULTS: Readonly<RecognizeSettings> = Object.freeze({
  averageWindowMs: 1000,
  detectionThreshold: 200 / 256,
  suppressionMs: 1500,
  minimumCount: 3,
});

export interface Recognition {
  /** ms, as passed in. */
  timeMs: number;
  /** Top label (or the previous top label when not reliable). */
  label: string;
  /** Its index in labels. */
  index: number;
  /** Its averaged score (0 when not reliable). */
  score: number;
  /** True when this call fired a detection. */
  isNewCommand: boolean;
  /** False while there are too few results in the window (rule 3). */
  reliable: boolean;
  /** Averages per label [labels.length] (null when not reliable). */
  averages: Float64Array | null;
  /** Results in the window after this call. */
  windowCount: number;
}

interface Entry {
  timeMs: number;
  scores: Float64Array;
}

export class RecognizeCommands {
  readonly labels: readonly string[];
  readonly settings: Readonly<RecognizeSettings>;
  #queue: Entry[] = [];
  #head = 0;
  #prevIndex = 0;
  #prevTime = Number.NEGATIVE_INFINITY;
  #lastTime = Number.NEGATIVE_INFINITY;

  constructor(labels: readonly string[], settings: Partial<RecognizeSettings> = {}) {
    if (labels.length < 1) throw new RangeError('RecognizeCommands: need at least one label');
    const s = { ...RECOGNIZE_DEFAULTS, ...settings };
    if (!(s.averageWindowMs >= 0)) throw new RangeError(`RecognizeCommands: averageWindowMs must be ≥ 0 (got ${s.averageWindowMs})`);
    if (!(s.suppressionMs >= 0)) throw new RangeError(`RecognizeCommands: suppressionMs must be ≥ 0 (got ${s.suppressionMs})`);
    if (!(s.minimumCount >= 0)) throw new RangeError(`RecognizeCommands: minimumCount must be ≥ 0 (got ${s.minimumCount})`);
    if (!Number.isFinite(s.detectionThreshold)) throw new RangeError('RecognizeCommands: detectionThreshold must be a number');
    this.labels = [...labels];
    this.settings = Object.freeze(s);
  }

  /** The label that fired last (labels[0] until something fires). */
  get previousLabel(): string {
    return this.labels[this.#prevIndex]!;
  }

  /** Feeds one model output (scores per label, 0…1) observed at timeMs (ms). */
  process(scores: ArrayLike<number>, timeMs: number): Recognition {
    const n = this.labels.length;
    if (scores.length !== n) throw new RangeError(`RecognizeCommands: expected ${n} scores, got ${scores.length}`);
    if (!Number.isFinite(timeMs)) throw new RangeError(`RecognizeCommands: timeMs must be finite (got ${timeMs})`);
    if (timeMs < this.#lastTime) {
      throw new RangeError(`RecognizeCommands: results must come in time order (got ${timeMs} ms after ${this.#lastTime} ms)`);
    }
    this.#lastTime = timeMs;
    this.#queue.push({ timeMs, scores: Float64Array.from(scores) });
    const { averageWindowMs, detectionThreshold, suppressionMs, minimumCount } = this.settings;
    const limit = timeMs - averageWindowMs;
    while (this.#head < this.#queue.length && this.#queue[this.#head]!.timeMs < limit) this.#head++;
    if (this.#head > 64 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    const count = this.#queue.length - this.#head;
    const span = timeMs - this.#queue[this.#head]!.timeMs;
    if (count < minimumCount || span < Math.trunc(averageWindowMs / 4)) {
      return { timeMs, label: this.previousLabel, index: this.#prevIndex, score: 0, isNewCommand: false, reliable: false, averages: null, windowCount: count };
    }
    const avg = new Float64Array(n);
    for (let q = this.#head; q < this.#queue.length; q++) {
      const s = this.#queue[q]!.scores;
      for (let i = 0; i < n; i++) avg[i]! += s[i]!;
    }
    for (let i = 0; i < n; i++) avg[i]! /= count;
    let top = 0;
    let topScore = 0;
    for (let i = 0; i < n; i++) {
      if (avg[i]! > topScore) {
        topScore = avg[i]!;
        top = i;
      }
    }
    const sinceLast = this.#prevIndex === 0 || this.#prevTime === Number.NEGATIVE_INFINITY ? Infinity : timeMs - this.#prevTime;
    let isNewCommand = false;
    if (topScore > detectionThreshold && (top !== this.#prevIndex || sinceLast > suppressionMs)) {
      this.#prevIndex = top;
      this.#prevTime = timeMs;
      isNewCommand = true;
    }
    return { timeMs, label: this.labels[top]!, index: top, score: topScore, isNewCommand, reliable: true, averages: avg, windowCount: count };
  }

  /** Forgets every result and the last detection. */
  reset(): void {
    this.#queue = [];
    this.#head = 0;
    this.#prevIndex = 0;
    this.#prevTime = Number.NEGATIVE_INFINITY;
    this.#lastTime = Number.NEGATIVE_INFINITY;
  }
}
