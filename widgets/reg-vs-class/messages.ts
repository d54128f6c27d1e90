/** Spanish texts of reg-vs-class (pure: numbers in, sentences out). */
import { fixed, fmt, intText, pct as pctOf } from '../lib/format/number';
import type { ClsEval, RegEval } from './core';
import type { RunStatus } from '../lib/nn/model-run';

export const deg = (v: number, digits = 1): string => `${fmt(v, digits)} °C`;
/** A forecast, always with one decimal ("25,0 °C"). */
export const deg1 = (v: number): string => `${fixed(v, 1)} °C`;
export const pct = (v: number): string => pctOf(v, 1);

export function statusText(reg: RunStatus, cls: RunStatus, epochs: number, total: number, seed: number): string {
  if (reg === 'running' || cls === 'running') return `Entrenando… época ${intText(epochs)} de ${intText(total)}.`;
  if (reg === 'untrained' && cls === 'untrained') {
    return `Modelos sin entrenar: pesos iniciales al azar (semilla ${seed}). Pulsa «Entrenar».`;
  }
  if (reg === 'stopped' || cls === 'stopped') return `Entrenamiento detenido en la época ${intText(epochs)}. «Entrenar» lo continúa.`;
  return `Entrenamiento terminado tras ${intText(epochs)} épocas. «Entrenar» añade otras ${intText(total)}.`;
}

export function divergedText(who: 'regresor' | 'clasificador', reason: string, lr: number): string {
  return `El ${who} ha divergido con α = ${fmt(lr, 3)}: ${reason} Cada paso se pasaba de largo y la pérdida crecía ` +
    'en vez de bajar, así que lo hemos detenido y sus pesos han vuelto a los iniciales. Baja la tasa de aprendizaje ' +
    '(por ejemplo, a la décima parte) y pulsa «Entrenar» otra vez.';
}

export function staleText(trainedWith: number, now: number): string {
  return `El clasificador aprendió con el umbral de ${deg(trainedWith)}; con ${deg(now)} las etiquetas han cambiado y ` +
    'sus aciertos se cuentan ya contra las nuevas. Pulsa «Entrenar» para que aprenda el umbral nuevo.';
}

export function regReadout(e: RegEval, epochs: number): string[] {
  return [
    `Pérdida (MSE): ${fmt(e.mse, 2)} °C²`,
    `RMSE = √MSE: ${deg(e.rmse, 2)}`,
    `Error absoluto medio (MAE): ${deg(e.mae, 2)}`,
    `Épocas: ${intText(epochs)}`,
  ];
}

export function clsReadout(e: ClsEval, n: number, epochs: number): string[] {
  const right = e.confusion.tp + e.confusion.tn;
  return [
    `Pérdida (entropía cruzada): ${fmt(e.bce, 3)}`,
    `Exactitud: ${pct(e.accuracy)} (${intText(right)} de ${intText(n)})`,
    `Días de calor en los datos: ${intText(e.hot)} de ${intText(n)}`,
    `Épocas: ${intText(epochs)}`,
  ];
}

export function regChartLabel(n: number, hot: number, threshold: number, at10: number, at30: number): string {
  return `Diagrama de dispersión de ${intText(n)} días: temperatura de mañana frente a la de hoy; ${intText(hot)} días de calor ` +
    `(por encima de ${deg(threshold)}) y ${intText(n - hot)} de frío. La curva del regresor predice ${deg(at10)} para ` +
    `un día de 10 °C y ${deg(at30)} para uno de 30 °C.`;
}

export function clsChartLabel(frontiers: readonly number[], p10: number, p30: number): string {
  const f = frontiers.length === 0
    ? 'la probabilidad no cruza 0,5 en este rango, así que siempre responde lo mismo'
    : `la probabilidad cruza 0,5 en ${frontiers.map((x) => deg(x)).join(' y ')}`;
  return `Etiquetas de cada día (calor arriba, frío abajo) frente a la temperatura de hoy y la curva de probabilidad de ` +
    `calor del clasificador: vale ${fmt(p10, 2)} para 10 °C y ${fmt(p30, 2)} para 30 °C; ${f}.`;
}

export function lossLabel(what: string, history: readonly number[], unit: string): string {
  if (!history.length) return `Curva de pérdida (${what}): todavía sin entrenar.`;
  return `Curva de pérdida (${what}): empieza en ${fmt(history[0]!, 3)}${unit} y va por ${fmt(history[history.length - 1]!, 3)}${unit} ` +
    `tras ${intText(history.length)} épocas.`;
}

export const UNTRAINED_NOTE = 'Ojo: los modelos aún no han entrenado; responden con sus pesos iniciales, al azar.';

/** "calor" when p ≥ 0.5; with one frontier, says on which side of it (prob: p as a function of °C). */
export function decisionNote(frontiers: readonly number[], prob: (t: number) => number): string {
  const base = 'Umbral de decisión: «calor» si la probabilidad es al menos 0,5';
  if (frontiers.length !== 1) return `${base}.`;
  const f = frontiers[0]!;
  return `${base}, es decir, si hoy hace ${prob(f + 1) >= 0.5 ? 'más' : 'menos'} de ${deg(f)}.`;
}
