/** Spanish texts of workflow-stepper (pure). */
import { h } from '../lib/widget/dom';
import { fmt, intText } from '../lib/format/number';
import type { RunStatus } from '../lib/nn/model-run';


export const ACT_LABEL = { tanh: 'tangente hiperbólica (tanh)', relu: 'ReLU', sigmoid: 'sigmoide' } as const;

/** What each stage is for, one short paragraph each. */
export const INTRO: readonly string[] = [
  'Un sensor anota la temperatura una vez al día. Aquí los días son simulados: la temperatura habitual de cada fecha más ' +
    'unos altibajos que duran varios días, generados con una semilla para que todos veamos los mismos datos.',
  'Antes de entrenar, los ejemplos se reparten en tres grupos que no comparten ningún día y se pasan a una escala común.',
  'Elige la forma de la red: dos entradas (temperatura de hoy y día del año, ya normalizadas), una capa oculta y una ' +
    'neurona de salida lineal que da la temperatura de mañana normalizada.',
  'El descenso de gradiente ajusta los pesos para bajar el error cuadrático medio en el conjunto de entrenamiento. El de ' +
    'validación no se usa para aprender: solo vigila si la red generaliza.',
  'El examen final: la red predice los días de prueba, que nunca ha visto, y la comparamos con la referencia más ' +
    'ingenua posible, «mañana hará lo mismo que hoy».',
  'La red entrenada, congelada, responde a entradas nuevas. Mueve los deslizadores y mira cómo cambia la predicción.',
];

export const RUN_LABEL: readonly (string | null)[] = [
  'Registrar los días', 'Dividir y normalizar', 'Construir la red', 'Entrenar la red', 'Evaluar con el conjunto de prueba', null,
];

export const CHANGED = 'Has cambiado la configuración de esta etapa o de una anterior: su resultado y el de las ' +
  'siguientes se han borrado. Vuelve a ejecutarla.';

const last = (v: readonly number[]): number => v[v.length - 1] ?? NaN;

/** Lines of the training readout (losses in °C²). */
export function trainLines(status: RunStatus, epoch: number, total: number, train: readonly number[], val: readonly number[], reason: string, lr: number): string[] {
  const lines = [`Época ${intText(epoch)} de ${intText(total)}`];
  if (train.length) lines.push(`MSE de entrenamiento: ${fmt(last(train), 3)} °C² (RMSE ${fmt(Math.sqrt(last(train)), 2)} °C)`);
  if (val.length) lines.push(`MSE de validación: ${fmt(last(val), 3)} °C² (RMSE ${fmt(Math.sqrt(last(val)), 2)} °C)`);
  if (status === 'running') lines.push('Entrenando…');
  else if (status === 'done') lines.push('Entrenamiento terminado. Ya puedes pasar a «Evaluar».');
  else if (status === 'stopped') lines.push(`Detenido en la época ${intText(epoch)}. Puedes evaluar esta red o volver a entrenar desde el principio.`);
  else if (status === 'diverged') {
    lines.push(`El entrenamiento ha divergido con α = ${fmt(lr, 3)}: ${reason} La pérdida crecía en vez de bajar; lo hemos ` +
      'detenido y la red ha vuelto a sus pesos iniciales. Baja la tasa de aprendizaje (por ejemplo, a la décima parte) y entrena otra vez.');
  }
  return lines;
}

export function lossAlt(train: readonly number[], val: readonly number[]): string {
  if (!train.length) return 'Curva de pérdida: todavía no hay ninguna época.';
  return `Curvas de pérdida por época: entrenamiento de ${fmt(train[0]!, 3)} a ${fmt(last(train), 3)} °C² y validación ` +
    `de ${fmt(val[0] ?? NaN, 3)} a ${fmt(last(val), 3)} °C² en ${intText(train.length)} épocas.`;
}

/** Colour key of the loss chart (train and validation lines). */
export function lossKey(): HTMLElement {
  const key = (cls: string, label: string): HTMLElement => h('span', { class: 'ws-key' }, h('span', { class: `ws-line ${cls}` }), label);
  return h('p', { class: 'ws-keys', 'aria-hidden': 'true' }, key('ws-line-train', 'entrenamiento'), key('ws-line-val', 'validación'));
}
