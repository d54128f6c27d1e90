/** WCAG 2 contrast for text drawn on computed colours (heatmap cells, bars). Pure. */

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
export function luminance(r: number, g: number, b: number): number {
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** (L1 + 0.05) / (L2 + 0.05) with the lighter on top: 1 (same) to 21 (black on white). */
export const contrastRatio = (l1: number, l2: number): number => (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);

/** Black or white, whichever reads better on a background of these channels. */
export function textOn(r: number, g: number, b: number): '#000000' | '#ffffff' {
  const l = luminance(r, g, b);
  return contrastRatio(l, 0) >= contrastRatio(l, 1) ? '#000000' : '#ffffff';
}
