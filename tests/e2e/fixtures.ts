import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every browser test gets a page that records console errors, uncaught exceptions and any
 * request to another origin; the test fails at the end if any happened. Requests to other
 * origins are also aborted, so nothing ever leaves the machine.
 */
export interface Watch {
  errors: string[];
  foreign: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4322').origin;
      const watch: Watch = { errors: [], foreign: [] };
      page.on('console', (m) => {
        if (m.type() === 'error') watch.errors.push(m.text());
      });
      page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith(origin)) return route.continue();
        watch.foreign.push(url);
        return route.abort();
      });
      await use(watch);
      expect(watch.foreign, 'requests to another origin').toEqual([]);
      expect(watch.errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Scrolls through the whole page so every widget comes near the viewport, then back up. */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
    for (let y = 0; y < document.body.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
}

/** Waits until the widget figure with this id is upgraded and returns its root element. */
export async function widget(page: Page, id: string) {
  const fig = page.locator(`figure#${id}`);
  await fig.scrollIntoViewIfNeeded();
  await expect(fig).toHaveAttribute('data-state', 'ready');
  return fig;
}
