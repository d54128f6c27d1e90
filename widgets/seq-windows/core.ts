/**
 * The sliding-window explorer's model (pure): the chosen series cut into windows of length L,
 * stride s and horizon h (lib/seq/windows.ts), which part each row belongs to, and the rows of
 * the matrix shown around the selected one. Indices are 0-based steps of the series.
 */
import { makeSeries, type Series, type SeriesId } from '../lib/seq/series';
import { cutIndex, makeWindows, rowPart, type RowPart, type Windows } from '../lib/seq/windows';

export interface WindowsState {
  serie: SeriesId;
  L: number;
  paso: number;
  horizonte: number;
  fila: number;
  seed: number;
}

export interface RowView {
  k: number;
  start: number;
  end: number; // t: the last input
  target: number; // t + h
  part: RowPart;
  inputs: number[];
  y: number;
}

export interface WindowsView {
  series: Series;
  windows: Windows;
  cut: number;
  counts: Record<RowPart, number>;
  /** The selected row, clamped to the rows that exist (null when no window fits). */
  row: RowView | null;
  /** Rows shown in the table: up to `around` on each side of the selected one. */
  table: RowView[];
}

export const PART_LABEL: Record<RowPart, string> = {
  train: 'entrenamiento',
  test: 'prueba',
  gap: 'descartada (cruza el corte)',
};

export function rowView(w: Windows, k: number, cut: number): RowView {
  const L = w.spec.length;
  const start = w.starts[k]!;
  const target = w.targets[k]!;
  return {
    k, start, end: start + L - 1, target, part: rowPart(start, target, cut),
    inputs: Array.from(w.X.subarray(k * L, (k + 1) * L)), y: w.y[k]!,
  };
}

const seriesCache = new Map<string, Series>();
function seriesOf(id: SeriesId, seed: number): Series {
  const key = `${id}|${seed}`;
  let s = seriesCache.get(key);
  if (!s) {
    if (seriesCache.size > 8) seriesCache.clear();
    s = makeSeries(id, seed);
    seriesCache.set(key, s);
  }
  return s;
}

export function windowsView(st: WindowsState, around = 3): WindowsView {
  const series = seriesOf(st.serie, st.seed);
  const windows = makeWindows(series.values, { length: st.L, stride: st.paso, horizon: st.horizonte });
  const cut = cutIndex(series.values.length);
  const counts: Record<RowPart, number> = { train: 0, test: 0, gap: 0 };
  for (let k = 0; k < windows.rows; k++) counts[rowPart(windows.starts[k]!, windows.targets[k]!, cut)]++;
  if (windows.rows === 0) return { series, windows, cut, counts, row: null, table: [] };
  const k = Math.max(0, Math.min(windows.rows - 1, Math.round(st.fila)));
  const lo = Math.max(0, Math.min(k - around, windows.rows - 1 - 2 * around));
  const hi = Math.min(windows.rows - 1, lo + 2 * around);
  const table: RowView[] = [];
  for (let i = lo; i <= hi; i++) table.push(rowView(windows, i, cut));
  return { series, windows, cut, counts, row: rowView(windows, k, cut), table };
}

/** First row of a part (to jump to the test part), or null. */
export function firstRowOf(w: Windows, cut: number, part: RowPart): number | null {
  for (let k = 0; k < w.rows; k++) if (rowPart(w.starts[k]!, w.targets[k]!, cut) === part) return k;
  return null;
}
