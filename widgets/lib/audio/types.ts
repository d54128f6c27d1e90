/**
 * The one interface every source of audio implements (DESIGN.md §Sensor sources, mirrored for
 * audio): the microphone (mic-source.ts), a decoded WAV or a shipped sample (buffer-source.ts).
 * Every source delivers 16 kHz mono Float32 samples in [−1, 1) as consecutive chunks; a chunk's
 * `start` is the index of its first sample since start(), so the time of any sample is
 * start / 16000 s and no clock is needed downstream (features, recognizer).
 */
import { ProblemError } from '../errors/problem-error';

export const AUDIO_RATE_HZ = 16000;

export type AudioSourceKind = 'mic' | 'buffer';

export type AudioStatus = 'idle' | 'starting' | 'running' | 'stopped' | 'error';

export type AudioProblemCode =
  | 'unsupported'
  | 'insecure'
  | 'no-worklet'
  | 'permission'
  | 'no-microphone'
  | 'busy'
  | 'worklet-failed'
  | 'disconnected'
  | 'unknown';

/** Something went wrong; `message` is Spanish and says what to do. `fatal`: the source stopped. */
export interface AudioProblem {
  code: AudioProblemCode;
  message: string;
  fatal: boolean;
}

export interface AudioChunk {
  /** 16 kHz mono samples in [−1, 1). */
  samples: Float32Array;
  /** Index of samples[0] counted from start() (samples). */
  start: number;
}

export interface AudioSourceEvents {
  samples: AudioChunk;
  problem: AudioProblem;
  status: AudioStatus;
  /** A finite source (a file, a sample) delivered its last chunk. */
  ended: { samples: number };
}

export interface AudioSource {
  readonly kind: AudioSourceKind;
  readonly status: AudioStatus;
  /** Always 16000 (Hz): sources resample before delivering. */
  readonly rateHz: number;
  /** Samples delivered since start(). */
  readonly delivered: number;
  /** Rejects with an AudioSourceError (its `problem` has the Spanish message). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof AudioSourceEvents>(type: E, cb: (v: AudioSourceEvents[E]) => void): () => void;
}

/** The Error a source's start() rejects with. */
export class AudioSourceError extends ProblemError<AudioProblem> {
  constructor(problem: AudioProblem) {
    super(problem, 'AudioSourceError');
  }
}
