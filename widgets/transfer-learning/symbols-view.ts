/**
 * «Tus propios símbolos»: the student names 2–4 classes, draws examples of each on a pad, trains
 * the frozen-base network and the same network from scratch on them (Experiment of
 * lib/transfer/run.ts, in slices), then draws a new symbol on a second pad and sees each model's
 * probabilities after every stroke. A DOM panel owned by view.ts (which loads tfjs and the base).
 *
 * Drawings live in memory only (SymbolSet, lib/transfer/symbols.ts): hiding the panel keeps them,
 * «Empezar de nuevo» clears them after a confirm(). The trained Experiment is kept for «Prueba»
 * and disposed on retraining, on a change in the number of classes, on reset and by dispose().
 * Root data-*: phase, prediction (class index), prob-sum, max-slice-ms, slice-median-ms.
 */
import type * as TF from '@tensorflow/tfjs';
import { button, h, liveText } from '../lib/widget/dom';
import { DrawPad, rasterizeStrokes } from '../lib/draw';
import { predict, type BaseWeights } from '../lib/transfer/model';
import { Experiment } from '../lib/transfer/run';
import { MAX_CLASSES, MAX_NAME, MIN_CLASSES, MIN_EXAMPLES, SymbolSet } from '../lib/transfer/symbols';
import { imageCanvas } from './charts';
import { MODE_LABEL, pct } from './core';
import { runInSlices } from './slices';
import { countText, fitText, missingText, predictionText, probRows, symbolConfig } from './symbols-core';

export interface SymbolRuntime {
  tf: typeof TF;
  base: BaseWeights;
}

export interface SymbolsHost {
  /** Loads (once) tfjs and the base; throws an Error with a Spanish message. */
  runtime: () => Promise<SymbolRuntime>;
  /** Told when training starts and ends (the host locks its mode switch). */
  busy: (busy: boolean) => void;
}

type Phase = 'idle' | 'loading' | 'training' | 'trained' | 'error';
const SLICE_MS = 30;

const isBlank = (img: Float32Array): boolean => !img.some((v) => v > 0);

export class SymbolsPanel {
  readonly root: HTMLElement;
  readonly set = new SymbolSet();
  #host: SymbolsHost;
  #tf: typeof TF | null = null;
  #exp: Experiment | null = null;
  /** SymbolSet.version and class count the model was trained with. */
  #trainedVersion = -1;
  #cancel = false;
  #phase: Phase = 'idle';
  #pad: DrawPad;
  #testPad: DrawPad;
  #el: {
    classes: HTMLElement; saves: HTMLElement; addClass: HTMLButtonElement; train: HTMLButtonElement; missing: HTMLElement;
    status: HTMLElement; progress: HTMLProgressElement; test: HTMLElement; probs: HTMLElement; total: HTMLElement;
    verdict: HTMLElement; scratch: HTMLElement; live: HTMLElement;
  };

  constructor(host: SymbolsHost) {
    this.#host = host;
    const pad = h('canvas', { class: 'tl-pad', role: 'img', 'aria-label': 'Recuadro para dibujar un ejemplo con el ratón, un lápiz o el dedo' });
    const testPad = h('canvas', { class: 'tl-pad', role: 'img', 'aria-label': 'Recuadro para dibujar un símbolo de prueba' });
    this.#pad = new DrawPad(pad, { onChange: () => this.#renderSaves() });
    this.#testPad = new DrawPad(testPad, { onChange: (_s, done) => { if (done) this.#predict(); } });
    this.#el = {
      classes: h('div', { class: 'tl-classes' }),
      saves: h('div', { class: 'tl-row' }),
      addClass: button('+ Añadir una clase', () => { if (this.set.addClass()) this.#changed(); }, { class: 'btn btn-quiet' }),
      train: button('▶ Entrenar con mis dibujos', () => void this.#train()),
      missing: h('p', { class: 'tl-missing', 'aria-live': 'polite' }),
      status: h('p', { class: 'tl-status', 'aria-live': 'polite' }),
      progress: h('progress', { class: 'tl-progress', max: 1, value: 0, 'aria-label': 'Progreso del entrenamiento con tus dibujos' }),
      test: h('div', { class: 'tl-test', hidden: true }),
      probs: h('ul', { class: 'tl-probs', 'aria-label': 'Probabilidad de cada clase (transferencia)' }),
      total: h('p', { class: 'tl-note' }),
      verdict: h('p', { class: 'tl-sym-verdict', 'aria-live': 'polite' }),
      scratch: h('p', { class: 'tl-note' }),
      live: liveText(),
    };
    const e = this.#el;
    e.test.append(
      h('h3', { class: 'tl-h', text: 'Prueba: dibuja un símbolo nuevo' }),
      h('div', { class: 'tl-draw' },
        h('div', { class: 'tl-col' }, testPad, button('Borrar', () => this.#testPad.clear(), { class: 'btn btn-quiet' })),
        h('div', { class: 'tl-col tl-out' }, e.probs, e.total, e.verdict, e.scratch)),
    );
    this.root = h('div', { class: 'tl-symbols' },
      h('p', { class: 'tl-note', text: `Dibuja entre ${MIN_CLASSES} y ${MAX_CLASSES} símbolos tuyos, al menos ${MIN_EXAMPLES} veces cada uno. Con tus dibujos aprenden las dos redes del experimento: la de la base congelada (aprendida con los dígitos 0–4) y la misma red desde cero. Los dibujos no se guardan al recargar la página.` }),
      h('div', { class: 'tl-draw' },
        h('div', { class: 'tl-col' }, h('p', { class: 'tl-label', text: 'Dibuja un ejemplo' }), pad,
          button('Borrar el recuadro', () => this.#pad.clear(), { class: 'btn btn-quiet' })),
        h('div', { class: 'tl-col' }, h('p', { class: 'tl-label', text: 'y guárdalo en su clase' }), e.saves)),
      h('h3', { class: 'tl-h', text: 'Tus clases' }), e.classes,
      h('div', { class: 'tl-row' }, e.addClass, button('Empezar de nuevo', () => this.#resetAll(), { class: 'btn btn-quiet' })),
      e.missing,
      h('div', { class: 'tl-actions' }, e.train, e.progress),
      e.status, e.live, e.test,
    );
    this.#render();
    this.#setPhase('idle');
  }

  /** Repaints the pads (call when the panel becomes visible: a hidden canvas has no size). */
  shown(): void {
    this.#pad.redraw();
    this.#testPad.redraw();
  }

  dispose(): void {
    this.#cancel = true;
    this.#pad.destroy();
    this.#testPad.destroy();
    this.#exp?.dispose();
    this.#exp = null;
  }

  #setPhase(p: Phase, message?: string): void {
    this.#phase = p;
    this.root.dataset.phase = p;
    const texts: Record<Phase, string> = {
      idle: 'Cuando tengas bastantes dibujos, pulsa «Entrenar con mis dibujos» (la primera vez se cargan TensorFlow.js y la base).',
      loading: 'Cargando TensorFlow.js y la base entrenada con 0–4…',
      training: 'Entrenando las dos redes con tus dibujos…',
      trained: 'Entrenadas. Dibuja abajo un símbolo nuevo: tras cada trazo verás lo que opina cada red.',
      error: 'No se pudo entrenar.',
    };
    this.#el.status.textContent = message ?? texts[p];
    this.#el.status.classList.toggle('tl-error', p === 'error');
    this.#renderButtons();
  }

  #busy(): boolean {
    return this.#phase === 'loading' || this.#phase === 'training';
  }

  /** The training data changed: re-render; a model with another number of classes is dropped. */
  #changed(): void {
    if (this.#exp && this.#exp.k !== this.set.size) this.#dropModel();
    this.#render();
  }

  #dropModel(): void {
    this.#exp?.dispose();
    this.#exp = null;
    this.#trainedVersion = -1;
    this.#el.test.hidden = true;
    this.#testPad.clear();
    if (!this.#busy()) this.#setPhase('idle');
  }

  #resetAll(): void {
    if (this.set.totalExamples > 0 && !globalThis.confirm('¿Borrar todos tus dibujos y volver a las tres clases de partida?')) return;
    this.#cancel = true;
    this.#dropModel();
    this.set.reset();
    this.#pad.clear();
    this.#render();
  }

  #render(): void {
    const e = this.#el;
    const names = this.set.names;
    e.classes.replaceChildren(...this.set.classes.map((c, i) => {
      const name = h('input', { type: 'text', value: c.name, maxlength: MAX_NAME, 'aria-label': `Nombre de la clase ${i + 1}`, class: 'tl-name' });
      name.addEventListener('input', () => {
        this.set.rename(i, name.value);
        this.#renderSaves();
        this.#renderMissing();
        this.#predict();
      });
      const thumbs = c.examples.map((img, j) => h('span', { class: 'tl-thumb' }, imageCanvas(img, 'tl-thumb-img'),
        button('×', () => { this.set.removeExample(i, j); this.#changed(); }, { class: 'tl-del', 'aria-label': `Borrar el dibujo ${j + 1} de «${names[i]}»` })));
      const remove = button('Quitar la clase', () => {
        if (c.examples.length > 0 && !globalThis.confirm(`¿Quitar la clase «${names[i]}» y sus ${countText(c.examples.length)}?`)) return;
        if (this.set.removeClass(i)) this.#changed();
      }, { class: 'btn btn-quiet tl-remove' });
      remove.disabled = this.set.size <= MIN_CLASSES || this.#busy();
      return h('div', { class: 'tl-class', 'data-class': i },
        h('div', { class: 'tl-class-head' }, name, h('span', { class: 'tl-count', text: countText(c.examples.length) }), remove),
        h('div', { class: 'tl-thumbs' }, ...thumbs));
    }));
    this.#renderSaves();
    this.#renderMissing();
    this.#renderButtons();
  }

  #renderSaves(): void {
    const names = this.set.names;
    this.#el.saves.replaceChildren(...names.map((n, i) => button(`Guardar como «${n}»`, () => this.#save(i), { class: 'btn btn-quiet tl-save', disabled: this.#pad.isEmpty })));
  }

  #renderMissing(): void {
    const text = missingText(this.set.missing(), this.set.names);
    const stale = this.#exp && this.#trainedVersion !== this.set.version && !this.#busy();
    this.#el.missing.textContent = text ?? (stale ? 'Has cambiado los dibujos: vuelve a entrenar para que las redes los tengan en cuenta.' : `Listo: ${countText(this.set.totalExamples)} en ${this.set.size} clases.`);
  }

  #renderButtons(): void {
    const busy = this.#busy();
    this.#el.train.disabled = busy || !this.set.canTrain();
    this.#el.addClass.disabled = busy || this.set.size >= MAX_CLASSES;
    for (const b of this.#el.classes.querySelectorAll<HTMLButtonElement>('.tl-remove, .tl-del')) b.disabled = busy || (b.classList.contains('tl-remove') && this.set.size <= MIN_CLASSES);
  }

  #save(i: number): void {
    const img = rasterizeStrokes(this.#pad.strokes);
    if (isBlank(img)) return;
    this.set.addExample(i, img);
    this.#pad.clear();
    this.#el.live.textContent = `Guardado: ya hay ${countText(this.set.classes[i]!.examples.length)} de «${this.set.names[i]}».`;
    this.#changed();
  }

  async #train(): Promise<void> {
    if (!this.set.canTrain() || this.#busy()) return;
    this.#cancel = false;
    this.#host.busy(true);
    this.#setPhase('loading');
    let rt: SymbolRuntime;
    try {
      rt = await this.#host.runtime();
    } catch (err) {
      this.#host.busy(false);
      return this.#setPhase('error', err instanceof Error ? err.message : String(err));
    }
    const { tf } = rt;
    this.#tf = tf;
    this.#exp?.dispose();
    this.#exp = null;
    const version = this.set.version;
    const batch = this.set.toBatch();
    const exp = new Experiment(tf, rt.base, batch, batch, this.set.size, symbolConfig());
    this.#exp = exp;
    this.#setPhase('training');
    try {
      const stats = await runInSlices(exp.units(), {
        sliceMs: SLICE_MS, stopped: () => this.#cancel,
        afterSlice: () => { this.#el.progress.value = exp.done / exp.total; },
        nextFrame: () => tf.nextFrame(),
      });
      this.root.dataset.maxSliceMs = stats.max.toFixed(1);
      this.root.dataset.sliceMedianMs = stats.median.toFixed(1);
      if (!stats.finished || exp.disposed) {
        if (this.#exp === exp) this.#dropModel();
        return;
      }
    } catch (err) {
      if (this.#exp === exp) this.#dropModel();
      if (!exp.disposed || this.#phase === 'training') this.#setPhase('error', `El entrenamiento falló: ${err instanceof Error ? err.message : String(err)}`);
      return;
    } finally {
      this.#host.busy(false);
    }
    this.#trainedVersion = version;
    const n = batch.size;
    const fit = (['transfer', 'scratch'] as const).map((m) => fitText(MODE_LABEL[m], exp.lastTest(m)?.correctPerClass.reduce((a, b) => a + b, 0) ?? 0, n));
    this.#setPhase('trained');
    this.#el.live.textContent = fit.join(' ');
    this.#el.status.textContent += ` ${fit.join(' ')}`;
    this.#el.test.hidden = false;
    this.#testPad.redraw();
    this.#render();
    this.#predict();
  }

  #predict(): void {
    const e = this.#el;
    const exp = this.#exp;
    const tf = this.#tf;
    if (!exp || !tf || this.#busy() || exp.disposed) return;
    const img = rasterizeStrokes(this.#testPad.strokes);
    if (isBlank(img)) {
      e.probs.replaceChildren();
      e.total.textContent = '';
      e.scratch.textContent = '';
      e.verdict.textContent = 'El recuadro de prueba está vacío.';
      delete this.root.dataset.prediction;
      delete this.root.dataset.probSum;
      return;
    }
    const names = this.set.names;
    const p = predict(tf, exp.nets.transfer.model, img, 1);
    const q = predict(tf, exp.nets.scratch.model, img, 1);
    const rows = probRows(p, names);
    e.probs.replaceChildren(...rows.map((r) => h('li', { class: r.best ? 'tl-best' : '' },
      h('span', { class: 'tl-pname', text: r.name }),
      h('span', { class: 'tl-bar', 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * r.value).toFixed(2)}%` })),
      h('span', { class: 'tl-pct', text: r.text }))));
    const total = Array.from(p).reduce((a, b) => a + b, 0);
    e.total.textContent = `Suma: ${pct(total)} (la softmax reparte el 100 % entre tus clases).`;
    e.verdict.textContent = predictionText(p, names);
    const s = probRows(q, names).find((r) => r.best)!;
    e.scratch.textContent = `La misma red entrenada desde cero dice «${s.name}» (${s.text}).`;
    this.root.dataset.prediction = String(rows.findIndex((r) => r.best));
    this.root.dataset.probSum = String(total);
  }
}
