// ESLint (flat config): only the import boundaries of issue 10 — a widget imports widgets/lib/**
// and its own folder; widgets/lib/** never imports a widget (eslint-rules/widget-boundaries.js).
// Kept to that one rule on purpose: `npm run lint` is part of `npm test`.
import tseslint from 'typescript-eslint';
import widgetBoundaries from './eslint-rules/widget-boundaries.js';

export default [
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.astro/**', 'public/**'] },
  {
    files: ['widgets/**/*.ts', 'src/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { local: { rules: { 'widget-boundaries': widgetBoundaries } } },
    rules: { 'local/widget-boundaries': 'error' },
  },
];
