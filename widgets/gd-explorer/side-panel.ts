/**
 * The explorer's side panel: the regime (badge and explanation, announced to screen readers
 * only when it changes), the current point, the next update w − α∇L(w) with live numbers in
 * KaTeX (plus a plain-text copy), the stability limit and the loss-per-step chart.
 * Imported only by view.ts (uses katex and d3).
 */
import katex from 'katex';
import { h, liveText } from '../lib/widget/dom';
import { chartScale } from '../lib/widget/chart-font';
import { classify, stepsOf, type Run } from './core';
import { explain, num, pointText, regimeLabel, updateTex, updateText } from './messages';
import { lossChart, type Colors } from './chart';

/** Changes an element's text only when it differs (an identical assignment still repaints). */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export class SidePanel {
  readonly root: HTMLElement;
  /** Visually hidden live region; the view places it anywhere inside the widget. */
  readonly live = liveText();
  readonly limit = h('p', { class: 'gd-limit' });
  readonly loss = h('div', { class: 'gd-loss', role: 'img' });
  readonly #regime = h('div', { class: 'gd-regime' });
  readonly #badge = h('span', { class: 'gd-badge' });
  readonly #explain = h('p', { class: 'gd-explain' });
  readonly #now = h('p', { class: 'gd-now' });
  readonly #rule = h('div', { class: 'gd-rule', 'aria-hidden': 'true' });
  readonly #ruleText = h('p', { class: 'visually-hidden gd-rule-text' });
  #announced = '';

  constructor() {
    this.#regime.append(this.#badge, this.#explain);
    this.root = h('div', { class: 'gd-side' }, this.#regime, this.#now, this.#rule, this.#ruleText, this.limit, this.loss);
  }

  /** Cheap part, on every redraw: current point, regime and explanation. */
  update(run: Run): void {
    const t = stepsOf(run);
    const names = run.surface.plain.length === 1 ? 'w' : run.surface.plain.join(', ');
    setText(this.#now, `Paso ${t} · ${names} = ${pointText(run.path[t]!)} · L = ${num(run.losses[t]!)}`);
    const v = classify(run);
    setText(this.#badge, regimeLabel(v));
    if (this.#regime.dataset.regime !== v.regime) this.#regime.dataset.regime = v.regime;
    setText(this.#explain, explain(run, v));
    const say = `${regimeLabel(v)}${v.done ? ' (terminado)' : ''}`;
    if (say !== this.#announced) {
      this.#announced = say;
      this.live.textContent = v.regime === 'inicio' ? '' : `Régimen: ${say}. ${v.done ? this.#explain.textContent : ''}`;
    }
  }

  /** Costly part (KaTeX and the chart rebuild many elements): the caller throttles it. */
  updateHeavy(run: Run, c: Colors, lossWidth: number): void {
    this.updateRule(run);
    this.updateLoss(run, c, lossWidth);
  }

  /** The update rule with live numbers (KaTeX) and its plain-text copy. */
  updateRule(run: Run): void {
    const stopped = run.status !== 'running';
    this.#rule.innerHTML = stopped ? '' : katex.renderToString(updateTex(run), { displayMode: true, throwOnError: false });
    setText(this.#ruleText, stopped ? '' : updateText(run));
  }

  /** The loss-per-step chart (rebuilt). */
  updateLoss(run: Run, c: Colors, lossWidth: number): void {
    const t = stepsOf(run);
    const width = Math.max(220, Math.min(420, Math.floor(lossWidth || 320)));
    this.loss.replaceChildren(lossChart(run.losses, width, c, run.status === 'diverged', chartScale(this.loss, 11)));
    this.loss.setAttribute('aria-label', `Pérdida en cada paso: empieza en ${num(run.losses[0]!)} y va por ${num(run.losses[t]!)} tras ${t} pasos.`);
  }
}
