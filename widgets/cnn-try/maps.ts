/**
 * The feature-map panel of the try-it widget (DOM): one row per layer, one small grey canvas
 * per channel (white = the largest value of that layer, black = zero), a strip for vector
 * layers, and a text alternative per layer. build() makes the canvases once per model;
 * render() repaints them for each new input.
 */
import { h } from '../lib/widget/dom';
import { paintGray } from '../lib/draw/paint';
import type { LayerView } from '../lib/cnn/load';
import { describeMaps, layerTitle, mapCssSize, mapImages } from './core';

interface Row {
  layer: LayerView;
  box: HTMLElement;
  canvases: HTMLCanvasElement[];
}

const paint = (canvas: HTMLCanvasElement, grey: Uint8ClampedArray, w: number, hgt: number): void => paintGray(canvas, grey, { width: w, height: hgt });

export class MapsPanel {
  readonly root: HTMLElement;
  #rows: Row[] = [];
  #body: HTMLElement;
  #empty: HTMLElement;

  constructor() {
    this.#body = h('div', { class: 'cy-layers' });
    this.#empty = h('p', { class: 'cy-note', hidden: true });
    this.root = h('section', { class: 'cy-maps', 'aria-label': 'Mapas de características de cada capa' },
      h('h3', { text: 'Qué calcula cada capa para esta entrada' }),
      h('p', { class: 'cy-note', text: 'Cada cuadrito es un canal. Blanco: el valor más alto de esa capa; negro: cero (la ReLU apagó ese punto).' }),
      this.#empty, this.#body);
  }

  /** Makes one row per layer of the model (the output layer is the probability list above). */
  build(layers: readonly LayerView[]): void {
    this.#rows = layers.map((layer, i) => {
      const last = i === layers.length - 1;
      const isMap = layer.shape.length === 3;
      const [hgt, w, c] = isMap ? (layer.shape as [number, number, number]) : [1, layer.shape[0]!, 1];
      const canvases = last ? [] : Array.from({ length: c }, (_, k) => {
        const cv = h('canvas', { width: w, height: hgt, class: isMap ? 'cy-map' : 'cy-strip', title: isMap ? `${layer.name}, mapa ${k + 1}` : layer.name });
        if (isMap) cv.style.width = cv.style.height = `${mapCssSize(w)}px`;
        return cv;
      });
      const box = h('div', { class: isMap ? 'cy-grid' : 'cy-vector', role: 'img' }, ...canvases);
      if (last) box.append(h('span', { class: 'cy-note', text: 'Son las diez probabilidades de la lista de arriba.' }));
      const row = h('div', { class: 'cy-layer', 'data-layer': layer.name }, h('p', { class: 'cy-layer-title', text: layerTitle(layer) }), box);
      return { layer, box: row, canvases };
    });
    this.#body.replaceChildren(...this.#rows.map((r) => r.box));
  }

  clear(message: string): void {
    this.#empty.textContent = message;
    this.#empty.hidden = false;
    this.#body.hidden = true;
  }

  /** acts[i] = activations of layer i for one image (channels last). */
  render(acts: readonly Float32Array[]): void {
    this.#empty.hidden = true;
    this.#body.hidden = false;
    this.#rows.forEach((row, i) => {
      const values = acts[i];
      const grid = row.box.querySelector<HTMLElement>('[role="img"]');
      if (!values || !grid) return;
      const l = row.layer;
      const isMap = l.shape.length === 3;
      const [hgt, w, c] = isMap ? (l.shape as [number, number, number]) : [1, l.shape[0]!, 1];
      const m = mapImages(values, hgt, w, c);
      m.images.forEach((img, k) => {
        const cv = row.canvases[k];
        if (cv) paint(cv, img, w, hgt);
      });
      grid.setAttribute('aria-label', describeMaps(l, m));
      row.canvases.forEach((cv, k) => cv.classList.toggle('cy-strongest', isMap && k === m.strongest && m.max > 0));
    });
  }
}
