/** The status and event plumbing every AudioSource (mic-source.ts, buffer-source.ts) shares. */
import { createEmitter } from '../sensors/emitter';
import type { AudioSourceEvents, AudioStatus } from './types';

export abstract class AudioSourceBase {
  protected readonly events = createEmitter<AudioSourceEvents>();
  #status: AudioStatus = 'idle';

  get status(): AudioStatus {
    return this.#status;
  }

  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof AudioSourceEvents>(type: E, cb: (v: AudioSourceEvents[E]) => void): () => void {
    return this.events.on(type, cb);
  }

  /** Sets the status, emitting 'status' only when it changes. */
  protected setStatus(s: AudioStatus): void {
    if (s === this.#status) return;
    this.#status = s;
    this.events.emit('status', s);
  }
}
