import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Provides `pgAdminUrl`: TEST_DATABASE_URL, or a throwaway embedded PostgreSQL server.
    globalSetup: ['./src/test-support/postgres-server.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
