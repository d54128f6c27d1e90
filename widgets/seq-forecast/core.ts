/**
 * What the next-value widget shows, computed from the prepared data and a run's results (pure).
 * Rows of the results table: the two baselines, then the three models; errors are test MAE and
 * RMSE in the series' units (lib/seq/baselines.ts).
 */
import type { Errors } from '../lib/seq/baselines';
import type { ForecastData } from '../lib/seq/forecast';
import { MODEL_KINDS, MODEL_LABELS, paramCount, type ModelKind } from '../lib/seq/models';
import type { TestResult } from '../lib/seq/train';
import { fmt } from '../lib/widget/dom';

export type LineKey = 'naive' | 'seasonal' | ModelKind;
export const LINE_KEYS: readonly LineKey[] = ['naive', 'seasonal', ...MODEL_KINDS];

export interface ResultRow {
  key: LineKey;
  label: string;
  /** Short name for the table. */
  short: string;
  how: string;
  params: number | null;
  err: Errors | null;
  /** Epoch of the measurement (models), null for baselines. */
  epoch: number | null;
}

export function lineLabel(key: LineKey, period: number, stepName: string): string {
  switch (key) {
    case 'naive':
      return 'Ingenuo: siguiente = último';
    case 'seasonal':
      return `Estacional: el valor de hace ${period} ${stepName === 'día' ? 'días' : 'pasos'}`;
    default:
      return MODEL_LABELS[key];
  }
}

export function resultRows(d: ForecastData, tests: Partial<Record<ModelKind, TestResult>>, stepName: string): ResultRow[] {
  const L = d.spec.length;
  const rows: ResultRow[] = [
    { key: 'naive', label: lineLabel('naive', d.period, stepName), short: 'Ingenuo', how: 'repite x_t', params: 0, err: d.naive.err, epoch: null },
    {
      key: 'seasonal', label: lineLabel('seasonal', d.period, stepName), short: `Estacional (m = ${d.period})`, how: `repite x_{t+h−${d.period}}`, params: 0,
      err: d.seasonal?.err ?? null, epoch: null,
    },
  ];
  for (const kind of MODEL_KINDS) {
    const t = tests[kind];
    rows.push({ key: kind, label: MODEL_LABELS[kind], short: kind === 'mlp' ? 'MLP' : MODEL_LABELS[kind], how: 'aprendido', params: paramCount(kind, L), err: t?.err ?? null, epoch: t?.epoch ?? null });
  }
  return rows;
}

/** One sentence comparing the best model with the best baseline (after a measurement). */
export function verdict(rows: readonly ResultRow[]): string {
  const base = rows.filter((r) => r.params === 0 && r.err).sort((a, b) => a.err!.mae - b.err!.mae)[0];
  const models = rows.filter((r) => r.params !== 0 && r.err).sort((a, b) => a.err!.mae - b.err!.mae);
  const best = models[0];
  if (!base || !best) return '';
  const ref = base.key === 'naive' ? 'la ingenua' : 'la estacional';
  const ratio = base.err!.mae / best.err!.mae;
  if (ratio >= 1.05) {
    return `En la parte de prueba, el mejor modelo es ${best.label}: su MAE (${fmt(best.err!.mae, 3)}) es ${fmt(ratio, 1)} veces menor que el de la mejor referencia sin aprendizaje (${ref}, ${fmt(base.err!.mae, 3)}).`;
  }
  if (ratio > 0.95) {
    return `En la parte de prueba, el mejor modelo (${best.label}, MAE ${fmt(best.err!.mae, 3)}) apenas mejora a la mejor referencia sin aprendizaje (${ref}, ${fmt(base.err!.mae, 3)}): aprender no ha servido de mucho en esta serie.`;
  }
  return `Ningún modelo supera a la mejor referencia sin aprendizaje (${ref}, MAE ${fmt(base.err!.mae, 3)}); el mejor modelo se queda en ${fmt(best.err!.mae, 3)}.`;
}

/** Text alternative of the predictions chart. */
export function predictionsText(d: ForecastData, shown: readonly LineKey[], rows: readonly ResultRow[]): string {
  const n = d.testY.length;
  const parts = shown
    .map((k) => rows.find((r) => r.key === k))
    .filter((r): r is ResultRow => !!r && !!r.err)
    .map((r) => `${r.label} (MAE ${fmt(r.err!.mae, 3)})`);
  return `Valores reales de los ${n} objetivos de prueba, desde el paso ${d.testTargets[0]} hasta el ${d.testTargets[n - 1]}` +
    (parts.length ? `, con las predicciones de: ${parts.join('; ')}.` : '. Aún no hay predicciones dibujadas.');
}
