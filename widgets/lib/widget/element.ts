import { decodeState, encodeState, readStateParam, shareLink } from '../state/codec';
import { defaults, type Schema, type StateOf } from '../state/schema';

/**
 * Base class of every widget view (a custom element named `tinyml-<name>`).
 *
 * Contract:
 * - `schema` lists the parameters; the initial state comes from the page URL
 *   (`?w-<id>=...`, see codec.ts) and falls back to defaults per field.
 * - `setup()` builds the DOM once (query only inside `this`), `update()` redraws from
 *   `this.state`; `setState()` is the only way to change state.
 * - Everything started through `listen`, `frame`, `every`, `later` and `onCleanup` is released
 *   in `disconnectedCallback`.
 * - An exception in setup/update/handlers is reported with a bubbling `widget-error` event;
 *   the page's loader shows a Spanish message with a retry button.
 * - `data-config` (JSON) carries per-page options from the MDX author, not user state.
 */
export abstract class WidgetElement<S extends Schema> extends HTMLElement {
  abstract readonly schema: S;
  protected state!: StateOf<S>;
  #cleanups = new Set<() => void>();
  #ready = false;

  /** Instance id: unique on the page, used for the URL parameter and the share link. */
  get widgetId(): string {
    return this.dataset.widgetId ?? this.localName;
  }

  /** Options given by the lesson author (`config` prop of <Widget>). */
  protected config<T extends object>(fallback: T): T {
    try {
      const raw = this.dataset.config;
      return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<T>) } : fallback;
    } catch {
      return fallback;
    }
  }

  connectedCallback(): void {
    if (this.#ready) return;
    const fromUrl = readStateParam(location.href, this.widgetId);
    this.state = decodeState(this.schema, fromUrl).state;
    this.guard(() => {
      this.setup();
      this.#ready = true;
      this.listen(document, 'tinyml:theme', () => this.update());
      this.update();
    });
  }

  disconnectedCallback(): void {
    const fns = [...this.#cleanups].reverse();
    this.#cleanups.clear();
    for (const fn of fns) {
      try {
        fn();
      } catch {
        /* a failing cleanup must not stop the others */
      }
    }
    this.#ready = false;
  }

  protected abstract setup(): void;
  protected abstract update(): void;

  /** Merges `patch` into the state and redraws. */
  setState(patch: Partial<StateOf<S>>): void {
    this.state = { ...this.state, ...patch };
    this.guard(() => this.update());
    this.dispatchEvent(new CustomEvent('widget-state', { bubbles: true }));
  }

  getState(): StateOf<S> {
    return structuredClone(this.state);
  }

  resetState(): void {
    this.setState(defaults(this.schema));
  }

  encodedState(): string {
    return encodeState(this.schema, this.state);
  }

  shareUrl(): string {
    const here = new URL(location.href);
    here.hash = '';
    return shareLink(here.toString(), this.widgetId, this.encodedState());
  }

  /** Runs `fn`; an exception becomes a `widget-error` event instead of breaking the page. */
  protected guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
    }
  }

  protected fail(error: unknown): void {
    console.warn(`[widget ${this.widgetId}]`, error);
    this.dispatchEvent(new CustomEvent('widget-error', { bubbles: true, detail: { error } }));
  }

  /** Registers `fn` to run on disconnect; returns a function that unregisters it. */
  protected onCleanup(fn: () => void): () => void {
    this.#cleanups.add(fn);
    return () => this.#cleanups.delete(fn);
  }

  /** addEventListener released on disconnect; the handler runs under guard(). */
  protected listen<K extends keyof HTMLElementEventMap>(
    target: EventTarget,
    type: K | string,
    handler: (event: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void {
    const wrapped = (e: Event): void => this.guard(() => handler(e as HTMLElementEventMap[K]));
    target.addEventListener(type, wrapped, options);
    this.onCleanup(() => target.removeEventListener(type, wrapped, options));
  }

  /** requestAnimationFrame released on disconnect. */
  protected frame(cb: (t: number) => void): void {
    const forget = this.onCleanup(() => cancelAnimationFrame(id));
    const id = requestAnimationFrame((t) => {
      forget();
      this.guard(() => cb(t));
    });
  }

  /** setInterval released on disconnect; returns a function that stops it early. */
  protected every(ms: number, cb: () => void): () => void {
    const id = setInterval(() => this.guard(cb), ms);
    const forget = this.onCleanup(() => clearInterval(id));
    return () => {
      clearInterval(id);
      forget();
    };
  }

  /** setTimeout released on disconnect. */
  protected later(ms: number, cb: () => void): void {
    const forget = this.onCleanup(() => clearTimeout(id));
    const id = setTimeout(() => {
      forget();
      this.guard(cb);
    }, ms);
  }
}

/** Registers `tinyml-<name>` once (a module may be imported twice by retries). */
export function defineWidget(name: string, ctor: CustomElementConstructor): void {
  const tag = `tinyml-${name}`;
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
