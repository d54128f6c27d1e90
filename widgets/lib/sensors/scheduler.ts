/**
 * Time for the sources, injected so tests drive it by hand. All times in milliseconds.
 * `browserScheduler()` uses performance.now / setTimeout / setInterval of the global object at
 * call time, so Playwright's `page.clock` controls it too.
 */
export interface Scheduler {
  now(): number;
  /** Runs `cb` once after `ms`; returns a cancel function. */
  setTimeout(cb: () => void, ms: number): () => void;
  /** Runs `cb` every `ms`; returns a cancel function. */
  every(ms: number, cb: () => void): () => void;
}

export function browserScheduler(): Scheduler {
  const g = globalThis;
  return {
    now: () => (g.performance ? g.performance.now() : Date.now()),
    setTimeout(cb, ms) {
      const h = g.setTimeout(cb, ms);
      return () => g.clearTimeout(h);
    },
    every(ms, cb) {
      const h = g.setInterval(cb, ms);
      return () => g.clearInterval(h);
    },
  };
}

/** The scheduler and clock a live source runs on: the injected ones, else the browser's (the clock defaults to the scheduler's). */
export function sourceTiming(o: { scheduler?: Scheduler; now?: () => number }): { sched: Scheduler; now: () => number } {
  const sched = o.scheduler ?? browserScheduler();
  return { sched, now: o.now ?? (() => sched.now()) };
}

/** A scheduler whose clock only moves when told to (tests, deterministic demos). */
export interface ManualScheduler extends Scheduler {
  /**
   * Moves the clock forward `ms`, firing due timers in time order (ties in creation order).
   * After each timer it yields one macrotask so promise chains started by it (stream reads,
   * async handlers) settle before the next timer. Resolves once the clock reached the target.
   */
  advance(ms: number): Promise<void>;
  /** Yields one macrotask without moving the clock. */
  settle(): Promise<void>;
  /** Timers still scheduled. */
  readonly pending: number;
}

interface Timer {
  id: number;
  due: number;
  period: number | null;
  cb: () => void;
}

/** One macrotask: lets every queued microtask (and the promise jobs they queue) run first. */
export function settleMacrotask(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const si = g.setImmediate;
    return new Promise((resolve) => {
      si(resolve);
    });
  }
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => globalThis.setTimeout(resolve, 0));
}

export function createManualScheduler(startMs = 0): ManualScheduler {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const add = (cb: () => void, ms: number, period: number | null): (() => void) => {
    const id = nextId++;
    timers.set(id, { id, due: now + Math.max(0, ms), period, cb });
    return () => {
      timers.delete(id);
    };
  };
  const earliest = (limit: number): Timer | null => {
    let best: Timer | null = null;
    for (const t of timers.values()) {
      if (t.due <= limit && (!best || t.due < best.due || (t.due === best.due && t.id < best.id))) best = t;
    }
    return best;
  };
  return {
    now: () => now,
    setTimeout: (cb, ms) => add(cb, ms, null),
    every: (ms, cb) => add(cb, ms, Math.max(1e-3, ms)),
    get pending() {
      return timers.size;
    },
    settle: settleMacrotask,
    async advance(ms) {
      const target = now + Math.max(0, ms);
      for (;;) {
        const t = earliest(target);
        if (!t) break;
        now = Math.max(now, t.due);
        if (t.period === null) timers.delete(t.id);
        else t.due += t.period;
        t.cb();
        await settleMacrotask();
      }
      now = target;
      await settleMacrotask();
    },
  };
}
