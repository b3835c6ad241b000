import { defineConfig } from 'vitest/config';

// Browser tests: real server (apps/server/dist) + Debian Chromium through playwright-core.
// Separate from vite.config.ts so the Preact plugin and entries do not load here.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
