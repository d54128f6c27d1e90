/** Class-probability bars (DOM only); colours and sizes come from the widget's CSS classes. */
import { fmt } from '../format/number';
import { h } from './dom';

/** The CSS classes of a bar list: the `<ul>`, the top `<li>`, and each row's label, track, bar and value. */
export interface BarClasses {
  list: string;
  top: string;
  label: string;
  track: string;
  bar: string;
  value: string;
}

/**
 * One labelled bar per class, its width the probability (probs[i] in [0, 1], same order as
 * `labels`) and its value in whole %; the most probable class marked with `cls.top`. With
 * `probs` null (nothing inferred yet) every bar is empty and reads «—».
 */
export function classBars(labels: readonly string[], probs: ArrayLike<number> | null, cls: BarClasses): HTMLElement {
  const list = h('ul', { class: cls.list });
  let top = 0;
  if (probs) for (let i = 1; i < probs.length; i++) if (probs[i]! > probs[top]!) top = i;
  labels.forEach((l, i) => {
    const p = probs ? probs[i]! : 0;
    const bar = h('span', { class: cls.bar });
    bar.style.width = `${(p * 100).toFixed(1)}%`;
    list.append(h('li', { class: probs && i === top ? cls.top : '' }, h('span', { class: cls.label, text: l }),
      h('span', { class: cls.track }, bar), h('span', { class: cls.value, text: probs ? `${fmt(p * 100, 0)} %` : '—' })));
  });
  return list;
}
