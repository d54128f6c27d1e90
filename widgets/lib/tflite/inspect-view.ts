/**
 * Draws a ModelDescription (describe.ts) as HTML (DOM: this file is the view half of describe.ts),
 * shared by the converter and the inspector widgets:
 * a vertical graph (an ordered list of operator boxes in execution order; below each box, the
 * edge with the tensor it produces, shape and type; constants listed inside the box), the count
 * of each operator, warnings, and a table of every tensor. Plain HTML lists and tables, so screen
 * readers and the keyboard get everything the picture shows; the summary paragraph says it in words.
 */
import { h } from '../widget/dom';
import type { EdgeTensor, ModelDescription, OpNode, TensorRow } from './describe';
import { fmtBytes, groupDigits } from './format';
import './inspect.css';

/** Above this many operators the graph shows the first ones and says how many are left. */
const MAX_OPS = 150;
const MAX_ROWS = 400;

const ROLE: Record<TensorRow['role'], string> = { entrada: 'entrada', salida: 'salida', constante: 'constante', intermedio: 'intermedio' };

function edgeEl(t: EdgeTensor, prefix: string): HTMLElement {
  return h('div', { class: 'tl-edge' },
    h('span', { class: 'tl-arrow', 'aria-hidden': 'true', text: '↓' }),
    h('span', { class: 'tl-edge-text' },
      h('span', { class: 'visually-hidden', text: `${prefix}: ` }),
      h('code', { class: 'tl-shape', text: t.label }), ' ', h('span', { class: 'tl-tname', text: t.name })));
}

function constEl(t: TensorRow): HTMLElement {
  return h('li', {},
    h('code', { class: 'tl-shape', text: `${t.shape} ${t.type}` }), ' ',
    h('span', { class: 'tl-tname', text: t.name }),
    h('span', { class: 'tl-const-meta', text: ` — ${fmtBytes(t.bytes)}${t.quant ? ` — ${t.quant}` : ''}` }));
}

function opEl(op: OpNode): HTMLLIElement {
  const box = h('div', { class: 'tl-box', 'data-op': op.opName },
    h('p', { class: 'tl-op-head' },
      h('span', { class: 'tl-op-n', text: String(op.index + 1) }), ' ',
      h('strong', { class: 'tl-op-name', text: op.opName }),
      op.title ? h('span', { class: 'tl-op-title', text: ` · ${op.title}` }) : '',
      h('span', { class: 'tl-op-ver', text: ` (versión ${op.version})` })));
  if (op.details.length > 0) box.append(h('p', { class: 'tl-op-details', text: op.details.join(' · ') }));
  for (const o of op.otherInputs)
    box.append(h('p', { class: 'tl-op-details', text: `También recibe ${o.tensor.label} («${o.tensor.name}») de ${o.from}.` }));
  if (op.constants.length > 0)
    box.append(h('p', { class: 'tl-const-title', text: 'Constantes guardadas en el archivo:' }), h('ul', { class: 'tl-consts' }, ...op.constants.map(constEl)));
  const li = h('li', { class: 'tl-node' }, box);
  op.outputs.forEach((t) => li.append(edgeEl(t, `sale el tensor`)));
  return li;
}

function tensorTable(rows: TensorRow[]): HTMLElement {
  const shown = rows.slice(0, MAX_ROWS);
  const table = h('table', { class: 'tl-table' },
    h('caption', { class: 'visually-hidden', text: 'Tensores del modelo' }),
    h('thead', {}, h('tr', {}, ...['Nº', 'Nombre', 'Papel', 'Forma', 'Tipo', 'Cuantización', 'Bytes en el archivo'].map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, ...shown.map((t) => h('tr', { 'data-role': t.role },
      h('td', { text: String(t.index) }), h('td', { class: 'tl-tname', text: t.name }), h('td', { text: ROLE[t.role] }),
      h('td', {}, h('code', { text: t.shape })), h('td', { text: t.type }), h('td', { text: t.quant ?? '—' }),
      h('td', { class: 'tl-num', text: groupDigits(t.bytes) })))));
  const wrap = h('div', { class: 'tl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Tabla de tensores (se desplaza en horizontal)' }, table);
  const more = rows.length > shown.length ? [h('p', { class: 'tl-note', text: `Se muestran los ${shown.length} primeros de ${rows.length} tensores.` })] : [];
  return h('details', { class: 'tl-tensors' }, h('summary', { text: `Todos los tensores (${rows.length})` }), wrap, ...more);
}

/** Replaces the content of `target` with the inspection of `d`. */
export function renderInspection(target: HTMLElement, d: ModelDescription, title: string): void {
  const ops = d.ops.slice(0, MAX_OPS);
  const counts = h('ul', { class: 'tl-counts', 'aria-label': 'Operadores y cuántas veces aparecen' },
    ...d.opCounts.map((c) => h('li', {}, h('code', { text: c.opName }), ` × ${c.count}`)));
  const graph = h('ol', { class: 'tl-graph', 'aria-label': `Grafo de ${title}: operaciones en orden de ejecución` }, ...ops.map(opEl));
  const input = h('div', { class: 'tl-io' }, h('p', { class: 'tl-io-label', text: 'Entrada' }), ...d.inputs.map((t) => edgeEl(t, 'entra el tensor')));
  const output = h('p', { class: 'tl-io tl-io-label', text: `Salida: ${d.outputs.map((t) => `${t.label} («${t.name}»)`).join(', ')}` });
  const parts: Node[] = [
    h('p', { class: 'tl-summary', text: d.summary }),
    counts,
  ];
  if (d.subgraphCount > 1)
    parts.push(h('p', { class: 'tl-note', text: `El archivo tiene ${d.subgraphCount} subgrafos; se muestra el principal («${d.subgraphName || 'sin nombre'}»).` }));
  if (d.description) parts.push(h('p', { class: 'tl-note', text: `Descripción guardada en el archivo: «${d.description}».` }));
  if (d.warnings.length > 0)
    parts.push(h('ul', { class: 'tl-warnings', 'aria-label': 'Avisos' }, ...d.warnings.map((w) => h('li', { text: w }))));
  parts.push(h('div', { class: 'tl-graph-wrap' }, input, graph, output));
  if (d.ops.length > ops.length)
    parts.push(h('p', { class: 'tl-note', text: `Se dibujan las ${ops.length} primeras operaciones de ${d.ops.length}; la tabla de abajo tiene todos los tensores.` }));
  parts.push(tensorTable(d.tensors));
  target.replaceChildren(...parts);
}
