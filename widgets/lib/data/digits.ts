/**
 * MNIST digits as the widgets name and pick them (pure), shared by pixel-inspector and
 * filter-gallery.
 */
import { createRng } from '../rng/rng';

/** The test-set index that «Otro dígito» shows for this seed: uniform in 0…count − 1. */
export function pickIndex(seed: number, count: number): number {
  return createRng(seed).int(0, count - 1);
}

const DIGIT_NAMES = ['un cero', 'un uno', 'un dos', 'un tres', 'un cuatro', 'un cinco', 'un seis', 'un siete', 'un ocho', 'un nueve'];

/** Spanish name of a digit label 0–9, e.g. 7 → 'un siete'. */
export const digitName = (label: number): string => DIGIT_NAMES[label] ?? `el dígito ${label}`;
