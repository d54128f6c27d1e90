import { describe, expect, it } from 'vitest';
import { PALETTE, paletteCss, themeColors, THEME_SELECTOR, type Theme } from '../../src/styles/palette';
import { contrastRatio, luminance } from '../../widgets/lib/draw/contrast';

const lum = (hex: string): number => luminance(parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16));
const ratio = (a: string, b: string): number => contrastRatio(lum(a), lum(b));

const text = ['--fg', '--fg-muted', '--accent-text', '--link', '--link-hover', '--c1', '--c2', '--c3', '--c4', '--c5'];
const surfaces = ['--bg', '--bg-elev', '--bg-sunk'];
const pairs: Array<[string, string]> = [['--ok-fg', '--ok-bg'], ['--warn-fg', '--warn-bg'], ['--err-fg', '--err-bg'], ['--idea-fg', '--idea-bg'], ['--on-accent', '--accent'], ['--on-accent', '--accent-strong']];

describe('the palette table', () => {
  it('has one #rrggbb value per theme in every row, and no name twice', () => {
    const names = PALETTE.map((r) => r[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const row of PALETTE) for (const v of row.slice(1)) expect(v, row[0]).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('emits the four themes in cascade order, each with every colour', () => {
    const css = paletteCss();
    const order = (['light', 'dark', 'projectorLight', 'projectorDark'] as const).map((t) => css.indexOf(`${THEME_SELECTOR[t]}{`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(css).toContain("html[data-proyector][data-theme='dark']{--bg:#000000;");
    expect(css.match(/--c1:/g)).toHaveLength(4);
  });
});

// Normal themes: WCAG AA (4.5:1) for text; projector themes: AAA (7:1). Focus ring ≥ 3:1 everywhere.
const levels: Array<[Theme, number]> = [['light', 4.5], ['dark', 4.5], ['projectorLight', 7], ['projectorDark', 7]];
describe.each(levels)('theme %s', (theme, min) => {
  const p = themeColors(theme);
  it(`every text colour ≥ ${min}:1 on every surface, and on its own background`, () => {
    for (const t of text) for (const s of surfaces) expect(ratio(p[t]!, p[s]!), `${t} on ${s}`).toBeGreaterThanOrEqual(min);
    for (const [f, b] of pairs) expect(ratio(p[f]!, p[b]!), `${f} on ${b}`).toBeGreaterThanOrEqual(min);
  });
  it('the focus ring ≥ 3:1 on every surface', () => {
    for (const s of surfaces) expect(ratio(p['--focus']!, p[s]!), `--focus on ${s}`).toBeGreaterThanOrEqual(3);
  });
});

describe('the contrast reference', () => {
  it('black on white is 21:1 and #777 on white about 4.48:1', () => {
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(ratio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
