// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { offlineWorker } from './scripts/offline/integration.mjs';

/**
 * Site search: once the static pages are written, Pagefind indexes them (only the lesson
 * articles carry `data-pagefind-body`; widget UI, tables of contents and lesson footers carry
 * `data-pagefind-ignore`) and writes the index to <outDir>/pagefind/, so `--outDir dist-x`
 * gets its own index. The binary comes from npm (@pagefind/linux-x64 & co.), nothing is
 * downloaded. Language (Spanish stemming) comes from <html lang="es">.
 */
/** @returns {import('astro').AstroIntegration} */
function pagefindIndex() {
  return {
    name: 'pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { createIndex, close } = await import('pagefind');
        const t0 = performance.now();
        const outDir = fileURLToPath(dir);
        try {
          // KaTeX prints each formula twice (MathML + HTML) plus its TeX source: noise in
          // excerpts, so formulas stay out of the index.
          const { index, errors } = await createIndex({ excludeSelectors: ['.katex'] });
          if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
          const s = ((performance.now() - t0) / 1000).toFixed(1);
          logger.info(`${added.page_count} páginas indexadas para la búsqueda en ${s} s`);
        } finally {
          await close();
        }
      },
    },
  };
}

// Static site: everything (KaTeX fonts included) is bundled and served from our own origin.
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  // offlineWorker runs after pagefindIndex (hooks run in this order), so the index is precached.
  integrations: [mdx(), pagefindIndex(), offlineWorker()],
  markdown: {
    // Code blocks stay plain text styled by prose.css (Shiki's fixed colours failed contrast in
    // the light theme).
    syntaxHighlight: false,
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' }]],
    }),
  },
  server: { port: 4321, host: '127.0.0.1' },
  devToolbar: { enabled: false },
});
