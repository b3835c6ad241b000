import { defineConfig } from 'vitest/config';
import { catalogs } from './scripts/catalog-plugin';

// Browser tests: real server (apps/server/dist) + Debian Chromium through playwright-core.
// Separate from vite.config.ts so the Preact plugin and entries do not load here; the catalog
// plugin does, because modules the tests import (form-fields.ts, api.ts) say things through
// i18n.ts, which imports the compiled English catalog.
export default defineConfig({
  plugins: [catalogs()],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
