import { expect, scrollThrough, test } from './fixtures';
import { lessonPaths } from './pages';

// Projector mode lays every chart out for its large font (widgets/lib/widget/projector-plot,
// chart-font chartScale). This audit opens every lesson at 1280 × 720, in projector mode and in
// the normal one, lets every widget mount, and lists each pair of SVG labels of the same chart
// whose boxes overlap by more than 2 × 2 px: two labels printed on top of each other cannot be
// read, least of all from the back of a room. Expected: none.

/** «widget-id: «a» × «b» (w×h px)» for every overlapping pair of <text> boxes inside one <svg>. */
async function overlappingLabels(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const fig of document.querySelectorAll<HTMLElement>('figure[data-widget]')) {
      for (const svg of fig.querySelectorAll('svg')) {
        const boxes = [...svg.querySelectorAll('text')]
          .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).visibility !== 'hidden' && getComputedStyle(t).display !== 'none')
          .map((t) => ({ text: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() }))
          .filter((b) => b.r.width > 0 && b.r.height > 0);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!.r;
            const b = boxes[j]!.r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 2 && h > 2) out.push(`${fig.id}: «${boxes[i]!.text}» × «${boxes[j]!.text}» (${w.toFixed(0)}×${h.toFixed(0)} px)`);
          }
        }
      }
    }
    return out;
  });
}

test.use({ viewport: { width: 1280, height: 720 } });

for (const path of lessonPaths()) {
  for (const on of [true, false]) {
    test(`${on ? 'modo proyector' : 'modo normal'}: ninguna etiqueta de gráfica pisa a otra en ${path}`, async ({ page }) => {
      await page.goto(`${path}?proyector=${on ? 1 : 0}`);
      if (on) await expect(page.locator('html')).toHaveAttribute('data-proyector', '');
      else await expect(page.locator('html')).not.toHaveAttribute('data-proyector');
      await scrollThrough(page);
      expect(await overlappingLabels(page)).toEqual([]);
    });
  }
}
