/**
 * SVG diagram of the 2-2-1 network for one stage: nodes (inputs, two sigmoid hidden neurons,
 * the sigmoid output, the loss), edges with their weights, and every number the stages have
 * produced so far, written ON the diagram. What the current stage computes is drawn in the
 * accent colour and bold (class bp-now), so the highlight never depends on colour alone.
 * Coordinates are in a W × H viewBox; colours come from the theme through CSS classes.
 */
import { svgEl } from '../lib/draw/svg';
import { num, type Pass } from './core';

export const W = 760;
export const H = 440;

const IN = [{ x: 60, y: 80 }, { x: 60, y: 290 }];
const HID = [{ x: 300, y: 80 }, { x: 300, y: 290 }];
const OUT = { x: 560, y: 185 };
const LOSS = { x: 690, y: 185 };
const R_IN = 26;
const R = 40;
const LINE = 17;

type Label = { text: string; q: string; from: number; now: number[] };

/** Draws the diagram of `q` at `stage` (1…9) into `svg`, replacing what was there. */
export function drawDiagram(svg: SVGSVGElement, q: Pass, stage: number): void {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const edges = svgEl('g', { class: 'bp-edges' });
  const labels = svgEl('g', { class: 'bp-labels' });
  const nodes = svgEl('g', { class: 'bp-nodes' });
  svg.append(edges, nodes, labels);

  const shown = (l: Label): boolean => stage >= l.from;
  const text = (x: number, y: number, ls: Label[], anchor = 'middle'): void => {
    let k = 0;
    for (const l of ls) {
      if (!shown(l)) continue;
      const now = l.now.includes(stage);
      labels.append(svgEl('text', {
        x, y: y + k * LINE, 'text-anchor': anchor, class: now ? 'bp-t bp-now' : 'bp-t', 'data-q': l.q,
      }, l.text));
      k++;
    }
  };
  /** A stack of labels centred vertically on y (k lines). */
  const stack = (x: number, y: number, ls: Label[], anchor = 'middle'): void => {
    const n = ls.filter(shown).length;
    text(x, y - ((n - 1) * LINE) / 2 + 5, ls, anchor);
  };
  const edge = (a: { x: number; y: number }, b: { x: number; y: number }, now: boolean): void => {
    edges.append(svgEl('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: now ? 'bp-edge bp-edge-now' : 'bp-edge' }));
  };
  const node = (c: { x: number; y: number }, r: number, now: boolean, inner: Label[]): void => {
    nodes.append(svgEl('circle', { cx: c.x, cy: c.y, r, class: now ? 'bp-node bp-node-now' : 'bp-node' }));
    const first = labels.childElementCount;
    stack(c.x, c.y, inner);
    for (const t of [...labels.children].slice(first)) t.classList.add('bp-in');
  };
  const n = q.next;

  // Edges input → hidden: w_ji, labels 44 % (straight) or 28 % (crossing) of the way from the input.
  for (let j = 0; j < 2; j++) {
    for (let i = 0; i < 2; i++) {
      const a = IN[i]!;
      const b = HID[j]!;
      edge(a, b, [2, 8, 9].includes(stage));
      // Straight edges: labels 44 % along (clear of the input node's label at projector size); crossing ones 28 % along, so their stacks never meet.
      const t = i === j ? 0.44 : 0.28;
      const x = a.x + t * (b.x - a.x);
      const y = a.y + t * (b.y - a.y);
      const k = j * 2 + i;
      const name = `w${'₁₂'[j]}${'₁₂'[i]}`;
      const ls: Label[] = [
        { text: `${name} = ${num(q.W1[k]!)}`, q: `W1-${k}`, from: 1, now: [2] },
        { text: `∂L/∂${name} = ${num(q.gW1[k]!)}`, q: `gW1-${k}`, from: 8, now: [8] },
        { text: `nuevo: ${num(n[0]!.W[k]!)}`, q: `nW1-${k}`, from: 9, now: [9] },
      ];
      if (i === j) text(x, i === 0 ? y - 12 - (ls.filter(shown).length - 1) * LINE : y + 22, ls);
      else stack(x, y, ls);
    }
  }
  // Edges hidden → output: v_j, labels half-way, moved off the line.
  for (let j = 0; j < 2; j++) {
    const a = HID[j]!;
    edge(a, OUT, [3, 6, 7, 9].includes(stage));
    const t = 0.5;
    const x = a.x + t * (OUT.x - a.x);
    const y = a.y + t * (OUT.y - a.y) + (j === 0 ? -30 : 30);
    stack(x, y, [
      { text: `v${'₁₂'[j]} = ${num(q.v[j]!)}`, q: `v-${j}`, from: 1, now: [3, 7] },
      { text: `∂L/∂v${'₁₂'[j]} = ${num(q.gv[j]!)}`, q: `gv-${j}`, from: 6, now: [6] },
      { text: `nuevo: ${num(n[1]!.W[j]!)}`, q: `nv-${j}`, from: 9, now: [9] },
    ]);
  }
  edge({ x: OUT.x + R, y: OUT.y }, { x: LOSS.x - 40, y: LOSS.y }, stage === 4 || stage === 5);

  // Nodes.
  for (let i = 0; i < 2; i++) {
    node(IN[i]!, R_IN, stage === 1, [{ text: `x${'₁₂'[i]} = ${num(q.x[i]!)}`, q: `x-${i}`, from: 1, now: [1] }]);
  }
  for (let j = 0; j < 2; j++) {
    const c = HID[j]!;
    const s = '₁₂'[j];
    node(c, R, [2, 7].includes(stage), [{ text: `a${s} = ${num(q.a1[j]!)}`, q: `a1-${j}`, from: 2, now: [2] }]);
    const above: Label[] = [
      { text: `b${s} = ${num(q.b1[j]!)}`, q: `b1-${j}`, from: 1, now: [2] },
      { text: `z${s} = ${num(q.z1[j]!)}`, q: `z1-${j}`, from: 2, now: [2] },
    ];
    const below: Label[] = [
      { text: `σ′(z${s}) = ${num(q.sp1[j]!)}`, q: `sp1-${j}`, from: 7, now: [7] },
      { text: `δ${s} = ${num(q.delta1[j]!)}`, q: `d1-${j}`, from: 7, now: [7] },
      { text: `∂L/∂b${s} = ${num(q.gb1[j]!)}`, q: `gb1-${j}`, from: 8, now: [8] },
      { text: `nuevo b${s}: ${num(n[0]!.b[j]!)}`, q: `nb1-${j}`, from: 9, now: [9] },
    ];
    const nAbove = above.filter(shown).length;
    text(c.x, c.y - R - 10 - (nAbove - 1) * LINE, above);
    text(c.x, c.y + R + 20, below);
  }
  node(OUT, R, [3, 5].includes(stage), [{ text: `ŷ = ${num(q.yhat)}`, q: 'yhat', from: 3, now: [3] }]);
  const oAbove: Label[] = [
    { text: `c = ${num(q.c)}`, q: 'c', from: 1, now: [3] },
    { text: `z = ${num(q.z2)}`, q: 'z2', from: 3, now: [3] },
  ];
  const nAbove = oAbove.filter(shown).length;
  text(OUT.x, OUT.y - R - 10 - (nAbove - 1) * LINE, oAbove);
  text(OUT.x, OUT.y + R + 20, [
    { text: `∂L/∂ŷ = ${num(q.dLdy)}`, q: 'dLdy', from: 5, now: [5] },
    { text: `σ′(z) = ${num(q.sp2)}`, q: 'sp2', from: 5, now: [5] },
    { text: `δ = ${num(q.delta2)}`, q: 'd2', from: 5, now: [5, 7] },
    { text: `∂L/∂c = ${num(q.gc)}`, q: 'gc', from: 6, now: [6] },
    { text: `nuevo c: ${num(n[1]!.b[0]!)}`, q: 'nc', from: 9, now: [9] },
  ]);
  // The loss box.
  nodes.append(svgEl('rect', {
    x: LOSS.x - 40, y: LOSS.y - 34, width: 110, height: 68, rx: 8, class: stage === 4 ? 'bp-node bp-node-now' : 'bp-node',
  }));
  stack(LOSS.x + 14, LOSS.y, [
    { text: `d = ${num(q.d)}`, q: 'd', from: 1, now: [1, 4] },
    { text: `L = ${num(q.loss)}`, q: 'loss', from: 4, now: [4] },
    { text: `nueva: ${num(q.lossAfter)}`, q: 'lossAfter', from: 9, now: [9] },
  ]);
  // Layer names at the bottom.
  for (const [x, t] of [[60, 'entrada'], [300, 'capa oculta (σ)'], [560, 'salida (σ)'], [704, 'pérdida']] as const) {
    labels.append(svgEl('text', { x, y: H - 4, 'text-anchor': 'middle', class: 'bp-layer' }, t));
  }
}
