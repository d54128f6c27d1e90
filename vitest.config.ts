import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Limits far above an idle machine's needs (a g++ build or a model trained in a beforeAll takes
    // seconds idle), so load alone on a 2-core CI machine cannot fail a test: no clock in the gate.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
