import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Every test bounds its own work (property runs, counted engine work); the timeout only turns a
    // hang into a failure. Vitest's 5 s default failed property tests on a loaded 2-core machine.
    testTimeout: 120_000,
  },
});
