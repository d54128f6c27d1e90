/**
 * The one interface every source of motion implements (DESIGN.md §Sensor sources): a Web Serial
 * board, the phone's `devicemotion`, the simulated board. Rows are `[t_ms, ax, ay, az]`: t in
 * milliseconds from the source's start, accelerations in m/s² (gravity included).
 */
export type MotionRow = [tMs: number, ax: number, ay: number, az: number];

export type SourceKind = 'serial' | 'phone' | 'simulated';

export type SourceStatus = 'idle' | 'connecting' | 'detecting' | 'streaming' | 'stopped' | 'error';

export type ProblemCode =
  | 'unsupported'
  | 'permission'
  | 'busy'
  | 'no-port'
  | 'garbage'
  | 'wrong-count'
  | 'not-numeric'
  | 'blank'
  | 'device-error'
  | 'line-too-long'
  | 'rate-changed'
  | 'axes-changed'
  | 'disconnected'
  | 'no-data'
  | 'one-line'
  | 'no-sensor'
  | 'insecure';

/** Something went wrong; `message` is Spanish and says what to do. `fatal`: the source stopped. */
export interface SourceProblem {
  code: ProblemCode;
  message: string;
  fatal: boolean;
  /** The offending line (serial sources), as received, when there is one. */
  line?: string;
}

export interface SourceEvents {
  samples: MotionRow[];
  problem: SourceProblem;
  status: SourceStatus;
}

export interface MotionSource {
  readonly kind: SourceKind;
  readonly status: SourceStatus;
  /** Hz. Serial: detected; phone: measured; simulated: nominal. Null until known. */
  readonly rateHz: number | null;
  /** Values per reading (3 for an accelerometer). */
  readonly axes: number;
  /** Serial: lines rejected so far (0 for the others). */
  readonly badLines: number;
  /** Rejects with an Error whose `.problem` is a SourceProblem. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof SourceEvents>(type: E, cb: (v: SourceEvents[E]) => void): () => void;
}
