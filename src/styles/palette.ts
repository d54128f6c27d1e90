/**
 * The site's colours, one row per custom property: its value in the light theme, the dark theme,
 * and projector mode's light and dark themes. One table, so a colour and its three siblings are
 * read and changed side by side.
 *
 * Contracts (checked by tests/unit/palette.test.ts and, on the pages, by axe in e2e):
 * - light and dark: every text colour ≥ 4.5:1 on every surface (WCAG AA);
 * - projector light and dark: ≥ 7:1 (WCAG AAA), the focus ring ≥ 3:1.
 * The CSS is emitted inline in every page's <head> by components/HeadCommon.astro, so the theme
 * is right at first paint; tokens.css and projector.css keep everything else.
 */
export type Theme = 'light' | 'dark' | 'projectorLight' | 'projectorDark';

/** [name without the leading --, light, dark, projector light, projector dark] as #rrggbb. */
export const PALETTE: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['bg', '#fdfdfb', '#121417', '#ffffff', '#000000'],
  ['bg-elev', '#ffffff', '#1a1d21', '#ffffff', '#0a0a0a'],
  ['bg-sunk', '#f3f4f1', '#0d0f11', '#f2f2f2', '#141414'],
  ['fg', '#1c2024', '#e7e9ec', '#000000', '#ffffff'],
  ['fg-muted', '#4f5660', '#b0b6be', '#333333', '#d9d9d9'],
  ['border', '#d6d9dc', '#363b42', '#555555', '#aaaaaa'],
  ['accent', '#0f766e', '#2dd4bf', '#00564f', '#5eead4'],
  ['accent-strong', '#0b5d57', '#5eead4', '#003d38', '#99f6e4'],
  ['accent-text', '#0f6b64', '#5eead4', '#00564f', '#7af0dc'],
  ['on-accent', '#ffffff', '#062a27', '#ffffff', '#000000'],
  ['link', '#0b5fa5', '#7cc4ff', '#003d99', '#9fd0ff'],
  ['link-hover', '#083f70', '#b5dcff', '#002266', '#cfe8ff'],
  ['focus', '#b45309', '#fbbf24', '#1d3fd6', '#ffe14d'],
  ['ok-bg', '#dcfce7', '#113a22', '#e6f7ea', '#06210f'],
  ['ok-fg', '#166534', '#86efac', '#0b4a1e', '#a7f3c0'],
  ['warn-bg', '#fef3c7', '#3d2e06', '#fff4d6', '#2a1f00'],
  ['warn-fg', '#7c4a03', '#fcd34d', '#4d2c00', '#fde68a'],
  ['err-bg', '#fee2e2', '#3f1212', '#fde8e8', '#2b0808'],
  ['err-fg', '#991b1b', '#fca5a5', '#7a0f0f', '#fecaca'],
  ['idea-bg', '#e0f2fe', '#0c2d44', '#e6f3fb', '#04192a'],
  ['idea-fg', '#075985', '#bae6fd', '#053a5c', '#cdeafe'],
  // Chart palette (widgets read these through themeVars / cssVar).
  ['c1', '#0f766e', '#2dd4bf', '#00564f', '#5eead4'],
  ['c2', '#c2410c', '#fb923c', '#8f2d00', '#fdba74'],
  ['c3', '#6d28d9', '#c4b5fd', '#4c1d95', '#d8ccfe'],
  ['c4', '#0369a1', '#7dd3fc', '#004a7a', '#a5dcfd'],
  ['c5', '#b91c1c', '#fca5a5', '#8b0000', '#fecaca'],
  ['grid', '#e5e7eb', '#2b3037', '#c8c8c8', '#3a3a3a'],
];

/** Selector of each theme; later blocks win where both apply (projector dark is the most specific). */
export const THEME_SELECTOR: Record<Theme, string> = {
  light: ':root',
  dark: "html[data-theme='dark']",
  projectorLight: 'html[data-proyector]',
  projectorDark: "html[data-proyector][data-theme='dark']",
};

const ORDER: readonly Theme[] = ['light', 'dark', 'projectorLight', 'projectorDark'];

/** One theme as a map from '--name' to '#rrggbb'. */
export function themeColors(theme: Theme): Record<string, string> {
  const col = ORDER.indexOf(theme) + 1;
  return Object.fromEntries(PALETTE.map((row) => [`--${row[0]}`, row[col]!]));
}

/** The four blocks of custom properties, in cascade order, as one CSS string. */
export function paletteCss(): string {
  return ORDER.map((theme) => {
    const body = Object.entries(themeColors(theme)).map(([k, v]) => `${k}:${v}`).join(';');
    return `${THEME_SELECTOR[theme]}{${body}}`;
  }).join('\n');
}
