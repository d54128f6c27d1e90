/**
 * The cells' view (loaded by src/scripts/celda-loader.ts when the first <Celda> comes near the
 * screen): replaces each server-rendered <pre> with a CodeMirror editor, wires «Ejecutar»,
 * «Detener», «Restaurar», «Ejecutar todo» and «Comprobar», and draws the runtime's outputs.
 * All logic lives in scope.ts, errors.ts, format.ts, compare.ts, store.ts and sandbox-client.ts;
 * this file only renders. `data-phase` on each figure says where the cell is (for people's
 * styles and for the tests): ready | running | ok | error | stopped | timeout.
 */
import { createEditor, type CellEditor } from './editor';
import { CellSandbox } from './sandbox-client';
import { runtimeUrl } from './runtime-url';
import { prepareCell, wrapScript } from './scope';
import { dependencyHint } from './errors';
import { callText, compareValues, mismatchText } from './compare';
import { checkerOf } from './checkers';
import { loadCode, markPassed, passedExercises, saveCode } from './store';
import { num } from './format';
import type { OutputItem, RuntimeData } from './protocol';
import { getMnist } from '../data/mnist-client';

const CELL_FN = '__celdaEjecutar';
const DEFAULT_LIMIT_S = 10;

interface Cell {
  fig: HTMLElement;
  id: string;
  title: string;
  lesson: string;
  original: string;
  editor: CellEditor;
  out: HTMLElement;
  status: HTMLElement;
  verdict: HTMLElement | null;
  limitMs: number;
  depends: string[];
  /** Sandbox generation in which this cell last ran without error (−1: never). */
  ranIn: number;
}

let sandbox: CellSandbox | null = null;
const cells: Cell[] = [];

function getSandbox(): CellSandbox {
  if (!sandbox) {
    const needsMnist = cells.some((c) => c.fig.dataset.mnist !== undefined);
    sandbox = new CellSandbox(runtimeUrl, async (): Promise<RuntimeData> => {
      if (!needsMnist) return {};
      const m = await getMnist();
      return { mnist: { rows: m.rows, cols: m.cols, train: m.train, test: m.test } };
    });
  }
  return sandbox;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function setPhase(cell: Cell, phase: string): void {
  cell.fig.dataset.phase = phase;
  const running = phase === 'running';
  for (const b of cell.fig.querySelectorAll<HTMLButtonElement>('[data-celda-run], [data-celda-check]')) b.disabled = running;
  const stop = cell.fig.querySelector<HTMLButtonElement>('[data-celda-stop]');
  if (stop) stop.disabled = !running;
}

/** For a name a cell used but nobody defined: the first earlier cell (by its current code) that declares it. */
function definers(upTo: Cell): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of cells) {
    if (c === upTo) break;
    const p = prepareCell(c.editor.getCode());
    if (p.ok) for (const n of p.declared) if (!map.has(n)) map.set(n, c.title);
  }
  return map;
}

let plotModule: Promise<typeof import('./plot-render')> | null = null;

function renderItem(cell: Cell, item: OutputItem): void {
  const box = cell.out;
  switch (item.kind) {
    case 'text':
      box.append(el('pre', 'celda-text', item.text));
      break;
    case 'tensor': {
      const wrap = el('div', 'celda-tensor');
      wrap.dataset.out = 'tensor';
      wrap.append(el('p', 'celda-tensor-head', `Tensor · forma [${item.shape.join(', ')}] · ${item.dtype}`));
      const pre = el('pre', 'celda-tensor-values', item.text);
      pre.tabIndex = 0;
      pre.setAttribute('aria-label', `Valores del tensor de forma ${item.shape.join(' × ') || 'escalar'}`);
      wrap.append(pre);
      box.append(wrap);
      break;
    }
    case 'table': {
      const wrap = el('div', 'celda-table-wrap');
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', `Tabla de ${item.total} filas`);
      const table = el('table', 'celda-table');
      const head = el('tr');
      for (const c of item.columns) {
        const th = el('th', undefined, c);
        th.scope = 'col';
        head.append(th);
      }
      table.append(el('thead'), el('tbody'));
      table.tHead!.append(head);
      for (const r of item.rows) {
        const tr = el('tr');
        for (const v of r) tr.append(el('td', undefined, v));
        table.tBodies[0]!.append(tr);
      }
      wrap.append(table);
      if (item.total > item.rows.length) wrap.append(el('p', 'celda-note', `Se muestran ${item.rows.length} de ${item.total} filas.`));
      box.append(wrap);
      break;
    }
    case 'image': {
      const fig = el('figure', 'celda-image');
      const canvas = el('canvas');
      canvas.width = item.width;
      canvas.height = item.height;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Imagen de ${item.width} × ${item.height} píxeles${item.label ? `: ${item.label}` : ''}`);
      const g = canvas.getContext('2d');
      if (g) {
        const img = g.createImageData(item.width, item.height);
        // As MNIST stores them (lesson 10): 255 = the bright stroke on a black background.
        item.pixels.forEach((v, i) => {
          img.data[4 * i] = v;
          img.data[4 * i + 1] = v;
          img.data[4 * i + 2] = v;
          img.data[4 * i + 3] = 255;
        });
        g.putImageData(img, 0, 0);
      }
      fig.append(canvas);
      if (item.label) fig.append(el('figcaption', undefined, item.label));
      box.append(fig);
      break;
    }
    case 'plot': {
      const slot = el('div', 'celda-plot');
      slot.dataset.out = 'plot';
      slot.textContent = 'Dibujando la gráfica…';
      box.append(slot);
      plotModule ??= import('./plot-render');
      void plotModule.then(
        (m) => {
          slot.replaceChildren(m.renderPlot(item.spec, box.clientWidth || 640));
          slot.dataset.ready = '1';
        },
        (e: unknown) => {
          slot.textContent = `No se pudo dibujar la gráfica: ${e instanceof Error ? e.message : String(e)}`;
        },
      ).catch((e: unknown) => {
        slot.textContent = `No se pudo dibujar la gráfica: ${e instanceof Error ? e.message : String(e)}`;
      });
      break;
    }
    case 'error': {
      const div = el('div', 'celda-error');
      div.setAttribute('role', 'alert');
      div.dataset.line = item.line === null ? '' : String(item.line);
      cell.editor.markError(item.line);
      const where = item.line === null ? '' : `Línea ${item.line}: `;
      div.append(el('p', 'celda-error-msg', `${where}${item.message}`));
      if (item.missing) {
        const hint = dependencyHint(item.missing, definers(cell));
        if (hint) div.append(el('p', 'celda-error-hint', hint));
      }
      box.append(div);
      break;
    }
  }
  box.dataset.count = String(box.childElementCount);
}

function clearOutput(cell: Cell): void {
  cell.editor.markError(null);
  cell.out.replaceChildren();
  cell.out.dataset.count = '0';
}

const ms = (x: number): string => (x < 1000 ? `${Math.round(x)} ms` : `${num(Math.round(x / 100) / 10).replace('.', ',')} s`);

/** Runs one cell; resolves true when it ended without error. */
async function runCell(cell: Cell): Promise<boolean> {
  const code = cell.editor.getCode();
  clearOutput(cell);
  if (cell.verdict) cell.verdict.textContent = '';
  const prepared = prepareCell(code);
  if (!prepared.ok) {
    renderItem(cell, { kind: 'error', name: 'SyntaxError', message: prepared.message, line: prepared.line });
    cell.status.textContent = 'No se ha ejecutado: corrige el error de sintaxis.';
    setPhase(cell, 'error');
    return false;
  }
  const sb = getSandbox();
  const missing = cell.depends.map((id) => cells.find((c) => c.id === id)).filter((c): c is Cell => !!c && c.ranIn !== sb.generation);
  if (missing.length > 0) {
    cell.out.append(el('p', 'celda-note', `Esta celda usa lo que definen ${missing.map((c) => `«${c.title}»`).join(' y ')}, más arriba. Si falla, ejecuta antes esas celdas (o pulsa «Ejecutar todo»).`));
  }
  setPhase(cell, 'running');
  cell.status.textContent = sb.busy ? 'En cola: espera a que termine otra celda…' : 'Ejecutando…';
  let r;
  try {
    if (!sb.backend) cell.status.textContent = 'Preparando el entorno aislado (TensorFlow.js)…';
    r = await sb.run(wrapScript(prepared.body, CELL_FN), prepared.declared, cell.limitMs, (item) => renderItem(cell, item));
  } catch (e) {
    renderItem(cell, { kind: 'error', name: 'Error', message: `El entorno de las celdas no ha podido arrancar (${e instanceof Error ? e.message : String(e)}). Recarga la página para reintentarlo.`, line: null });
    setPhase(cell, 'error');
    cell.status.textContent = '';
    return false;
  }
  const runs = Number(cell.fig.dataset.runs ?? '0') + 1;
  cell.fig.dataset.runs = String(runs);
  if (r.numTensors !== null) cell.fig.dataset.tensors = String(r.numTensors);
  if (r.numTensorsBefore !== null) cell.fig.dataset.tensorsBefore = String(r.numTensorsBefore);
  if (r.end === 'ok' || r.end === 'error') {
    cell.status.textContent = `${r.end === 'ok' ? 'Ejecutada' : 'Terminó con un error'} en ${ms(r.ms ?? 0)}.`;
    if (r.end === 'ok') cell.ranIn = sb.generation;
    setPhase(cell, r.end);
    return r.end === 'ok';
  }
  const why = r.end === 'timeout'
    ? `La celda ha superado su límite de ${num(cell.limitMs / 1000).replace('.', ',')} s y se ha detenido.`
    : 'Has detenido la celda.';
  cell.out.append(el('p', 'celda-note celda-stopped', `${why} Para pararla se ha reiniciado el entorno: lo que definían las celdas anteriores se ha perdido; vuelve a ejecutarlas (o pulsa «Ejecutar todo»).`));
  cell.status.textContent = r.end === 'timeout' ? 'Detenida por tiempo.' : 'Detenida.';
  setPhase(cell, r.end);
  return false;
}

async function runAll(from: Cell): Promise<void> {
  for (const c of cells) {
    const ok = await runCell(c);
    if (!ok) {
      from.status.textContent = `«Ejecutar todo» se ha parado en la celda «${c.title}».`;
      return;
    }
  }
  from.fig.dataset.runAll = 'ok';
}

function showPassed(cell: Cell): void {
  const badge = cell.fig.querySelector<HTMLElement>('[data-celda-passed]');
  if (badge) badge.hidden = false;
  cell.fig.dataset.passed = 'true';
}

async function checkCell(cell: Cell): Promise<void> {
  const checker = checkerOf(cell.id);
  const verdict = cell.verdict;
  if (!checker || !verdict) return;
  const ok = await runCell(cell);
  const say = (text: string, state: 'pass' | 'fail'): void => {
    verdict.textContent = text;
    verdict.dataset.state = state;
  };
  if (!ok) {
    say('Antes de comprobar, la celda tiene que ejecutarse sin errores.', 'fail');
    return;
  }
  const sb = getSandbox();
  setPhase(cell, 'running');
  cell.status.textContent = 'Comprobando…';
  if (checker.kind === 'cases') {
    const res = await sb.check(checker.cases.map((c) => ({ fn: c.fn, args: c.args })), cell.limitMs);
    setPhase(cell, 'ok');
    cell.status.textContent = '';
    if (!Array.isArray(res)) {
      say(res === 'timeout' ? `La comprobación superó el límite de ${cell.limitMs / 1000} s (¿un bucle sin final?).` : 'La comprobación se ha detenido.', 'fail');
      if (res === 'timeout' || res === 'stopped') setPhase(cell, res);
      return;
    }
    const n = checker.cases.length;
    for (let i = 0; i < n; i++) {
      const c = checker.cases[i]!;
      const r = res[i]!;
      const call = callText(c.fn, c.args);
      if (!r.ok) {
        say(`Caso ${i + 1} de ${n}: ${call} da un error: ${r.error}`, 'fail');
        return;
      }
      const m = compareValues(c.expected, r.value, checker.tol);
      if (m) {
        say(mismatchText(i, n, call, m), 'fail');
        return;
      }
    }
    say(`✓ ¡Superado! Tu código acierta los ${n} casos de prueba.`, 'pass');
  } else {
    cell.status.textContent = `Evaluando «${checker.name}» con ${checker.n} dígitos de prueba que no ha visto…`;
    const res = await sb.evaluate(checker.name, checker.n, cell.limitMs);
    setPhase(cell, 'ok');
    cell.status.textContent = '';
    if (typeof res === 'string') {
      say('La evaluación se ha detenido.', 'fail');
      return;
    }
    if (res.accuracy === null) {
      say(`No se pudo evaluar: ${res.error ?? 'error desconocido'}.`, 'fail');
      return;
    }
    const pct = (x: number): string => `${num(Math.round(x * 1000) / 10).replace('.', ',')} %`;
    if (res.accuracy < checker.min) {
      say(`Tu modelo acierta el ${pct(res.accuracy)} de ${checker.n} dígitos de prueba; el objetivo es el ${pct(checker.min)}. Prueba más épocas, más ejemplos o un filtro más.`, 'fail');
      return;
    }
    say(`✓ ¡Superado! Tu modelo acierta el ${pct(res.accuracy)} de ${checker.n} dígitos que no vio al entrenar.`, 'pass');
  }
  markPassed(localStorage, cell.lesson, cell.id);
  showPassed(cell);
}

function mount(fig: HTMLElement): Cell | null {
  const source = fig.querySelector<HTMLElement>('[data-celda-source]');
  const host = fig.querySelector<HTMLElement>('[data-celda-editor]');
  const out = fig.querySelector<HTMLElement>('[data-celda-output]');
  const status = fig.querySelector<HTMLElement>('[data-celda-status]');
  if (!source || !host || !out || !status) return null;
  const id = fig.dataset.celda ?? '';
  const lesson = fig.dataset.lesson ?? '';
  const original = (source.querySelector('pre')?.textContent ?? source.textContent ?? '').replace(/\n+$/, '');
  const stored = loadCode(localStorage, lesson, id);
  let cell: Cell | null = null;
  const editor = createEditor(host, stored ?? original, {
    label: `Código de la celda «${fig.dataset.title ?? id}»`,
    describedBy: `${id}-teclas`,
    onRun: () => { if (cell) void runCell(cell); },
    onChange: (code) => saveCode(localStorage, lesson, id, code, original),
  });
  cell = {
    fig, id, lesson, original, editor, out, status,
    title: fig.dataset.title ?? id,
    verdict: fig.querySelector<HTMLElement>('[data-celda-verdict]'),
    limitMs: Math.max(0.05, Number(fig.dataset.limit ?? DEFAULT_LIMIT_S) || DEFAULT_LIMIT_S) * 1000,
    depends: (fig.dataset.depends ?? '').split(/[\s,]+/).filter(Boolean),
    ranIn: -1,
  };
  const c = cell;
  fig.querySelector('[data-celda-run]')?.addEventListener('click', () => void runCell(c));
  fig.querySelector('[data-celda-stop]')?.addEventListener('click', () => void getSandbox().restart('stopped'));
  fig.querySelector('[data-celda-reset]')?.addEventListener('click', () => {
    editor.setCode(original);
    saveCode(localStorage, lesson, id, original, original);
    status.textContent = 'Código original restaurado.';
  });
  fig.querySelector('[data-celda-all]')?.addEventListener('click', () => void runAll(c));
  fig.querySelector('[data-celda-check]')?.addEventListener('click', () => void checkCell(c));
  if (passedExercises(localStorage, lesson)[id]) showPassed(c);
  if (stored !== null && stored !== original) status.textContent = 'Tu versión editada (guardada en este navegador). «Restaurar» trae el original.';
  fig.querySelector<HTMLElement>('[data-celda-toolbar]')?.removeAttribute('hidden');
  const start = (): void => void getSandbox().start().catch(() => undefined);
  fig.addEventListener('focusin', start, { once: true });
  fig.addEventListener('pointerenter', start, { once: true });
  fig.dataset.mounted = '';
  setPhase(c, 'ready');
  return c;
}

export function mountCells(figs: readonly HTMLElement[]): void {
  for (const fig of figs) {
    if (fig.dataset.phase) continue;
    try {
      const c = mount(fig);
      if (c) cells.push(c);
    } catch (e) {
      console.warn('[celda]', e);
      fig.dataset.phase = 'failed';
    }
  }
}
