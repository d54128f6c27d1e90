/**
 * The cell editor: CodeMirror 6 with JavaScript, Spanish labels (phrases facet), the course's
 * colours (CSS variables, both themes) and the keyboard: Tab indents, Escape then Tab leaves the
 * editor (CodeMirror's escape hatch for indentWithTab), Ctrl/Cmd+Enter runs the cell.
 */
import { basicSetup } from 'codemirror';
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const PHRASES_ES: Record<string, string> = {
  Find: 'Buscar', Replace: 'Reemplazar', next: 'siguiente', previous: 'anterior', all: 'todas',
  'match case': 'mayúsculas', 'by word': 'palabra completa', regexp: 'expresión regular',
  replace: 'reemplazar', 'replace all': 'reemplazar todas', close: 'cerrar',
  'current match': 'coincidencia actual', 'replaced $ matches': '$ coincidencias reemplazadas',
  'replaced match on line $': 'reemplazada la coincidencia de la línea $',
  'on line': 'en la línea', 'Go to line': 'Ir a la línea', go: 'ir',
  'Folded lines': 'Líneas plegadas', 'Unfolded lines': 'Líneas desplegadas', to: 'a',
  'folded code': 'código plegado', unfold: 'desplegar', 'Fold line': 'Plegar línea', 'Unfold line': 'Desplegar línea',
  'Control character': 'Carácter de control', 'Selection deleted': 'Selección borrada',
  Completions: 'Sugerencias', Diagnostics: 'Diagnósticos', 'No diagnostics': 'Sin diagnósticos',
};

const courseHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--c3)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--c2)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--c4)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--fg-muted)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--accent-text)' },
]);

const courseTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg-sunk)', color: 'var(--fg)', fontSize: '0.92em' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-sunk)', color: 'var(--fg-muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--bg-elev) 60%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--fg)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-celda-error-line': { backgroundColor: 'var(--err-bg)', boxShadow: 'inset 3px 0 0 var(--err-fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent)' },
});

/** The line of the last error (1-based), marked until the code changes. */
const setErrorLine = StateEffect.define<number | null>();
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(e.value);
      return Decoration.set([Decoration.line({ class: 'cm-celda-error-line', attributes: { 'data-error-line': String(e.value) } }).range(line.from)]);
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export interface CellEditor {
  view: EditorView;
  getCode(): string;
  setCode(code: string): void;
  /** Marks the line of an error (null clears it). */
  markError(line: number | null): void;
}

export function createEditor(parent: HTMLElement, code: string, opts: { label: string; describedBy?: string; onRun: () => void; onChange: (code: string) => void }): CellEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { opts.onRun(); return true; } }])),
        basicSetup,
        keymap.of([indentWithTab]),
        javascript(),
        syntaxHighlighting(courseHighlight),
        courseTheme,
        errorLineField,
        // Long lines wrap: no horizontal scrolling region inside the page (axe, phones).
        EditorView.lineWrapping,
        EditorState.phrases.of(PHRASES_ES),
        EditorView.contentAttributes.of({ 'aria-label': opts.label, ...(opts.describedBy ? { 'aria-describedby': opts.describedBy } : {}) }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode: (c: string) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: c } }),
    markError: (line: number | null) => view.dispatch({ effects: setErrorLine.of(line) }),
  };
}
