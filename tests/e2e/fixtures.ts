import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type FileChooser, type Locator, type Page } from '@playwright/test';

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
  // The built site registers a service worker that precaches every page (≈ 8 MB) at the first
  // visit: blocked here so each test's fresh context does not download the whole course
  // (page.route, used below, does not see requests a worker answers either).
  // offline.spec.ts turns it back on with test.use({ serviceWorkers: 'allow' }).
  serviceWorkers: 'block',
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

/**
 * Brings every widget figure of the page near the viewport, in page order, and waits until each
 * one is upgraded (`data-state="ready"`), then scrolls back to the top. No sleeps: each step
 * waits for the figure's own state.
 */
export async function scrollThrough(page: Page): Promise<void> {
  const figs = page.locator('figure[data-widget]');
  const n = await figs.count();
  for (let i = 0; i < n; i++) {
    const fig = figs.nth(i);
    await fig.scrollIntoViewIfNeeded();
    const id = await fig.getAttribute('id');
    // Settled one way or the other, then it must be the good way (a failed widget fails at once).
    await expect(fig, `widget ${id}`).toHaveAttribute('data-state', /^(ready|error)$/);
    expect(await fig.getAttribute('data-state'), `widget ${id}`).toBe('ready');
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Lesson text blocks carry `content-visibility: auto` (src/styles/prose.css): off screen, the
 * browser skips their layout, so their innerText is empty and their colours are not computed.
 * Checks that read the whole lesson as painted (innerText, axe's contrast) call this first: every
 * block is laid out as if on screen. Inline style through the CSSOM, which the page's CSP allows.
 */
export async function renderEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.prose > *')) el.style.contentVisibility = 'visible';
  });
}

/**
 * Runs axe on the page (or only inside the `include` selectors) and returns one line per
 * violation («rule: first targets»), [] when there is none.
 *
 * Every rule runs on every node, as with a plain `new AxeBuilder({ page }).analyze()`, and the
 * violations found are the same (checked once with planted ones); two options only cut the
 * bookkeeping around the audit, which was more than half of each call on the KaTeX-heavy
 * lessons (≈ 8–10 s → ≈ 3–4.5 s per call on 2 cores; the audit itself is ≈ 2.5 s there):
 * - legacy mode runs `axe.run` in the page instead of `runPartial` + `finishRun` in a second,
 *   blank page (that path exists for cross-origin iframes; the site has no iframes);
 * - `resultTypes: ['violations']` keeps every violating node but stops axe from building a
 *   selector and an HTML snippet for each of the thousands of nodes that pass.
 * Every lesson block is laid out first (renderEverything), so skipped text is audited too.
 */
export async function axeViolations(page: Page, include: string[] = []): Promise<string[]> {
  await renderEverything(page);
  let builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  for (const sel of include) builder = builder.include(sel);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/**
 * Stops the page's clock where it is (call `page.clock.install()` before `page.goto`): from
 * here on, timers and animation frames only run through `page.clock.runFor(ms)`, so a test can
 * say «900 ms later the player is one step further» without waiting for it. The jump to the
 * pause point (10 s ahead, so it is never in the past) fires each pending timer once.
 */
export async function freezeClock(page: Page): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 10_000);
}

/** Waits until the widget figure with this id is upgraded and returns its root element. */
export async function widget(page: Page, id: string, { keepVeil = false } = {}) {
  const fig = page.locator(`figure#${id}`);
  await fig.scrollIntoViewIfNeeded();
  await expect(fig).toHaveAttribute('data-state', 'ready');
  // A <Predice> before the widget veils it until a bet; widget tests open it with «Ver sin
  // apostar» (tests/e2e/predice.spec.ts tests the veil itself with keepVeil).
  if (!keepVeil && (await fig.getAttribute('data-predice-veiled')) !== null) {
    await page.locator(`aside[data-predice][data-target="${id}"]`).getByRole('button', { name: 'Ver sin apostar' }).click();
    await expect(fig).not.toHaveAttribute('data-predice-veiled');
  }
  return fig;
}

/**
 * Picks files the way a student does: clicks the widget's Spanish button (lib/widget/files.ts),
 * which must open the browser's file chooser, and answers it with `files`.
 */
export async function chooseFiles(page: Page, button: Locator, files: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(files);
}
