/**
 * The trainer's settings (DOM): two fieldsets of labelled native controls, architecture and
 * training, bound to the widget state. `sync()` re-reads the state (after «Restablecer»);
 * `lock()` disables what cannot change while a model exists (everything but the epochs).
 */
import { numberInput, select, slider } from '../lib/widget/dom';
import { h } from '../lib/widget/dom';
import { bounds, optionsOf } from '../lib/state/schema';
import { intText, trainerSchema as schema, type TrainerState } from './core';

interface Ctl {
  root: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
  set(): void;
}

export interface Settings {
  root: HTMLElement;
  sync(): void;
  /** busy: every control off; hasModel: all but the epochs off. */
  lock(busy: boolean, hasModel: boolean): void;
}

export function buildSettings(get: () => TrainerState, set: (patch: Partial<TrainerState>) => void): Settings {
  const s = get();
  type NumKey = 'conv1' | 'conv2' | 'hidden' | 'epochs';
  type SelKey = 'lr' | 'batch' | 'examples' | 'optimizer';
  const sl = (key: NumKey, label: string, step: number, format: (v: number) => string): Ctl => {
    const c = slider({ label, ...bounds(schema[key]), step, value: s[key], format, onInput: (v) => set({ [key]: v }) });
    return { root: c.root, input: c.input, set: () => c.set(get()[key]) };
  };
  const sel = <K extends SelKey>(key: K, label: string, options: ReadonlyArray<{ value: TrainerState[K]; label: string }>): Ctl => {
    const c = select<TrainerState[K]>({ label, options, value: s[key], onChange: (v) => set({ [key]: v } as Partial<TrainerState>) });
    return { root: c.root, input: c.input, set: () => c.set(get()[key]) };
  };
  const conv1 = sl('conv1', 'Filtros de conv1', 1, (v) => `${v}`);
  const conv2 = sl('conv2', 'Filtros de conv2', 1, (v) => `${v}`);
  const hidden = sl('hidden', 'Neuronas densas ocultas', 8, (v) => (v === 0 ? 'ninguna' : `${v}`));
  const epochs = sl('epochs', 'Épocas', 1, (v) => `${v}`);
  const lr = sel('lr', 'Tasa de aprendizaje', optionsOf(schema.lr, (v) => v.replace('.', ',')));
  const batch = sel('batch', 'Tamaño de lote', optionsOf(schema.batch));
  const examples = sel('examples', 'Ejemplos de entrenamiento', optionsOf(schema.examples, (v) => intText(Number(v))));
  const optimizer = sel('optimizer', 'Optimizador', optionsOf(schema.optimizer, (v) => (v === 'adam' ? 'Adam' : 'SGD (descenso de gradiente)')));
  const seedCtl = numberInput({ label: 'Semilla', ...bounds(schema.seed), step: 1, value: s.seed, onInput: (v) => set({ seed: Math.round(v) }) });
  const seed: Ctl = { root: seedCtl.root, input: seedCtl.input, set: () => seedCtl.set(get().seed) };
  const all = [conv1, conv2, hidden, epochs, lr, batch, examples, optimizer, seed];
  const root = h('div', { class: 'ct-settings' },
    h('fieldset', {}, h('legend', { text: 'Arquitectura' }), conv1.root, conv2.root, hidden.root),
    h('fieldset', {}, h('legend', { text: 'Entrenamiento' }), epochs.root, lr.root, batch.root, examples.root, optimizer.root, seed.root));
  return {
    root,
    sync: () => all.forEach((c) => c.set()),
    lock: (busy, hasModel) => all.forEach((c) => { c.input.disabled = busy || (hasModel && c !== epochs); }),
  };
}
