/**
 * The data set panel of the capture widget (DOM): counts per class and the list of recordings,
 * newest first, each with a thumbnail of its three axes, what it is, and «Ver» / «CSV» /
 * «Borrar». Thumbnails are small fixed-size canvases drawn once per rebuild.
 */
import type { Recording } from '../lib/sensors/recording';
import { drawAxes, rowsData, type PlotColors } from '../lib/motion/axes-plot';
import { button, fmt, h, uniqueId } from '../lib/widget/dom';
import { countsByLabel } from './session';

const SOURCE_TEXT: Record<Recording['source'], string> = { serial: 'placa', phone: 'móvil', simulated: 'simulada' };
const THUMB_W = 112;
const THUMB_H = 36;

export interface ListActions {
  view(r: Recording): void;
  csv(r: Recording): void;
  remove(r: Recording): void;
}

export function countsView(recs: readonly Recording[]): HTMLElement {
  const cs = countsByLabel(recs);
  if (cs.length === 0) return h('p', { class: 'mc-counts mc-empty', text: 'Todavía no hay grabaciones.' });
  return h('ul', { class: 'mc-counts', 'aria-label': 'Grabaciones por clase' },
    ...cs.map((c) => h('li', {},
      h('span', { class: 'mc-count-label', text: c.label }),
      h('span', { class: 'mc-count-n', text: ` ${c.n}` }),
      ...(c.partial ? [h('span', { class: 'mc-count-partial', text: ` (${c.partial} ${c.partial === 1 ? 'incompleta' : 'incompletas'})` })] : []))));
}

function thumb(r: Recording, colors: PlotColors): HTMLCanvasElement {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const c = h('canvas', { width: Math.round(THUMB_W * dpr), height: Math.round(THUMB_H * dpr), class: 'mc-thumb', 'aria-hidden': 'true' });
  const ctx = c.getContext('2d');
  if (ctx && r.rows.length) {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const end = r.rows[r.rows.length - 1]![0];
    drawAxes(ctx, THUMB_W, THUMB_H, rowsData(r.rows), colors, { t0: 0, t1: Math.max(end, 1000 / r.hz), decorate: false });
  }
  return c;
}

/** «2 s · 200 muestras · 100 Hz · simulada». */
export function describeRecording(r: Recording): string {
  const secs = (r.rows.length / r.hz);
  return `${fmt(secs, 2)} s · ${r.rows.length} muestras · ${fmt(r.hz, 1)} Hz · ${SOURCE_TEXT[r.source]}`;
}

/**
 * The list, newest first. `numbers`: the recording's number in creation order (1 = oldest), so
 * names stay the same as the list grows. `unsaved`: ids kept only in memory (saving failed).
 */
export function recordingList(recs: readonly Recording[], colors: PlotColors, act: ListActions, unsaved: ReadonlySet<string>): HTMLElement {
  const titleId = uniqueId('mc-list');
  const items = recs.map((r, i) => ({ r, n: i + 1 })).reverse();
  const list = h('ol', { class: 'mc-list', reversed: true, 'aria-labelledby': titleId },
    ...items.map(({ r, n }) => {
      const name = `grabación ${n} (${r.label})`;
      return h('li', { class: 'mc-item', 'data-id': r.id, 'data-label': r.label, ...(r.partial ? { 'data-partial': 'true' } : {}) },
        thumb(r, colors),
        h('div', { class: 'mc-item-text' },
          h('span', { class: 'mc-item-label' }, `${n}. ${r.label}`,
            ...(r.partial ? [h('span', { class: 'mc-badge', text: 'incompleta' })] : []),
            ...(unsaved.has(r.id) ? [h('span', { class: 'mc-badge mc-badge-warn', text: 'sin guardar' })] : [])),
          h('span', { class: 'mc-item-meta', text: describeRecording(r) })),
        h('div', { class: 'mc-item-actions' },
          button('Ver', () => act.view(r), { class: 'btn btn-quiet btn-small', 'aria-label': `Ver la ${name}` }),
          button('CSV', () => act.csv(r), { class: 'btn btn-quiet btn-small', 'aria-label': `Descargar el CSV de la ${name}` }),
          button('Borrar', () => act.remove(r), { class: 'btn btn-quiet btn-small', 'aria-label': `Borrar la ${name}` })));
    }));
  return h('div', { class: 'mc-list-box' },
    h('p', { class: 'mc-list-title', id: titleId, text: recs.length ? `Tus grabaciones (${recs.length}), la más reciente primero` : 'Tus grabaciones' }),
    recs.length
      ? h('div', { class: 'mc-scroll', role: 'region', tabindex: 0, 'aria-labelledby': titleId }, list)
      : h('p', { class: 'mc-empty', text: 'Conecta una fuente y pulsa «Grabar», o carga el conjunto de ejemplo.' }));
}
