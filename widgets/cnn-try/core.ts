/**
 * Pure helpers of the "try your CNN" view: turning one layer's activations into grey images,
 * naming the layers in Spanish, and the texts that describe what the model sees and says.
 *
 * Activations of one image, channels last: a map layer gives h·w·c values, value (y, x, k) at
 * (y·w + x)·c + k; a dense layer gives n values.
 */
import { fmt } from '../lib/widget/dom';
import type { LayerView } from '../lib/cnn/load';

export interface MapImages {
  /** One grey image per channel, h·w bytes (0 = zero or below, 255 = the layer's largest value). */
  images: Uint8ClampedArray[];
  /** Largest value in the whole layer (the white level). */
  max: number;
  /** Channel with the largest total activation, 0-based. */
  strongest: number;
}

/**
 * Splits an [h, w, c] activation into c grey images on one scale for the whole layer (so two
 * channels can be compared: a dim map really is weaker). Negative values show as black.
 */
export function mapImages(values: ArrayLike<number>, h: number, w: number, c: number): MapImages {
  if (values.length !== h * w * c) throw new RangeError(`expected ${h * w * c} values, got ${values.length}`);
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const scale = max > 0 ? 255 / max : 0;
  const images = Array.from({ length: c }, () => new Uint8ClampedArray(h * w));
  const totals = new Array<number>(c).fill(0);
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < c; k++) {
      const v = values[p * c + k]!;
      images[k]![p] = v > 0 ? Math.round(v * scale) : 0;
      if (v > 0) totals[k]! += v;
    }
  }
  let strongest = 0;
  for (let k = 1; k < c; k++) if (totals[k]! > totals[strongest]!) strongest = k;
  return { images, max, strongest };
}

/** Spanish title of a layer for the feature-map panel. */
export function layerTitle(l: LayerView): string {
  const dims = l.shape.join(' × ');
  switch (l.kind) {
    case 'Conv2D':
      return `${l.name}: convolución + ReLU → ${l.shape[2]} mapas de ${l.shape[0]} × ${l.shape[1]}`;
    case 'MaxPooling2D':
      return `${l.name}: max pooling → ${l.shape[2]} mapas de ${l.shape[0]} × ${l.shape[1]}`;
    case 'AveragePooling2D':
      return `${l.name}: average pooling → ${l.shape[2]} mapas de ${l.shape[0]} × ${l.shape[1]}`;
    case 'Flatten':
      return `${l.name}: aplanado → un vector de ${l.shape[0]} números`;
    case 'Dense':
      return `${l.name}: capa densa → ${l.shape[0]} valores`;
    default:
      return `${l.name}: ${dims}`;
  }
}

/** Text alternative of one layer's maps. */
export function describeMaps(l: LayerView, m: MapImages): string {
  if (m.max <= 0) return `${layerTitle(l)}. Todos los valores son cero para esta entrada.`;
  return `${layerTitle(l)}. El mapa más activo es el ${m.strongest + 1}; el valor más alto de la capa es ${fmt(m.max, 2)}.`;
}

export interface Ranked {
  digit: number;
  p: number;
}

/** The ten classes sorted by probability (ties: lower digit first). */
export function ranking(probs: ArrayLike<number>): Ranked[] {
  return Array.from({ length: probs.length }, (_, digit) => ({ digit, p: probs[digit]! }))
    .sort((a, b) => b.p - a.p || a.digit - b.digit);
}

export const sum = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
};

/** What the model says, in one sentence. */
export function verdict(probs: ArrayLike<number>): string {
  const [a, b] = ranking(probs);
  if (!a || !b) return '';
  const sure = a.p >= 0.9 ? 'está bastante seguro' : a.p >= 0.6 ? 'se inclina' : 'duda';
  return `El modelo ${sure}: dice ${a.digit} (${fmt(100 * a.p, 1)} %); la segunda opción es ${b.digit} (${fmt(100 * b.p, 1)} %).`;
}

/** True when the image has (almost) no ink: there is nothing to classify. */
export const isBlank = (img: ArrayLike<number>, threshold = 0.05): boolean => {
  for (let i = 0; i < img.length; i++) if (img[i]! > threshold) return false;
  return true;
};

/** CSS pixel size of a map of side n in the panel: small maps get larger pixels. */
export const mapCssSize = (n: number): number => Math.max(28, Math.min(64, n * (n >= 28 ? 2 : n >= 14 ? 3 : 5)));
