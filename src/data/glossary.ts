/**
 * Course glossary (page /glosario/). Each entry: the Spanish term as the course uses it, the
 * English term a student will meet in documentation, a one-line definition in Spanish that
 * agrees with the lessons (weights w_ji go from input i to neuron j, Net = W x + b, x ≈ Δ (q − Z)),
 * and the slug of the lesson that teaches it (one of the 17 in course-plan.ts).
 * The entries themselves are data, in glossary.json (terms, symbols, words, each in lesson
 * order); this module types them and holds the helpers. No Astro imports, so the unit test can
 * load it; tests/unit/glossary.test.ts checks every entry's fields and lesson slug.
 */
import data from './glossary.json';
export interface GlossaryEntry {
  es: string;
  en: string;
  def: string;
  lesson: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = data.terms;

const collator = new Intl.Collator('es', { sensitivity: 'base' });

/**
 * The course's symbols: one meaning each, course-wide (issue 15). `tex` is plain Unicode as the
 * lessons print it; `lesson`: where the symbol is introduced.
 */
export interface SymbolEntry {
  symbol: string;
  meaning: string;
  lesson: string;
}

export const SYMBOLS: readonly SymbolEntry[] = data.symbols;

/**
 * One word (and one unit convention) per concept, course-wide: the choice, and the words the
 * course does not use for it.
 */
export interface WordChoice {
  use: string;
  notUsed: string;
  note: string;
}

export const WORD_CHOICES: readonly WordChoice[] = data.words;

/** Entries sorted by Spanish term with the Spanish collation (ñ after n, accents ignored). */
export function sortGlossary(entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  return [...entries].sort((a, b) => collator.compare(a.es, b.es) || a.es.localeCompare(b.es, 'es'));
}

/** Anchor id for a term: lowercase ASCII with hyphens ("función de activación" → "funcion-de-activacion"). */
export function glossaryId(es: string): string {
  return es
    .toLowerCase()
    .replace(/ñ/g, 'nn')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Index letter of a term: first letter, uppercase, accents removed ("Ñ" stays its own letter). */
export function glossaryLetter(es: string): string {
  const first = es.trim().charAt(0).toUpperCase();
  if (first === 'Ñ') return 'Ñ';
  return first.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export interface GlossaryGroup {
  letter: string;
  entries: GlossaryEntry[];
}

/** Sorted entries grouped by index letter, letters in order. */
export function groupGlossary(entries: readonly GlossaryEntry[]): GlossaryGroup[] {
  const groups: GlossaryGroup[] = [];
  for (const e of sortGlossary(entries)) {
    const letter = glossaryLetter(e.es);
    const last = groups[groups.length - 1];
    if (last && last.letter === letter) last.entries.push(e);
    else groups.push({ letter, entries: [e] });
  }
  return groups;
}

export interface DefPart {
  kind: 'text' | 'sub' | 'sup';
  text: string;
}

/**
 * Splits a definition into text, subscripts and superscripts for display: "w_ji" → w + sub(ji),
 * "e^(−z)" → e + sup(−z), "2^b" → 2 + sup(b). Only letters and digits after "_" form a subscript.
 */
export function formatDef(def: string): DefPart[] {
  const parts: DefPart[] = [];
  const re = /_([A-Za-z0-9]+)|\^\(([^)]*)\)|\^([A-Za-z0-9]+)/g;
  let last = 0;
  for (let m = re.exec(def); m; m = re.exec(def)) {
    if (m.index > last) parts.push({ kind: 'text', text: def.slice(last, m.index) });
    if (m[1] !== undefined) parts.push({ kind: 'sub', text: m[1] });
    else parts.push({ kind: 'sup', text: m[2] ?? m[3] ?? '' });
    last = re.lastIndex;
  }
  if (last < def.length) parts.push({ kind: 'text', text: def.slice(last) });
  return parts;
}
