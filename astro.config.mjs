// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// Static site: everything (KaTeX fonts included) is bundled and served from our own origin.
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  integrations: [mdx()],
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
