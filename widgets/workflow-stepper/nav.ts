/**
 * The stepper's DOM: a list of native buttons (one per stage, aria-current="step" on the active
 * one, arrow keys move between enabled ones) and one panel per stage. Imported only by view.ts.
 */
import { button, h, uniqueId } from '../lib/widget/dom';
import { STAGES } from './core';

export type StageState = 'done' | 'todo' | 'locked';

export interface Nav {
  root: HTMLElement;
  buttons: HTMLButtonElement[];
  hint: HTMLElement;
  /** Marks the active step and each step's state; locked steps are disabled. */
  sync(active: number, states: readonly StageState[]): void;
}

const STATE_TEXT: Record<StageState, string> = { done: 'hecha', todo: 'por hacer', locked: 'bloqueada' };

export function buildNav(onSelect: (k: number) => void): Nav {
  const buttons = STAGES.map((s, k) => {
    const b = button('', () => onSelect(k), { class: 'ws-step' });
    b.append(h('span', { class: 'ws-n', text: String(k + 1) }), h('span', { class: 'ws-l', text: s.label }), h('span', { class: 'ws-s' }));
    return b;
  });
  const list = h('ol', { class: 'ws-steps', 'aria-label': 'Etapas del flujo de trabajo' }, ...buttons.map((b) => h('li', {}, b)));
  list.addEventListener('keydown', (ev) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const enabled = buttons.map((b, k) => (b.disabled ? -1 : k)).filter((k) => k >= 0);
    const pos = enabled.indexOf(at);
    const to = ev.key === 'ArrowRight' || ev.key === 'ArrowDown' ? enabled[Math.min(enabled.length - 1, pos + 1)]
      : ev.key === 'ArrowLeft' || ev.key === 'ArrowUp' ? enabled[Math.max(0, pos - 1)]
        : ev.key === 'Home' ? enabled[0] : ev.key === 'End' ? enabled[enabled.length - 1] : undefined;
    if (to === undefined) return;
    ev.preventDefault();
    buttons[to]!.focus();
  });
  const hint = h('p', { class: 'ws-hint' });
  return {
    root: h('nav', { class: 'ws-nav', 'aria-label': 'Flujo de trabajo' }, list, hint),
    buttons,
    hint,
    sync(active, states) {
      buttons.forEach((b, k) => {
        const st = states[k]!;
        b.disabled = st === 'locked';
        b.dataset.state = st;
        if (k === active) b.setAttribute('aria-current', 'step');
        else b.removeAttribute('aria-current');
        b.querySelector('.ws-s')!.textContent = STATE_TEXT[st];
      });
      const locked = states.indexOf('locked');
      hint.textContent = locked > 0
        ? `Las etapas se desbloquean en orden: «${STAGES[locked]!.label}» se activará cuando hayas ejecutado «${STAGES[locked - 1]!.label}».`
        : 'Todas las etapas están desbloqueadas: puedes ir y volver; cada una conserva su resultado.';
    },
  };
}

export interface Panel {
  root: HTMLElement;
  controls: HTMLElement;
  run: HTMLButtonElement | null;
  note: HTMLElement;
  out: HTMLElement;
  next: HTMLButtonElement | null;
}

/** One stage's panel: heading, what the stage is for, its controls, run button, result. */
export function buildPanel(k: number, intro: string, runLabel: string | null, onRun: () => void, onNext: () => void): Panel {
  const id = uniqueId('ws-h');
  const run = runLabel ? button(runLabel, onRun, { class: 'btn ws-run' }) : null;
  const next = k + 1 < STAGES.length ? button(`Siguiente: ${STAGES[k + 1]!.label} →`, onNext, { class: 'btn btn-quiet ws-next', 'data-step': 'next' }) : null;
  const controls = h('div', { class: 'ctl-row ws-controls' });
  const note = h('p', { class: 'ws-note', role: 'status', hidden: true });
  const out = h('div', { class: 'ws-out', 'aria-live': 'polite' });
  const root = h('section', { class: 'ws-panel', 'aria-labelledby': id, hidden: true },
    h('h3', { class: 'ws-h', id, text: `Etapa ${k + 1} · ${STAGES[k]!.label}` }),
    h('p', { class: 'ws-intro', text: intro }),
    controls,
    ...(run ? [h('div', { class: 'ctl-row ws-actions' }, run)] : []),
    note, out,
    ...(next ? [h('div', { class: 'ws-foot' }, next)] : []));
  return { root, controls, run, note, out, next };
}
