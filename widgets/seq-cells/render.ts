/**
 * DOM of the four views of the «step by step» widget (called by view.ts). Every number comes from
 * the Runs of core.ts; `step` is the view's current step (core.ts maxStep explains the count).
 * Tables are plain HTML (readable by screen readers); the heatmaps are tables whose cells are
 * tinted in proportion to the value (at most 45 % of the accent colour, so text keeps contrast).
 */
import katex from 'katex';
import { h } from '../lib/widget/dom';
import type { Mat } from '../lib/seq/cells';
import { ATTENTION, CONV, CONV_FILTER_NAMES, FEATURES, KEY_DIMS, LSTM, RNN, TOKENS } from '../lib/seq/examples';
import { attentionOutTex, convTex, lstmTex, num, rnnTex, sub, texMat, texVec, vecText, type Runs } from './core';

export function tex(t: string, display = true): HTMLElement {
  const el = h(display ? 'div' : 'span', { class: display ? 'sq-tex' : 'sq-tex-inline' });
  el.innerHTML = katex.renderToString(t, { displayMode: display, throwOnError: false });
  return el;
}

/** A scrollable, focusable box (axe: scrollable regions must be reachable by keyboard). */
const scroller = (label: string, ...kids: Node[]): HTMLElement => h('div', { class: 'sq-scroll', tabindex: 0, role: 'region', 'aria-label': label }, ...kids);
/** A wide formula in its own keyboard-scrollable box. */
const texBox = (t: string, label: string): HTMLElement => scroller(label, tex(t));

function table(caption: string, head: string[], rows: { cells: string[]; cls?: string; th?: string }[], cls = ''): HTMLTableElement {
  return h('table', { class: `sq-table ${cls}` },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, ...rows.map((r) => h('tr', { class: r.cls ?? '' }, ...(r.th !== undefined ? [h('th', { scope: 'row', text: r.th })] : []), ...r.cells.map((c) => h('td', { class: 'num', text: c }))))));
}

const timeRow = (t: number, step: number): string => (t === step ? 'sq-current' : t > step ? 'sq-future' : '');

export function rnnPanel(r: Runs, step: number): HTMLElement {
  const T = r.input.length;
  const rows = [{ th: '0', cells: ['—', vecText([0, 0])], cls: timeRow(0, step) }];
  for (let t = 1; t <= T; t++) {
    const s = r.rnn[t - 1]!;
    rows.push({ th: String(t), cells: [num(r.input[t - 1]!, 2), t <= step ? vecText(s.h) : '·'], cls: timeRow(t, step) });
  }
  return h('div', { class: 'sq-panel' },
    h('p', { text: 'Una unidad con dos números de estado (u = 2) y una entrada por paso (d = 1). Los pesos están fijos, elegidos a mano:' }),
    h('div', { class: 'sq-weights-row' }, tex(`W_x = ${texMat(RNN.Wx, 1)}`), tex(`W_h = ${texMat(RNN.Wh, 1)}`), tex(`b = ${texVec(RNN.b, 1)}`)),
    tex('h_t = \\tanh\\left(W_x\\,x_t + W_h\\,h_{t-1} + b\\right)'),
    h('div', { class: 'sq-step' }, step === 0 ? tex('h_0 = \\begin{pmatrix}0\\\\0\\end{pmatrix}') : texBox(rnnTex(r.rnn[step - 1]!), 'Cuentas del paso actual')),
    scroller('Estado de la unidad recurrente paso a paso', table('El estado hₜ que pasa de un paso al siguiente', ['t', 'xₜ', 'hₜ'], rows)),
  );
}

export function lstmPanel(r: Runs, step: number): HTMLElement {
  const T = r.input.length;
  const rows = [{ th: '0', cells: ['—', '—', '—', '—', '—', vecText([0, 0]), vecText([0, 0])], cls: timeRow(0, step) }];
  for (let t = 1; t <= T; t++) {
    const s = r.lstm[t - 1]!;
    const shown = t <= step;
    const v = (x: number[]) => (shown ? vecText(x, 2) : '·');
    rows.push({ th: String(t), cells: [num(r.input[t - 1]!, 2), v(s.f), v(s.i), v(s.o), v(s.cand), shown ? vecText(s.c) : '·', shown ? vecText(s.h) : '·'], cls: timeRow(t, step) });
  }
  const g = (name: string, k: 'f' | 'i' | 'o' | 'c') => `W_${k} = ${texMat(LSTM.W[k], 1)},\\; U_${k} = ${texMat(LSTM.U[k], 1)},\\; b_${k} = ${texVec(LSTM.b[k], 1)} \\quad \\text{(${name})}`;
  return h('div', { class: 'sq-panel' },
    h('p', { text: 'Una celda LSTM con u = 2 y d = 1. Además del estado h guarda una memoria, la celda c, que tres puertas controlan: la de olvido f, la de entrada i y la de salida o.' }),
    texBox('\\begin{aligned}f_t &= \\sigma(W_f x_t + U_f h_{t-1} + b_f) & i_t &= \\sigma(W_i x_t + U_i h_{t-1} + b_i)\\\\ o_t &= \\sigma(W_o x_t + U_o h_{t-1} + b_o) & \\tilde c_t &= \\tanh(W_c x_t + U_c h_{t-1} + b_c)\\\\ c_t &= f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t & h_t &= o_t \\odot \\tanh(c_t)\\end{aligned}', 'Fórmulas de la celda LSTM'),
    h('details', { class: 'sq-weights' }, h('summary', { text: 'Los pesos de la celda (fijos)' }),
      scroller('Pesos de la celda LSTM', tex(`\\begin{aligned}&${g('olvido', 'f')}\\\\&${g('entrada', 'i')}\\\\&${g('salida', 'o')}\\\\&${g('candidato', 'c')}\\end{aligned}`))),
    h('div', { class: 'sq-step' }, step === 0 ? tex('h_0 = c_0 = \\begin{pmatrix}0\\\\0\\end{pmatrix}') : scroller('Cuentas del paso actual', tex(lstmTex(r.lstm[step - 1]!)))),
    scroller('Puertas y estados de la LSTM paso a paso', table('Puertas, candidato, celda cₜ y salida hₜ en cada paso', ['t', 'xₜ', 'fₜ', 'iₜ', 'oₜ', 'c̃ₜ', 'cₜ', 'hₜ'], rows)),
  );
}

export function convPanel(r: Runs, step: number): HTMLElement {
  const T = r.input.length;
  const K = CONV.kernel.length;
  const cur = step > 0 ? r.conv[step - 1]! : null;
  const inCell = (i: number) => {
    const covered = cur !== null && i >= cur.start && i < cur.start + K;
    return h('td', { class: `num${covered ? ' sq-covered' : ''}`, text: num(r.input[i]!, 2) });
  };
  const kernelRow = (f: number) => h('tr', {}, h('th', { scope: 'row', text: `núcleo ${f + 1}` }),
    ...Array.from({ length: T }, (_, i) => {
      const k = cur ? i - cur.start : -1;
      return h('td', { class: `num${k >= 0 && k < K ? ' sq-covered' : ''}`, text: k >= 0 && k < K ? num(CONV.kernel[k]![0]![f]!, 2) : '' });
    }));
  const strip = h('table', { class: 'sq-table sq-strip' },
    h('caption', { text: 'La entrada y, debajo, el núcleo en su posición actual' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'paso' }), ...Array.from({ length: T }, (_, i) => h('th', { scope: 'col', text: `x${sub(i + 1)}` })))),
    h('tbody', {}, h('tr', {}, h('th', { scope: 'row', text: 'entrada' }), ...Array.from({ length: T }, (_, i) => inCell(i))), kernelRow(0), kernelRow(1)));
  const outRows = CONV_FILTER_NAMES.map((name, f) => ({ th: `filtro ${f + 1}: ${name}`, cells: r.conv.map((s, j) => (j < step ? num(s.y[f]!) : '·')) }));
  return h('div', { class: 'sq-panel' },
    h('p', { text: `Dos filtros de ${K} pasos recorren la secuencia (relleno «valid», paso 1): en cada posición se multiplican los ${K} pesos por los ${K} valores que cubren y se suman. Los mismos pesos sirven para todas las posiciones.` }),
    tex('y_j[f] = b[f] + \\sum_{k=0}^{K-1} w[k][f]\\; x_{j+k}'),
    scroller('Entrada y núcleo', strip),
    h('div', { class: 'sq-step' }, cur ? texBox(convTex(cur, r.input), 'Cuentas del paso actual') : h('p', { class: 'sq-hint', text: 'Pulsa «Paso siguiente» para colocar el núcleo en la primera posición.' })),
    scroller('Salidas de la Conv1D', table('Salidas: una por posición y filtro', ['filtro', ...r.conv.map((_, j) => `y${sub(j + 1)}`)], outRows)),
  );
}

/** Heatmap table of a T×T matrix with token labels; `row` (0-based) is highlighted. */
function heatmap(caption: string, M: Mat, row: number | null, digits: number): HTMLTableElement {
  const flat = M.flat();
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const words = TOKENS.map((t) => t.word);
  return h('table', { class: 'sq-table sq-heat' },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'consulta ↓ · clave →' }), ...words.map((w) => h('th', { scope: 'col', text: w })))),
    h('tbody', {}, ...M.map((r, i) => h('tr', { class: i === row ? 'sq-current' : '' }, h('th', { scope: 'row', text: words[i]! }),
      ...r.map((v) => h('td', { class: 'num sq-hcell', style: `--v: ${hi > lo ? ((v - lo) / (hi - lo)).toFixed(3) : '0'}`, text: num(v, digits) }))))));
}

const tokenTable = (caption: string, M: Mat, cols: string[], digits = 2, filled = M.length): HTMLTableElement =>
  table(caption, ['palabra', ...cols], M.map((r, i) => ({ th: TOKENS[i]!.word, cells: r.map((v) => (i < filled ? num(v, digits) : '·')) })));

export function attentionPanel(r: Runs, step: number): HTMLElement {
  const a = r.att;
  const parts: Node[] = [
    h('p', { text: 'Cinco palabras de una orden a un asistente de voz. Cada una es un vector de 4 rasgos inventados para el ejemplo (acción, enlace, objeto, lugar); en un modelo real los aprende la red.' }),
    texBox('A = \\operatorname{softmax}\\!\\left(\\frac{Q K^{\\top}}{\\sqrt{d_k}}\\right),\\qquad Y = A\\,V,\\qquad Q = X W_Q,\\; K = X W_K,\\; V = X W_V', 'Fórmulas de la autoatención'),
    scroller('Palabras y rasgos', tokenTable('X: las palabras y sus rasgos', TOKENS.map((t) => t.x), FEATURES, 1)),
    h('details', { class: 'sq-weights' }, h('summary', { text: 'Las matrices W_Q, W_K y W_V (fijas)' }),
      scroller('Matrices de proyección', tex(`W_Q = ${texMat(ATTENTION.Wq, 0)},\\quad W_K = ${texMat(ATTENTION.Wk, 0)},\\quad W_V = I_4`)),
      h('p', { class: 'sq-hint', text: 'Cada fila de W_Q dice qué busca una palabra que tiene ese rasgo (la acción busca un objeto; el objeto, una acción y un lugar); cada fila de W_K, qué ofrece. Con W_V = I, el valor de cada palabra es su propio vector.' })),
    h('div', { class: `sq-stage${step === 0 ? ' sq-now' : ''}` },
      h('p', { class: 'sq-stage-title', text: '1. Consultas, claves y valores' }),
      h('div', { class: 'sq-row' },
        scroller('Consultas Q', tokenTable('Q = X W_Q', a.Q, KEY_DIMS, 1)),
        scroller('Claves K', tokenTable('K = X W_K', a.K, KEY_DIMS, 1)),
        scroller('Valores V', tokenTable('V = X W_V', a.V, FEATURES, 1)))),
  ];
  if (step >= 1) {
    parts.push(h('div', { class: `sq-stage${step === 1 ? ' sq-now' : ''}` },
      h('p', { class: 'sq-stage-title', text: `2. Puntuaciones S = QKᵀ/√${KEY_DIMS.length}` }),
      scroller('Puntuaciones', heatmap('S[i][j]: cuánto encaja la consulta de la fila con la clave de la columna', a.scores, null, 2))));
  }
  if (step >= 2) {
    const row = step >= 3 ? step - 3 : null;
    parts.push(h('div', { class: `sq-stage${step === 2 ? ' sq-now' : ''}` },
      h('p', { class: 'sq-stage-title', text: '3. Pesos de atención A = softmax(S), fila a fila' }),
      scroller('Pesos de atención', heatmap('A[i][j]: cada fila suma 1', a.weights, row, 2))));
  }
  if (step >= 3) {
    const i = step - 3;
    parts.push(h('div', { class: 'sq-stage sq-now' },
      h('p', { class: 'sq-stage-title', text: '4. Salidas: la media de los valores con los pesos de cada fila' }),
      h('div', { class: 'sq-step' }, scroller('Cuenta de la salida actual', tex(attentionOutTex(a, i)))),
      scroller('Salidas Y', tokenTable('Y = A V (se rellena fila a fila)', a.out, FEATURES, 2, i + 1))));
  }
  return h('div', { class: 'sq-panel' }, ...parts);
}
