/**
 * Spanish texts of train-infer built from numbers (pure: strings in, strings out).
 * Numbers use fmt() (decimal comma); very large ones use ×10ⁿ notation.
 */
import { fmt, intText, superscript } from '../lib/format/number';
import { multiplicationsPerStep, type Line } from './core';

/** fmt() for ordinary sizes; m × 10ⁿ when |v| ≥ 10⁶ (a diverging loss). */
export function num(v: number, digits = 3): string {
  if (Math.abs(v) < 0.5 * 10 ** -digits) return '0'; // no "−0"
  if (!Number.isFinite(v) || Math.abs(v) < 1e6) return fmt(v, digits);
  const e = Math.floor(Math.log10(Math.abs(v)));
  const m = v / 10 ** e;
  return `${fmt(m, 2)} × 10${superscript(e)}`;
}

/** Integer, grouped from 1 000 on (lib/format). */
export { intText };

export const lineText = (m: Line): string => `ŷ = ${num(m.w)}·x ${m.b < 0 ? '−' : '+'} ${num(Math.abs(m.b))}`;

export function trainedText(step: number, exactGap: number | null): string {
  const close = exactGap !== null && exactGap < 1e-4;
  return close
    ? `Convergió en ${intText(step)} pasos: w y b coinciden con la solución exacta de mínimos cuadrados ` +
        '(diferencia menor que 0,0001). El modelo queda congelado para la fase de inferencia.'
    : `Convergió en ${intText(step)} pasos. El modelo queda congelado para la fase de inferencia.`;
}

export function stoppedText(step: number): string {
  return `Entrenamiento detenido en el paso ${intText(step)}. El modelo congelado es el de ese momento, ` +
    'que todavía no es el mejor posible: vuelve a pulsar «Entrenar» para seguir.';
}

export function oneStepText(step: number, loss: number): string {
  return `Paso ${intText(step)} dado a mano: w y b se han movido un poco cuesta abajo y ahora L = ${num(loss, 4)}. ` +
    'Ese es el modelo congelado por ahora; pulsa «Entrenar» para seguir hasta el mínimo.';
}

export function maxStepsText(limit: number, alpha: number): string {
  return `Se alcanzó el límite de ${intText(limit)} pasos sin llegar al mínimo: con α = ${fmt(alpha, 4)} cada paso ` +
    'avanza muy poco. Sube la tasa de aprendizaje, o pulsa «Entrenar» otra vez para continuar desde aquí. ' +
    'Mientras tanto, el modelo congelado es el de ahora.';
}

export function divergedText(alpha: number, steps: number, loss: number, alphaMax: number): string {
  const reached = Number.isFinite(loss) ? `llegó a ${num(loss)}` : 'ya no es ni un número finito';
  return `La pérdida se ha disparado: en ${intText(steps)} pasos L ${reached}. Con α = ${fmt(alpha, 4)} cada paso ` +
    'es tan largo que se pasa del mínimo y cae al otro lado, más lejos que antes, y así una y otra vez. ' +
    `Para estos datos el descenso solo es estable si α es menor que ${fmt(alphaMax, 4)}. ` +
    'Baja la tasa de aprendizaje y vuelve a pulsar «Entrenar» (el modelo se ha reiniciado a w = 0, b = 0).';
}

export function costText(steps: number, n: number): string {
  const mult = steps * multiplicationsPerStep(n);
  return `Coste: esta predicción es 1 multiplicación y 1 suma, y solo necesita w, b y x*. ` +
    `El entrenamiento hizo ${intText(steps)} pasos de ${intText(multiplicationsPerStep(n))} multiplicaciones ` +
    `(${intText(mult)} en total) y necesitó los ${n} ejemplos con su respuesta y.`;
}

export const STALE =
  'Has cambiado los datos después de entrenar: este modelo está desactualizado. ' +
  'Sigue prediciendo con lo que aprendió de los datos de antes hasta que vuelvas a pulsar «Entrenar».';

export const UNTRAINED = 'Todavía no hay un modelo entrenado: pulsa «Entrenar» en la fase 1. La inferencia usará los w y b que salgan.';
