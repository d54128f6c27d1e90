/**
 * DOM builders for the decision-energy widget (view.ts only): the MAC table layer by layer, the
 * estimate table (float32, int8 with CMSIS-NN and, when pasted, the board's measurement), the
 * formula lines and the table of cited constants with their sources. Every number is text.
 */
import { fmt, h } from '../lib/widget/dom';
import { tableHead as head, titledTable } from '../lib/widget/table';
import { intText } from '../lib/format/number';
import type { StackSummary } from '../lib/conv/shapes';
import type { Decision, Fact } from './core';

/** A table under its title, in a keyboard-focusable box that scrolls sideways on a phone. */
export const titled = (title: string, table: HTMLTableElement): HTMLElement => titledTable('de', title, table);

const num = (text: string): HTMLTableCellElement => h('td', { class: 'de-num', text });

export function macTable(s: StackSummary, names: readonly string[]): HTMLElement {
  const body = h('tbody', {}, ...s.layers.map((l, i) => h('tr', {},
    h('th', { scope: 'row', class: 'de-mono', text: names[i] ?? `capa ${i + 1}` }),
    h('td', { text: l.label }),
    num(l.outputShape.join(' × ')),
    num(intText(l.params)),
    num(l.macs ? intText(l.macs) : '0'))));
  const foot = h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', text: 'Total', colspan: 3 }), num(intText(s.totalParams)), num(intText(s.totalMacs))));
  return titled('Multiplicaciones-sumas (MAC) de una inferencia, capa a capa', h('table', { class: 'de-table' },
    head('Capa', 'Qué hace', 'Salida', 'Parámetros', 'MAC'), body, foot));
}

export interface Row {
  key: 'fp32' | 'int8' | 'medido';
  label: string;
  cyclesPerMac: number | null;
  d: Decision;
}

/** Seconds as ms (or µs below 1 ms), 3 significant decimals. */
export const timeText = (s: number): string => (s < 1e-3 ? `${fmt(s * 1e6, 1)} µs` : `${fmt(s * 1e3, 2)} ms`);
export const energyText = (uj: number): string => (uj >= 1000 ? `${fmt(uj / 1000, 2)} mJ` : `${fmt(uj, 1)} µJ`);
export const powerText = (w: number): string => (w >= 1e-3 ? `${fmt(w * 1e3, 2)} mW` : `${fmt(w * 1e6, 1)} µW`);
export function daysText(d: Decision): string {
  if (d.days >= 730) return `${fmt(d.days, 0)} días (≈ ${fmt(d.days / 365.25, 1)} años)`;
  if (d.days < 2) return `${fmt(d.hours, 1)} horas`;
  return `${fmt(d.days, d.days < 10 ? 1 : 0)} días`;
}

export function estimateTable(rows: readonly Row[]): HTMLElement {
  const body = h('tbody', {}, ...rows.map((r) => h('tr', { class: r.key === 'medido' ? 'de-measured' : '', 'data-row': r.key },
    h('th', { scope: 'row', text: r.label }),
    num(r.cyclesPerMac === null ? 'medido' : fmt(r.cyclesPerMac, 2)),
    num(Number.isFinite(r.d.cycles) ? intText(r.d.cycles) : '—'),
    num(timeText(r.d.seconds)),
    num(energyText(r.d.microjoules)),
    num(powerText(r.d.averageW)),
    h('td', { class: 'de-num de-days', text: daysText(r.d) }))));
  return titled('Estimación para el nRF52840 a 64 MHz con una CR2032', h('table', { class: 'de-table' },
    head('Cálculo', 'Ciclos por MAC', 'Ciclos', 'Tiempo por inferencia', 'Energía por inferencia', 'Consumo medio', 'Con una CR2032'), body));
}

export function formulaBlock(title: string, lines: readonly string[]): HTMLElement {
  return h('div', { class: 'de-formula' }, h('p', { class: 'de-formula-title', text: title }),
    h('ul', {}, ...lines.map((l) => h('li', {}, h('code', { text: l })))));
}

const valueText = (f: Fact): string => `${fmt(f.value, 3)} ${f.unit}`;

export function factsTable(facts: readonly Fact[]): HTMLElement {
  const body = h('tbody', {}, ...facts.map((f) => h('tr', { 'data-status': f.status },
    h('th', { scope: 'row', class: 'de-mono', text: f.symbol }),
    h('td', { text: f.label }),
    num(valueText(f)),
    h('td', { class: f.status === 'supuesto' ? 'de-assume' : 'de-cited',
      text: f.status === 'citado' ? 'Dato citado' : `Suposición (de ${fmt(f.range![0], 3)} a ${fmt(f.range![1], 3)} ${f.unit})` }),
    h('td', { class: 'de-source', text: f.source }))));
  return titled('Las constantes del cálculo y de dónde salen', h('table', { class: 'de-table de-facts' },
    head('Símbolo', 'Qué es', 'Valor usado', 'Estado', 'Fuente'), body));
}
