import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/browser.mjs';

// E2E_PORT / E2E_DIST let several builds be tested side by side (default: dist/ on 4322).
const PORT = Number(process.env.E2E_PORT ?? 4322);
const DIST = process.env.E2E_DIST ?? 'dist';

// Browser tests run against the built site (`npm run build` first), served by astro preview.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: launchOptions(),
    viewport: { width: 1280, height: 900 },
    locale: 'es-ES',
  },
  webServer: {
    command: `npx astro preview --port ${PORT} --host 127.0.0.1 --outDir ${DIST} --ignore-lock`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
