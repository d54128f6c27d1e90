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
