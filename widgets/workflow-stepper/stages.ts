/**
 * What each stage of workflow-stepper shows once it has run (DOM builders; the numbers come from
 * core.ts). Imported only by view.ts.
 */
import type { Mlp } from '../lib/nn';
import { h } from '../lib/widget/dom';
import { fixed, fmt, intText } from '../lib/format/number';
import { dateLabel } from '../lib/data/weather';
import { normalize } from '../lib/nn/metrics';
import type { Colors } from '../lib/widget/plotkit';
import { infer, paramCount, predictSet, type Collected, type Design, type Evaluation, type Prepared } from './core';
import { daysChart, networkDiagram, testChart } from './charts';

const deg = (v: number, d = 1): string => `${fmt(v, d)} °C`;
/** A forecast, always with one decimal ("25,0 °C"), so it never looks rounder than it is. */
const deg1 = (v: number): string => `${fixed(v, 1)} °C`;
const chart = (label: string, svg: Element, cls = ''): HTMLElement =>
  h('div', { class: `chart ${cls}`, role: 'img', 'aria-label': label }, svg);

function table(head: string[], rows: (string | number)[][], caption: string, cls = 'ws-table'): HTMLElement {
  return h('div', { class: 'ws-table-wrap' }, h('table', { class: cls },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((v, k) => (k === 0 ? h('th', { scope: 'row', text: String(v) }) : h('td', { text: String(v) })))))),
  ));
}

export function collectOutput(c: Collected, width: number, colors: Colors): Node[] {
  const t = c.temp;
  const mean = t.reduce((s, v) => s + v, 0) / t.length;
  const years = c.nDays / 365;
  return [
    h('p', { class: 'ws-summary', text:
      `${intText(c.nDays)} días registrados (${fmt(years, 1)} años desde el 1 de enero): mínima ${deg(Math.min(...t))}, ` +
      `máxima ${deg(Math.max(...t))}, media ${deg(mean)}. Cada día con su siguiente forma un ejemplo: ` +
      `${intText(c.days.length)} ejemplos (temperatura de hoy, día del año) → temperatura de mañana.` }),
    chart(`Temperatura de cada uno de los ${intText(c.nDays)} días: sube en verano y baja en invierno, con altibajos de unos grados ` +
      'de un día a otro alrededor de la temperatura habitual de cada fecha (línea discontinua).', daysChart(width, c.temp, c.doy, colors), 'ws-days'),
    table(['Día', 'Fecha', 'Hoy', 'Mañana'],
      c.days.slice(0, 5).map((d, i) => [intText(i + 1), dateLabel(d.doy), deg(d.today), deg(d.tomorrow)]),
      'Los cinco primeros ejemplos'),
  ];
}

export function preprocessOutput(c: Collected, p: Prepared): Node[] {
  const { train, val, test } = p.split;
  const n = c.days.length;
  const seg = (cls: string, k: number): HTMLElement => h('span', { class: `ws-seg ${cls}`, style: `flex-grow:${k}`, text: intText(k) });
  const key = (cls: string, label: string): HTMLElement => h('span', { class: 'ws-key' }, h('span', { class: `ws-swatch ${cls}` }), label);
  const first = c.days[train[0]!]!;
  const nm = p.norm;
  const z = (v: number, m: { mean: number; std: number }): string =>
    `(${fmt(v, 1)} − ${fmt(m.mean, 2)}) / ${fmt(m.std, 2)} = ${fmt(normalize(v, m), 3)}`;
  return [
    h('div', { class: 'ws-split', role: 'img', 'aria-label': `Reparto de ${intText(n)} ejemplos: ${intText(train.length)} de entrenamiento, ${intText(val.length)} de validación y ${intText(test.length)} de prueba.` },
      seg('ws-train', train.length), seg('ws-val', val.length), seg('ws-test', test.length)),
    h('p', { class: 'ws-keys', 'aria-hidden': 'true' }, key('ws-train', 'entrenamiento'), key('ws-val', 'validación'), key('ws-test', 'prueba')),
    h('p', { class: 'ws-summary', text:
      `Los ${intText(n)} ejemplos se barajan con la semilla y se reparten sin repetir ninguno: ${intText(train.length)} para ` +
      `entrenar (70 %), ${intText(val.length)} para validar (15 %) y ${intText(test.length)} para la prueba final (15 %).` }),
    table(['Variable', 'Media μ', 'Desviación s'], [
      ['Temperatura de hoy', deg(nm.today.mean, 2), deg(nm.today.std, 2)],
      ['Día del año', fmt(nm.doy.mean, 1), fmt(nm.doy.std, 1)],
      ['Temperatura de mañana', deg(nm.tomorrow.mean, 2), deg(nm.tomorrow.std, 2)],
    ], 'Medias y desviaciones, calculadas solo con el conjunto de entrenamiento'),
    h('div', { class: 'readout ws-example' },
      h('div', { text: `Primer ejemplo de entrenamiento (${dateLabel(first.doy)}):` }),
      h('div', { text: `z_T = ${z(first.today, nm.today)}` }),
      h('div', { text: `z_d = ${z(first.doy, nm.doy)}` }),
      h('div', { text: `z_T′ = ${z(first.tomorrow, nm.tomorrow)}` })),
    h('p', { class: 'ws-why', text:
      `¿Por qué normalizar? El día del año va de 0 a 364 y la temperatura se mueve en unas decenas de grados: sin ` +
      `normalizar, el día entraría con números unas diez veces mayores en las primeras sumas de la red y el descenso de gradiente ` +
      `avanzaría a trompicones. Con z = (x − μ)/s las dos entradas quedan centradas en 0 y con la misma escala. μ y s ` +
      `salen solo del entrenamiento: si miraran la prueba, el examen final dejaría de ser una sorpresa.` }),
  ];
}

export function designOutput(d: Design, colors: Colors): Node[] {
  const H = d.hidden;
  const n = paramCount(H);
  return [
    chart(`Red de 2 entradas, ${H} neuronas ocultas con activación ${d.activation} y 1 salida lineal; cada línea es un peso.`,
      networkDiagram(H, d.activation, colors), 'ws-netwrap'),
    h('div', { class: 'readout ws-params' },
      h('div', { text: `Capa oculta: 2 × ${H} pesos + ${H} sesgos = ${intText(3 * H)}` }),
      h('div', { text: `Capa de salida: ${H} × 1 pesos + 1 sesgo = ${intText(H + 1)}` }),
      h('div', { class: 'ws-total', text: `Total: ${intText(n)} parámetros (${intText(4 * n)} bytes en float32)` })),
  ];
}

export function evaluateOutput(ev: Evaluation, net: Mlp, c: Collected, p: Prepared, width: number, colors: Colors): Node[] {
  const better = ev.model.rmse < ev.baseline.rmse;
  const gain = (1 - ev.model.rmse / ev.baseline.rmse) * 100;
  const real = p.split.test.map((i) => c.days[i]!.tomorrow);
  return [
    table(['Predictor', 'MAE', 'RMSE'], [
      ['Red neuronal', deg(ev.model.mae, 2), deg(ev.model.rmse, 2)],
      ['Referencia «mañana = hoy»', deg(ev.baseline.mae, 2), deg(ev.baseline.rmse, 2)],
    ], `Errores en los ${intText(ev.n)} días de prueba, que la red nunca ha visto`, 'ws-table ws-eval'),
    h('p', { class: `ws-verdict ${better ? 'ws-good' : 'ws-bad'}`, role: 'status', text: better
      ? `La red mejora a la referencia: su RMSE es un ${fmt(gain, 1)} % menor. Saber la fecha le permite corregir hacia la temperatura habitual de la estación.`
      : `La red no mejora a la referencia (su RMSE es un ${fmt(-gain, 1)} % mayor). Vuelve a «Diseñar» o a «Entrenar» y prueba con más neuronas, más épocas u otra tasa de aprendizaje.` }),
    chart(`Predicción frente a temperatura real en los ${intText(ev.n)} días de prueba; cuanto más cerca de la diagonal, mejor. RMSE ${deg(ev.model.rmse, 2)}.`,
      testChart(width, real, predictSet(net, p, p.test), colors), 'ws-test-chart'),
  ];
}

export function inferOutput(net: Mlp, p: Prepared, d: Design, today: number, doy: number): Node[] {
  const y = infer(net, p, today, doy);
  const H = d.hidden;
  const nm = p.norm;
  return [
    h('p', { class: 'ws-pred' }, `Si hoy, ${dateLabel(doy)}, hace ${deg(today)}: `, h('strong', { class: 'ws-pred-value', text: `mañana hará ${deg1(y)}` })),
    h('div', { class: 'readout ws-infer-steps' },
      h('div', { text: `1. Normalizar: z_T = (${fmt(today, 1)} − ${fmt(nm.today.mean, 2)}) / ${fmt(nm.today.std, 2)} = ${fmt(normalize(today, nm.today), 3)}; ` +
        `z_d = (${intText(doy)} − ${fmt(nm.doy.mean, 1)}) / ${fmt(nm.doy.std, 1)} = ${fmt(normalize(doy, nm.doy), 3)}` }),
      h('div', { text: `2. Red: ${intText(2 * H)} productos y ${intText(H)} sesgos en la capa oculta, ${intText(H)} activaciones, ` +
        `${intText(H)} productos y 1 sesgo en la salida → ẑ′ = ${fmt(normalize(y, nm.tomorrow), 3)}` }),
      h('div', { text: `3. Desnormalizar: T̂′ = ${fmt(nm.tomorrow.mean, 2)} + ${fmt(nm.tomorrow.std, 2)} · ẑ′ = ${deg(y, 2)}` })),
    h('p', { class: 'ws-why', text:
      `Esta es la única etapa que viaja al microcontrolador: ${intText(paramCount(H))} parámetros (${intText(4 * paramCount(H))} bytes) ` +
      `y las 6 constantes de normalización. Recoger, preprocesar, diseñar, entrenar y evaluar se hacen una vez, en el ordenador.` }),
  ];
}
