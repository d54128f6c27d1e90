/**
 * The kernel panel of the filter gallery (DOM): the 3×3 weights of the chosen filter, read-only
 * for the classic filters and as nine labelled number inputs for «Tu filtro», with presets.
 */
import { button, fmt, h, select } from '../lib/widget/dom';
import { CUSTOM_MAX, CUSTOM_MIN, CUSTOM_PRESETS, FILTERS, weightSum, type FilterId } from './core';

const PLACES = ['arriba a la izquierda', 'arriba', 'arriba a la derecha', 'a la izquierda', 'en el centro',
  'a la derecha', 'abajo a la izquierda', 'abajo', 'abajo a la derecha'];

export interface KernelPanelOptions {
  /** Weight i (0–8, row by row) was typed. */
  onWeight: (i: number, v: number) => void;
  onPreset: (weights: readonly number[]) => void;
  /** «Copiar y editar»: start «Tu filtro» from the filter on show. */
  onCopy: () => void;
}

export interface KernelPanel {
  root: HTMLElement;
  show(filter: FilterId, custom: readonly number[]): void;
}

const signClass = (w: number): string => (w > 0 ? 'is-pos' : w < 0 ? 'is-neg' : 'is-zero');

export function kernelPanel(o: KernelPanelOptions): KernelPanel {
  const title = h('p', { class: 'fg-title', text: 'Núcleo 3×3' });
  const family = h('p', { class: 'fg-family' });
  const scale = h('span', { class: 'fg-kscale' });
  const fixedCells = PLACES.map(() => h('span', { class: 'fg-kcell' }));
  const fixed = h('div', { class: 'fg-kwrap' }, scale,
    h('div', { class: 'fg-k', role: 'table', 'aria-label': 'Pesos del núcleo' },
      ...[0, 1, 2].map((r) => h('div', { class: 'fg-krow', role: 'row' },
        ...fixedCells.slice(r * 3, r * 3 + 3).map((c) => { c.setAttribute('role', 'cell'); return c; })))));
  const copy = button('Copiar y editar', o.onCopy, { class: 'btn btn-quiet fg-copy' });

  const inputs = PLACES.map((place, i) => {
    const input = h('input', {
      type: 'number', class: 'fg-kin', step: 'any', min: CUSTOM_MIN, max: CUSTOM_MAX, inputmode: 'decimal',
      'aria-label': `Peso ${place}`,
    });
    input.addEventListener('input', () => {
      const v = Number(input.value);
      if (input.value.trim() !== '' && Number.isFinite(v)) o.onWeight(i, Math.min(CUSTOM_MAX, Math.max(CUSTOM_MIN, v)));
    });
    return input;
  });
  const presetOptions = [{ value: '', label: '— tus números —' }, ...CUSTOM_PRESETS.map((p) => ({ value: p.id, label: p.name }))];
  const preset = select<string>({
    label: 'Partir de un ejemplo',
    options: presetOptions,
    value: '',
    onChange: (id) => {
      const p = CUSTOM_PRESETS.find((x) => x.id === id);
      if (p) o.onPreset(p.weights);
    },
  });
  const sum = h('p', { class: 'fg-ksum' });
  const editor = h('div', { class: 'fg-editor' },
    h('div', { class: 'fg-k fg-k-edit' }, ...inputs),
    sum,
    preset.root);

  const root = h('div', { class: 'fg-kernel' }, title, family, fixed, copy, editor);

  return {
    root,
    show(filter, custom) {
      const isCustom = filter === 'custom';
      fixed.hidden = isCustom;
      copy.hidden = isCustom;
      editor.hidden = !isCustom;
      if (!isCustom) {
        const f = FILTERS[filter];
        family.textContent = `${f.name}: ${f.family}`;
        scale.textContent = f.scaleLabel ? `${f.scaleLabel} ×` : '';
        scale.hidden = !f.scaleLabel;
        f.weights.forEach((w, i) => {
          const cell = fixedCells[i]!;
          cell.textContent = fmt(w);
          cell.className = `fg-kcell ${signClass(w)}`;
        });
        return;
      }
      family.textContent = 'Tu filtro: escribe los nueve pesos';
      custom.forEach((w, i) => {
        const input = inputs[i]!;
        // Leave the box being typed in alone while it holds this number ("0." and "" read as 0).
        const typing = document.activeElement === input;
        if (Number(input.value) !== w || (!typing && input.value.trim() === '')) input.value = String(w);
        input.className = `fg-kin ${signClass(w)}`;
      });
      sum.textContent = `Suma de los pesos: ${fmt(weightSum(custom), 3)}`;
      const match = CUSTOM_PRESETS.find((p) => p.weights.every((w, i) => w === custom[i]));
      preset.set(match?.id ?? '');
    },
  };
}
