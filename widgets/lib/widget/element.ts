import { decodeState, encodeState, readStateParam, shareLink } from '../state/codec';
import { checkPatch, sharedLinkIssues, validConfig } from '../state/check';
import { defaults, type Schema, type StateOf } from '../state/schema';
import { ignoredLinkNotice } from './notice';

/**
 * Base class of every widget view (a custom element named `tinyml-<name>`).
 *
 * Contract:
 * - `schema` lists the parameters; the initial state comes from the page URL
 *   (`?w-<id>=...`, see codec.ts) and falls back to defaults per field. Fields of the link
 *   that the decoder ignored are named in a small Spanish notice inside the widget.
 * - `setup()` builds the DOM (query only inside `this`), `update()` redraws from
 *   `this.state`; `setState()` is the only way to change state, and it refuses a patch with a
 *   field the schema (and so the URL decoder) would reject.
 * - Everything started through `listen`, `frame`, `every`, `later` and `onCleanup` is released
 *   in `disconnectedCallback`. Re-inserting a removed widget empties it and runs `setup()`
 *   again on the state it had (not the URL's): `setup()` must (re)create every view field.
 * - An exception in setup/update/handlers is reported with a bubbling `widget-error` event;
 *   the page's loader shows a Spanish message with a retry button.
 * - `data-config` (JSON) carries per-page options from the MDX author, not user state; the
 *   keys allowed are `configSchema` (checked at build time by Widget.astro, see
 *   widgets/registry.ts).
 */
export abstract class WidgetElement<S extends Schema> extends HTMLElement {
  abstract readonly schema: S;
  /** Author options this widget reads with `config()`; none unless the widget declares them. */
  readonly configSchema: Schema = {};
  protected state!: StateOf<S>;
  #cleanups = new Set<() => void>();
  #ready = false;
  /** True once the state has been read from the URL (a re-inserted widget keeps its state). */
  #hasState = false;
  /** Notice about ignored shared-link fields; null when there is none or it was dismissed. */
  #notice: HTMLElement | null = null;

  /** Instance id: unique on the page, used for the URL parameter and the share link. */
  get widgetId(): string {
    return this.dataset.widgetId ?? this.localName;
  }

  /**
   * Options given by the lesson author (`config` prop of <Widget>) over `fallback`: only keys of
   * `configSchema` with valid values (the build already refuses any other).
   */
  protected config<T extends object>(fallback: T): T {
    let raw: unknown;
    try {
      raw = this.dataset.config ? JSON.parse(this.dataset.config) : undefined;
    } catch {
      raw = undefined;
    }
    return { ...fallback, ...(validConfig(this.configSchema, raw) as Partial<T>) };
  }

  connectedCallback(): void {
    if (this.#ready) return;
    if (!this.#hasState) {
      const fromUrl = readStateParam(location.href, this.widgetId);
      this.state = decodeState(this.schema, fromUrl).state;
      this.#hasState = true;
      const issues = sharedLinkIssues(this.schema, fromUrl);
      if (issues.length > 0) this.#notice = ignoredLinkNotice(issues, () => (this.#notice = null));
    } else {
      this.replaceChildren(); // re-inserted: rebuild from scratch on the state it had
    }
    this.guard(() => {
      this.setup();
      this.#ready = true;
      if (this.#notice) this.prepend(this.#notice);
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

  /**
   * Merges `patch` into the state and redraws. A patch with any field outside the schema, or a
   * value the URL decoder would reject, is refused as a whole: state and view stay as they were
   * and a console warning names the fields.
   */
  setState(patch: Partial<StateOf<S>>): void {
    const { accepted, refused } = checkPatch(this.schema, patch as Record<string, unknown>);
    if (refused.length > 0) {
      const list = refused.map((r) => `${r.key}=${JSON.stringify(r.value)}`).join(', ');
      console.warn(`[widget ${this.widgetId}] setState refused (outside the schema): ${list}`);
      return;
    }
    this.state = { ...this.state, ...accepted };
    this.guard(() => this.update());
  }

  getState(): StateOf<S> {
    return structuredClone(this.state);
  }

  /** Back to the schema's defaults; also drops the notice about the shared link. */
  resetState(): void {
    this.#notice?.remove();
    this.#notice = null;
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

  /**
   * Publishes a result of the widget's own run for <Predice> (predict, then see): sets
   * `data-result-<key>` on the element and dispatches a bubbling `widget-result` event with
   * `{ key, value, state }` (state: a copy of the state the result belongs to). `key` is
   * lower-case kebab (e.g. `pasos`); numbers keep full precision.
   */
  protected reportResult(key: string, value: number | string): void {
    this.setAttribute(`data-result-${key}`, String(value));
    const detail = { key, value, state: this.getState() };
    this.dispatchEvent(new CustomEvent('widget-result', { bubbles: true, detail }));
  }

  /** Withdraws a result (the run it came from was reset): removes `data-result-<key>`. */
  protected clearResult(key: string): void {
    this.removeAttribute(`data-result-${key}`);
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

  /**
   * Takes charge of a Worker the widget started (the `new Worker(new URL(…))` stays in the widget
   * for the bundler): its messages go to `onMessage`, a failure to load to `onError`, and on
   * disconnect it is terminated and `onEnd` runs.
   */
  protected adoptWorker(worker: Worker, onMessage: (data: unknown) => void, onError: () => void, onEnd: () => void): void {
    this.listen(worker, 'message', (ev) => onMessage((ev as MessageEvent<unknown>).data));
    this.listen(worker, 'error', onError);
    this.onCleanup(() => {
      worker.terminate();
      onEnd();
    });
  }

  /** requestAnimationFrame released on disconnect. */
  protected frame(cb: (t: number) => void): void {
    const forget = this.onCleanup(() => cancelAnimationFrame(id));
    const id = requestAnimationFrame((t) => {
      forget();
      this.guard(() => cb(t));
    });
  }

  /** Callbacks asked for with frameOnce that have not run yet. */
  readonly #frameOnce = new Set<() => void>();

  /**
   * Runs `cb` on the next animation frame, once however many times it is asked for before then
   * (coalesces redraw requests: pass the same function each time, e.g. a bound `#draw`). A request
   * cancelled by a disconnect is forgotten, so the first request after a re-attach schedules again.
   */
  protected frameOnce(cb: () => void): void {
    if (this.#frameOnce.has(cb)) return;
    this.#frameOnce.add(cb);
    const forget = this.onCleanup(() => {
      cancelAnimationFrame(id);
      this.#frameOnce.delete(cb);
    });
    const id = requestAnimationFrame(() => {
      forget();
      this.#frameOnce.delete(cb);
      this.guard(cb);
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
