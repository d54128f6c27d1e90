import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyAction, kindOf, type TargetInfo } from '../../widgets/lib/widget/keys';
import { contrastRatio, luminance } from '../../widgets/lib/draw/contrast';

describe('kindOf: what a key target is', () => {
  const cases: Array<[TargetInfo, string]> = [
    [{ tag: 'input', type: 'text' }, 'typing'],
    [{ tag: 'input', type: 'range' }, 'typing'],
    [{ tag: 'input', type: 'number' }, 'typing'],
    [{ tag: 'input', type: 'search' }, 'typing'],
    [{ tag: 'input', type: '' }, 'typing'],
    [{ tag: 'input', type: 'checkbox' }, 'activatable'],
    [{ tag: 'input', type: 'button' }, 'activatable'],
    [{ tag: 'textarea' }, 'typing'],
    [{ tag: 'select' }, 'typing'],
    [{ tag: 'div', editable: true }, 'typing'],
    [{ tag: 'div', role: 'slider' }, 'typing'],
    [{ tag: 'button' }, 'activatable'],
    [{ tag: 'a', href: true }, 'activatable'],
    [{ tag: 'a', href: false }, 'other'],
    [{ tag: 'summary' }, 'activatable'],
    [{ tag: 'figure' }, 'other'],
    [{ tag: 'body' }, 'other'],
  ];
  it.each(cases)('%o → %s', (t, kind) => expect(kindOf(t)).toBe(kind));
});

describe('keyAction: which keys do what', () => {
  it('P toggles projector mode anywhere but while typing, and not with a modifier', () => {
    expect(keyAction({ key: 'p' }, 'other', false)).toBe('projector');
    expect(keyAction({ key: 'P' }, 'activatable', true)).toBe('projector');
    expect(keyAction({ key: 'p' }, 'typing', false)).toBeNull();
    expect(keyAction({ key: 'p', ctrlKey: true }, 'other', false)).toBeNull();
    expect(keyAction({ key: 'p', metaKey: true }, 'other', false)).toBeNull();
  });
  it('arrows step only inside a widget, and not in a field', () => {
    expect(keyAction({ key: 'ArrowRight' }, 'other', true)).toBe('next');
    expect(keyAction({ key: 'ArrowLeft' }, 'activatable', true)).toBe('back');
    expect(keyAction({ key: 'ArrowRight' }, 'other', false)).toBeNull();
    expect(keyAction({ key: 'ArrowLeft' }, 'typing', true)).toBeNull();
    expect(keyAction({ key: 'ArrowRight', altKey: true }, 'other', true)).toBeNull();
  });
  it('Space plays / pauses inside a widget, but a focused button keeps its own Space', () => {
    expect(keyAction({ key: ' ' }, 'other', true)).toBe('play');
    expect(keyAction({ key: ' ' }, 'activatable', true)).toBeNull();
    expect(keyAction({ key: ' ' }, 'typing', true)).toBeNull();
    expect(keyAction({ key: ' ' }, 'other', false)).toBeNull();
  });
  it('other keys are left alone', () => {
    for (const key of ['Enter', 'ArrowUp', 'ArrowDown', 'a', 'Tab']) expect(keyAction({ key }, 'other', true)).toBeNull();
  });
});

describe('the projector palette meets WCAG AAA', () => {
  const css = readFileSync('src/styles/projector.css', 'utf8');
  /** Custom properties of the first block whose selector is exactly `selector`. */
  const block = (selector: string): Record<string, string> => {
    const i = css.indexOf(`${selector} {`);
    expect(i, selector).toBeGreaterThanOrEqual(0);
    const body = css.slice(i, css.indexOf('}', i));
    return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
  };
  const lum = (hex: string): number => luminance(parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16));
  const ratio = (a: string, b: string): number => contrastRatio(lum(a), lum(b));
  const light = block('html[data-proyector]');
  const dark = { ...light, ...block("html[data-proyector][data-theme='dark']") };
  const text = ['--fg', '--fg-muted', '--accent-text', '--link', '--link-hover', '--c1', '--c2', '--c3', '--c4', '--c5'];
  const surfaces = ['--bg', '--bg-elev', '--bg-sunk'];
  const pairs: Array<[string, string]> = [['--ok-fg', '--ok-bg'], ['--warn-fg', '--warn-bg'], ['--err-fg', '--err-bg'], ['--idea-fg', '--idea-bg'], ['--on-accent', '--accent'], ['--on-accent', '--accent-strong']];
  for (const [name, p] of [['claro', light], ['oscuro', dark]] as const) {
    it(`tema ${name}: every text colour ≥ 7:1 on every surface, the focus ring ≥ 3:1`, () => {
      for (const t of text) for (const s of surfaces) expect(ratio(p[t]!, p[s]!), `${t} on ${s}`).toBeGreaterThanOrEqual(7);
      for (const [f, b] of pairs) expect(ratio(p[f]!, p[b]!), `${f} on ${b}`).toBeGreaterThanOrEqual(7);
      for (const s of surfaces) expect(ratio(p['--focus']!, p[s]!), `--focus on ${s}`).toBeGreaterThanOrEqual(3);
    });
  }
  it('the reference: black on white is 21:1 and #777 on white about 4.48:1', () => {
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(ratio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
