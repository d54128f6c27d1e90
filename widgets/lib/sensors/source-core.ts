/** State shared by the three sources: status with its event, and the typed emitter. */
import { createEmitter } from './emitter';
import type { MotionRow, SourceEvents, SourceProblem, SourceStatus } from './types';

export interface SourceCore {
  readonly status: SourceStatus;
  setStatus(s: SourceStatus): void;
  samples(rows: MotionRow[]): void;
  problem(p: SourceProblem): void;
  on<E extends keyof SourceEvents>(type: E, cb: (v: SourceEvents[E]) => void): () => void;
}

export function createSourceCore(): SourceCore {
  const em = createEmitter<SourceEvents>();
  let status: SourceStatus = 'idle';
  return {
    get status() {
      return status;
    },
    setStatus(s) {
      if (s === status) return;
      status = s;
      em.emit('status', s);
    },
    samples(rows) {
      if (rows.length > 0) em.emit('samples', rows);
    },
    problem(p) {
      em.emit('problem', p);
    },
    on: (type, cb) => em.on(type, cb),
  };
}
