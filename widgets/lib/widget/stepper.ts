/**
 * The player of a step-by-step explorer (DOM), shared by conv-explorer, pool-explorer and
 * layer-calculator: «◀ Anterior» and «Siguiente ▶» (each pauses, then steps), the «▶ Reproducir» /
 * «❚❚ Pausa» toggle (aria-pressed), a timer that calls `next()` every `periodMs` until `atEnd()`,
 * and the step text's live region muted while playing (otherwise it would be announced at every
 * tick). The view places the three buttons and sets `prev.disabled` / `next.disabled`.
 * The buttons carry `data-step` (back / play / next), so → / ← / Space drive them in a focused or
 * full-screen widget (see keys.ts).
 */
import { button, slider, type Slider } from './dom';

export interface StepperOptions {
  /** Time between two steps while playing, ms. */
  periodMs: number;
  /** Starts a repeating timer and returns its stop function (WidgetElement's `every`). */
  every: (ms: number, tick: () => void) => () => void;
  /** True when there is no step after the current one. */
  atEnd: () => boolean;
  /** Shows the next step. */
  next: () => void;
  /** Shows the previous step. */
  back: () => void;
  /** Labels of the two step buttons (default «◀ Anterior», «Siguiente ▶»). */
  labels?: { prev: string; next: string };
  /** Back to the first step (play pressed at the end starts over). */
  rewind: () => void;
  /** The element whose aria-live is turned off while playing. */
  live: () => Element | null;
  /** Also step once at once when play is pressed (default false: the first step comes after periodMs). */
  stepOnPlay?: boolean;
}

export class Stepper {
  readonly prev: HTMLButtonElement;
  readonly play: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  #o: StepperOptions;
  #stop: (() => void) | null = null;

  constructor(o: StepperOptions) {
    this.#o = o;
    const labels = o.labels ?? { prev: '◀ Anterior', next: 'Siguiente ▶' };
    this.prev = button(labels.prev, () => { this.pause(); o.back(); }, { class: 'btn btn-quiet', 'data-step': 'back' });
    this.play = button('▶ Reproducir', () => this.toggle(), { class: 'btn', 'aria-pressed': 'false', 'data-step': 'play' });
    this.next = button(labels.next, () => { this.pause(); o.next(); }, { class: 'btn btn-quiet', 'data-step': 'next' });
  }

  get playing(): boolean {
    return this.#stop !== null;
  }

  toggle(): void {
    if (this.#stop) {
      this.pause();
      return;
    }
    const o = this.#o;
    if (o.atEnd()) o.rewind();
    this.#stop = o.every(o.periodMs, () => {
      if (o.atEnd()) this.pause();
      else o.next();
    });
    if (o.stepOnPlay) o.next();
    this.#show();
  }

  pause(): void {
    this.#stop?.();
    this.#stop = null;
    this.#show();
  }

  /** Drops the timer without touching it (the widget was disconnected and its timers are gone). */
  forget(): void {
    this.#stop = null;
  }

  #show(): void {
    const on = this.playing;
    this.play.textContent = on ? '❚❚ Pausa' : '▶ Reproducir';
    this.play.setAttribute('aria-pressed', String(on));
    this.#o.live()?.setAttribute('aria-live', on ? 'off' : 'polite');
  }
}

export interface WindowPlayerOptions {
  /** The current position, 0-based (may exceed the last one after a geometry change), and how many there are. */
  pos: () => number;
  count: () => number;
  /** Moves to position p. */
  set: (p: number) => void;
}

/** The part of a Stepper's options a WindowPlayer fills in: moving over the positions. */
export type WindowSteps = Pick<StepperOptions, 'next' | 'back' | 'rewind' | 'atEnd'>;

/**
 * The player of the window explorers (conv-explorer, pool-explorer): a Stepper over the window's
 * positions and the «Posición de la ventana» slider (1-based; dragging it pauses the player).
 * The widget builds the Stepper itself (timer, period, live region) from the steps given to
 * `stepper`, so its source still says `new Stepper(` (the teachers' page reads the keys from it).
 */
export class WindowPlayer {
  readonly stepper: Stepper;
  readonly slider: Slider;

  constructor(o: WindowPlayerOptions, stepper: (steps: WindowSteps) => Stepper) {
    this.slider = slider({
      label: 'Posición de la ventana', min: 1, max: 1, step: 1, value: 1,
      onInput: (v) => { this.stepper.pause(); o.set(v - 1); },
    });
    const go = (delta: number): void => {
      const last = o.count() - 1;
      o.set(Math.min(Math.max(Math.min(o.pos(), last) + delta, 0), last));
    };
    this.stepper = stepper({
      next: () => go(1), back: () => go(-1), rewind: () => o.set(0),
      atEnd: () => Math.min(o.pos(), o.count() - 1) >= o.count() - 1,
    });
  }

  /** The three buttons and the slider, in their order on the page. */
  get controls(): HTMLElement[] {
    return [this.stepper.prev, this.stepper.play, this.stepper.next, this.slider.root];
  }

  pause(): void {
    this.stepper.pause();
  }

  forget(): void {
    this.stepper.forget();
  }

  /** Shows position `pos` of `count` (slider value and text; the step buttons disabled at the ends). */
  show(pos: number, count: number): void {
    this.slider.input.max = String(count);
    this.slider.set(pos + 1);
    this.slider.input.setAttribute('aria-valuetext', `${pos + 1} de ${count}`);
    this.stepper.prev.disabled = pos === 0;
    this.stepper.next.disabled = pos === count - 1;
  }
}
