// Shared by the benchmarks that time library code in headless Chromium: bundle TS modules with
// esbuild into one IIFE (global `globalName`), inject it into about:blank, run `measure` there and
// return its result; uncaught page errors fail the benchmark.
import { build } from 'esbuild';

/** `contents`: the entry's source (export lines, paths relative to the repository root). */
export async function bundleForPage(contents, globalName) {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, format: 'iife', globalName, write: false, target: 'es2022', logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Runs `measure` (a function serialized into the page) after injecting `code`; returns what it returns. */
export async function measureInPage(browser, code, measure) {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('about:blank');
    await page.addScriptTag({ content: code });
    const result = await page.evaluate(measure);
    if (errors.length) throw new Error(errors.join('\n'));
    return result;
  } finally {
    await ctx.close();
  }
}

/**
 * Records the page's longest main-thread task (Long Tasks API: only tasks over 50 ms are
 * reported, so 0 means none over 50 ms). Call before page.goto; read it with longestTask(page).
 */
export async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task (ms) seen since watchLongTasks. */
export const longestTask = (page) => page.evaluate(() => window.__longest);
