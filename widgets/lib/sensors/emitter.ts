/**
 * A tiny typed event emitter used by the sources. `M` maps event names to payload types.
 * A listener that throws does not stop the others: the error is rethrown asynchronously
 * (queueMicrotask) so it still reaches the console / the page's error handler.
 */
export interface Emitter<M> {
  on<E extends keyof M>(type: E, cb: (v: M[E]) => void): () => void;
  emit<E extends keyof M>(type: E, value: M[E]): void;
  /** Number of listeners for `type`. */
  count<E extends keyof M>(type: E): number;
  clear(): void;
}

export function createEmitter<M>(): Emitter<M> {
  const listeners = new Map<keyof M, Set<(v: never) => void>>();
  return {
    on(type, cb) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      const fn = cb as (v: never) => void;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    emit(type, value) {
      const set = listeners.get(type);
      if (!set) return;
      for (const fn of [...set]) {
        try {
          (fn as (v: typeof value) => void)(value);
        } catch (err) {
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    },
    count(type) {
      return listeners.get(type)?.size ?? 0;
    },
    clear() {
      listeners.clear();
    },
  };
}
