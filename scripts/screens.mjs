// Screenshots for looking at pages as readers do: desktop, phone (390 px) and projector
// (1920 px at 150 % zoom). Usage: node scripts/screens.mjs [baseUrl] [outDir] [path ...]
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { launchOptions } from './browser.mjs';

const [base = 'http://127.0.0.1:4321', out = '.screens', ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['/'];
mkdirSync(out, { recursive: true });
const views = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, scale: 1 },
  { name: 'phone', viewport: { width: 390, height: 844 }, scale: 2 },
  { name: 'projector', viewport: { width: 1280, height: 720 }, scale: 1.5 },
];
const browser = await chromium.launch(launchOptions());
for (const v of views) {
  for (const theme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: v.viewport, deviceScaleFactor: v.scale, colorScheme: theme });
    const page = await ctx.newPage();
    for (const p of pages) {
      await page.goto(base + p, { waitUntil: 'networkidle' });
      if (process.env.SCROLL) {
        // Step down the page so every widget comes near the viewport and upgrades.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += Math.floor(window.innerHeight * 0.8)) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 120));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForTimeout(1000);
      }
      const file = `${out}/${p.replace(/[^a-z0-9]+/gi, '_')}-${v.name}-${theme}.png`;
      await page.screenshot({ path: file, fullPage: !!process.env.FULL });
      console.log(file);
    }
    await ctx.close();
  }
}
await browser.close();
if (!existsSync(out)) process.exit(1);
