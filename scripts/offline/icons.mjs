// Renders the app icons (public/icons/*.png) from their SVG sources in our Chromium:
// `node scripts/offline/icons.mjs`. The PNGs are committed; run again after editing an SVG.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';

const jobs = [
  { svg: 'public/icons/icon.svg', png: 'public/icons/icon-192.png', size: 192 },
  { svg: 'public/icons/icon.svg', png: 'public/icons/icon-512.png', size: 512 },
  { svg: 'public/icons/icon-maskable.svg', png: 'public/icons/icon-maskable-512.png', size: 512 },
  { svg: 'public/icons/icon.svg', png: 'public/icons/apple-touch-icon.png', size: 180 },
];
const browser = await chromium.launch(launchOptions());
for (const j of jobs) {
  const page = await browser.newPage({ viewport: { width: j.size, height: j.size } });
  const svg = readFileSync(j.svg, 'utf8');
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${j.size}px;height:${j.size}px}</style>${svg}`);
  await page.locator('svg').screenshot({ path: j.png, omitBackground: true });
  await page.close();
  console.log(j.png);
}
await browser.close();
