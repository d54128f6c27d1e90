/** HTML table pieces shared by the widgets that show results as tables (DOM only). */
import { h, uniqueId } from './dom';

/** A `<thead>` with one row of column headers (`scope="col"`), one per text. */
export const tableHead = (...cols: string[]): HTMLTableSectionElement =>
  h('thead', {}, h('tr', {}, ...cols.map((t) => h('th', { scope: 'col', text: t }))));

/**
 * A table under its title, in a keyboard-focusable box that scrolls sideways on a phone; the
 * table and the box are labelled by the title. Classes `P-block`, `P-caption`, `P-scroll`, P = `prefix`.
 */
export function titledTable(prefix: string, title: string, table: HTMLTableElement): HTMLElement {
  const id = uniqueId(`${prefix}-t`);
  table.setAttribute('aria-labelledby', id);
  return h('div', { class: `${prefix}-block` }, h('p', { class: `${prefix}-caption`, id, text: title }),
    h('div', { class: `${prefix}-scroll`, role: 'region', tabindex: 0, 'aria-labelledby': id }, table));
}
