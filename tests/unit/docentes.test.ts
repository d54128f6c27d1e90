import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queMostrar } from '../../src/data/docentes';
import { demoLink, keysText, parseWidgets, schemaSeed, stepKeys } from '../../src/lib/docentes';
import { decodeState, readStateParam } from '../../widgets/lib/state/codec';
import { int } from '../../widgets/lib/state/schema';

const LESSONS = 'content/lessons';
const lessons = readdirSync(LESSONS).filter((f) => f.endsWith('.mdx')).sort().map((f) => {
  const src = readFileSync(join(LESSONS, f), 'utf8');
  return { file: f, slug: /^slug:\s*(\S+)\s*$/m.exec(src)![1]!, src };
});

describe('parseWidgets', () => {
  it('reads name, id (name by default), title and description, across lines and with config={{…}}', () => {
    const mdx = [
      'Texto con <b>html</b>.',
      '<Widget name="conv-explorer" id="convolucion" title="Explorador > de la convolución"',
      '        description="La ventana {recorre} la entrada." config={{ pattern: "borde", n: 7 }}>',
      '  <Fragment slot="fallback">x</Fragment>',
      '</Widget>',
      "<Widget name='softmax-explorer' title='Softmax' description='' />",
    ].join('\n');
    expect(parseWidgets(mdx)).toEqual([
      { name: 'conv-explorer', id: 'convolucion', title: 'Explorador > de la convolución', description: 'La ventana {recorre} la entrada.' },
      { name: 'softmax-explorer', id: 'softmax-explorer', title: 'Softmax', description: '' },
    ]);
  });
  it('finds as many widgets in each lesson as there are <Widget tags', () => {
    for (const l of lessons) expect(parseWidgets(l.src).length, l.file).toBe((l.src.match(/<Widget\b/g) ?? []).length);
  });
});

describe('«qué mostrar» covers the lessons exactly', () => {
  const keys = lessons.flatMap((l) => parseWidgets(l.src).map((w) => `${l.slug}/${w.id}`));
  it('every widget of every lesson has its line', () => {
    expect(keys.filter((k) => !queMostrar[k])).toEqual([]);
  });
  it('no line names a widget that is gone, and the lines are short sentences', () => {
    expect(Object.keys(queMostrar).filter((k) => !keys.includes(k))).toEqual([]);
    for (const [k, line] of Object.entries(queMostrar)) {
      expect(line.length, k).toBeLessThanOrEqual(160);
      expect(line, k).toMatch(/^[A-ZÁÉÍÓÚÑ«¿].*[.»]$/);
    }
  });
});

describe('schemaSeed', () => {
  it('reads the default of seed in a schema, null without one', () => {
    expect(schemaSeed('const schema = {\n  k: int(3, 1, 6),\n  seed: int(16, 0, 9999),\n};')).toBe(16);
    expect(schemaSeed('  seed: intField(1, 0, 9999),')).toBe(1);
    expect(schemaSeed('interface X {\n  seed: number;\n}\n  seed: Math.round(v),')).toBeNull();
    expect(schemaSeed('const schema = { w: num(0.5, -2, 2) };')).toBeNull();
  });
  it('finds the seed of the kmeans-steps view as its schema declares it', () => {
    const src = readFileSync('widgets/kmeans-steps/view.ts', 'utf8');
    expect(schemaSeed(src)).toBe(Number(/^\s*seed:\s*int\((\d+),/m.exec(src)![1]));
  });
});

describe('stepKeys and keysText', () => {
  it('a Stepper gives all three keys; data-step buttons give theirs', () => {
    expect(stepKeys(['this.#player = new Stepper({'])).toEqual({ next: true, back: true, play: true });
    expect(stepKeys(["button('Un paso', f, { 'data-step': 'next' })"])).toEqual({ next: true, back: false, play: false });
    expect(stepKeys(['nothing here'])).toEqual({ next: false, back: false, play: false });
  });
  it('says the keys in Spanish', () => {
    expect(keysText({ next: true, back: true, play: true })).toBe('→ / ← paso a paso · Espacio: reproducir / pausa');
    expect(keysText({ next: true, back: false, play: false })).toBe('→ un paso más');
    expect(keysText({ next: false, back: false, play: false })).toBe('Tab para ir por los controles');
  });
  it('the conv explorer (Stepper) and the perceptron (data-step) are found from their sources', () => {
    const src = (name: string) => readdirSync(`widgets/${name}`).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(`widgets/${name}/${f}`, 'utf8'));
    expect(stepKeys(src('conv-explorer'))).toEqual({ next: true, back: true, play: true });
    expect(stepKeys(src('perceptron'))).toEqual({ next: true, back: false, play: true });
    expect(stepKeys(src('softmax-explorer'))).toEqual({ next: false, back: false, play: false });
  });
});

describe('demoLink', () => {
  it('turns projector mode on, targets the widget and carries the seed the widget decoder accepts', () => {
    const link = demoLink('deteccion-de-anomalias', 'kmeans', 7);
    expect(link).toBe('/lecciones/deteccion-de-anomalias/?proyector=1&w-kmeans=seed:7#kmeans');
    const url = new URL(link, 'http://localhost');
    expect(url.searchParams.get('proyector')).toBe('1');
    expect(url.hash).toBe('#kmeans');
    const decoded = decodeState({ seed: int(1, 0, 9999) }, readStateParam(url.href, 'kmeans'));
    expect(decoded).toEqual({ state: { seed: 7 }, rejected: [] });
  });
  it('without a seed: only the mode and the fragment', () => {
    expect(demoLink('convolucion-y-pooling', 'convolucion', null)).toBe('/lecciones/convolucion-y-pooling/?proyector=1#convolucion');
  });
});
