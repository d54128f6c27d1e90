import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDef, GLOSSARY, glossaryId, glossaryLetter, groupGlossary, sortGlossary, SYMBOLS, WORD_CHOICES } from '../../src/data/glossary';
import { COURSE_PLAN } from '../../src/data/course-plan';

const slugs = new Set(COURSE_PLAN.map((l) => l.slug));
const fold = (s: string) => s.toLocaleLowerCase('es').normalize('NFD').replace(/[\u0300-\u036f]/g, '');

describe('glossary data', () => {
  it('has between 70 and 100 entries', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(70);
    expect(GLOSSARY.length).toBeLessThanOrEqual(100);
  });

  it('has no empty or untrimmed fields and one-line definitions', () => {
    for (const e of GLOSSARY) {
      for (const [k, v] of Object.entries(e)) {
        expect(v, `${e.es}.${k}`).toBe(v.trim());
        expect(v.length, `${e.es}.${k}`).toBeGreaterThan(1);
        expect(v, `${e.es}.${k}`).not.toMatch(/[\n\r]|TODO/);
      }
      expect(e.def.length, e.es).toBeGreaterThan(25);
      expect(e.def.length, e.es).toBeLessThan(220);
      expect(e.def, e.es).toMatch(/[.!?)]$/);
    }
  });

  it('every row of glossary.json has exactly the fields of its table, all strings', () => {
    const tables: Array<[string, readonly object[], string[]]> = [
      ['terms', GLOSSARY, ['def', 'en', 'es', 'lesson']],
      ['symbols', SYMBOLS, ['lesson', 'meaning', 'symbol']],
      ['words', WORD_CHOICES, ['notUsed', 'note', 'use']],
    ];
    for (const [name, rows, keys] of tables)
      rows.forEach((row, i) => {
        expect(Object.keys(row).sort(), `${name}[${i}]`).toEqual(keys);
        for (const v of Object.values(row)) expect(typeof v, `${name}[${i}]`).toBe('string');
      });
  });

  it('every lesson slug is one of the 17 in the course plan', () => {
    for (const e of GLOSSARY) expect(slugs.has(e.lesson), `${e.es}: ${e.lesson}`).toBe(true);
  });

  it('covers every lesson from 01 to 13 and at least one later lesson', () => {
    const covered = new Set(GLOSSARY.map((e) => e.lesson));
    for (const l of COURSE_PLAN.filter((p) => p.order <= 13)) expect(covered.has(l.slug), l.slug).toBe(true);
    expect(COURSE_PLAN.some((p) => p.order > 13 && covered.has(p.slug))).toBe(true);
  });

  it('Spanish terms, English terms and anchor ids are unique', () => {
    const es = GLOSSARY.map((e) => fold(e.es));
    expect(new Set(es).size).toBe(es.length);
    const en = GLOSSARY.map((e) => e.en.toLowerCase());
    expect(new Set(en).size).toBe(en.length);
    const ids = GLOSSARY.map((e) => glossaryId(e.es));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('includes the core terms of the course', () => {
    const terms = new Set(GLOSSARY.map((e) => e.es));
    for (const t of ['TinyML', 'peso', 'sesgo', 'entrada neta', 'ReLU', 'softmax', 'XOR', 'retropropagación',
      'sobreajuste', 'convolución', 'paso', 'relleno', 'TFLite Micro', 'tensor arena', 'punto cero', 'MFCC']) {
      expect(terms.has(t), t).toBe(true);
    }
  });
});

describe('glossary helpers', () => {
  it('sorts with the Spanish collation: accents ignored, ñ after n', () => {
    const mk = (es: string) => ({ es, en: es, def: 'x', lesson: 'que-es-tinyml' });
    const out = sortGlossary(['ñu', 'oso', 'nube', 'época', 'escala', 'Edge AI', 'área'].map(mk)).map((e) => e.es);
    expect(out).toEqual(['área', 'Edge AI', 'época', 'escala', 'nube', 'ñu', 'oso']);
  });

  it('the sorted glossary is in order and keeps every entry', () => {
    const sorted = sortGlossary(GLOSSARY);
    expect(sorted).toHaveLength(GLOSSARY.length);
    const collator = new Intl.Collator('es', { sensitivity: 'base' });
    for (let i = 1; i < sorted.length; i++) {
      expect(collator.compare(sorted[i - 1]!.es, sorted[i]!.es), `${sorted[i - 1]!.es} / ${sorted[i]!.es}`).toBeLessThanOrEqual(0);
    }
  });

  it('groups by letter in alphabetical order, without repeating letters', () => {
    const groups = groupGlossary(GLOSSARY);
    const letters = groups.map((g) => g.letter);
    expect(new Set(letters).size).toBe(letters.length);
    expect([...letters].sort(new Intl.Collator('es').compare)).toEqual(letters);
    expect(groups.reduce((s, g) => s + g.entries.length, 0)).toBe(GLOSSARY.length);
    for (const g of groups) for (const e of g.entries) expect(glossaryLetter(e.es)).toBe(g.letter);
  });

  it('builds ASCII ids and index letters', () => {
    expect(glossaryId('función de activación')).toBe('funcion-de-activacion');
    expect(glossaryId('MAC (multiplicar y acumular)')).toBe('mac-multiplicar-y-acumular');
    expect(glossaryId('año')).toBe('anno');
    expect(glossaryLetter('época')).toBe('E');
    expect(glossaryLetter('ñu')).toBe('Ñ');
  });

  it('formats subscripts and superscripts and keeps the text intact', () => {
    expect(formatDef('net_j = Σ_i w_ji·x_i + b_j.')).toEqual([
      { kind: 'text', text: 'net' }, { kind: 'sub', text: 'j' }, { kind: 'text', text: ' = Σ' }, { kind: 'sub', text: 'i' },
      { kind: 'text', text: ' w' }, { kind: 'sub', text: 'ji' }, { kind: 'text', text: '·x' }, { kind: 'sub', text: 'i' },
      { kind: 'text', text: ' + b' }, { kind: 'sub', text: 'j' }, { kind: 'text', text: '.' },
    ]);
    expect(formatDef('σ(z) = 1 / (1 + e^(−z)) y L = 2^b − 1')).toEqual([
      { kind: 'text', text: 'σ(z) = 1 / (1 + e' }, { kind: 'sup', text: '−z' }, { kind: 'text', text: ') y L = 2' },
      { kind: 'sup', text: 'b' }, { kind: 'text', text: ' − 1' },
    ]);
    for (const e of GLOSSARY) {
      const parts = formatDef(e.def);
      expect(parts.every((p) => p.text.length > 0), e.es).toBe(true);
      // Nothing is lost: removing the markers from the definition gives the concatenated parts.
      const plain = e.def.replace(/\^\(([^)]*)\)/g, '$1').replace(/[_^]/g, '');
      expect(parts.map((p) => p.text).join(''), e.es).toBe(plain);
    }
  });
});

describe('symbols and word choices (issue 15: one symbol, one meaning; one word per concept)', () => {
  it('each symbol once, each with a lesson of the plan; σ is the sigmoid, s the standard deviation', () => {
    const names = SYMBOLS.map((x) => x.symbol);
    expect(new Set(names).size).toBe(names.length);
    for (const x of SYMBOLS) expect(slugs.has(x.lesson), x.symbol).toBe(true);
    expect(SYMBOLS.find((x) => x.symbol === 'σ')!.meaning).toMatch(/^La sigmoide/);
    expect(SYMBOLS.find((x) => x.symbol === 'μ, s')!.meaning).toMatch(/desviación típica/);
    expect(WORD_CHOICES.map((w) => w.use)).toEqual(expect.arrayContaining(['ordenador', 'coste', 'K-means', 'KB = 1024 bytes']));
  });

  it('the lessons use the chosen words, not the others', () => {
    const dir = join(process.cwd(), 'content/lessons');
    // The slug of lesson 08 keeps its old URL; only visible text is checked.
    const text = readdirSync(dir).filter((f) => f.endsWith('.mdx'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8').replace(/como-ve-un-computador/g, '')] as const);
    const banned: Array<[RegExp, string]> = [
      [/\bcomputador(a|es)?\b/i, 'ordenador'], [/\bcostos?\b/i, 'coste'], [/\bK-medias\b/i, 'K-means'],
      [/\bel arena\b|\bun \*?arena\b/i, 'la arena'], [/\blos unos cuatro mil millones\b/, 'cerca de cuatro mil millones'],
      [/\bun factor \d/, 'un factor de'], [/nadie ha limpiado/, 'rephrased'],
    ];
    for (const [f, t] of text) for (const [re, use] of banned) expect(re.exec(t)?.[0], `${f}: use «${use}»`).toBeUndefined();
  });
});
