import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // `import.meta.url` in the CJS build (used to find the shipped migrations folder).
  shims: true,
  external: ['better-sqlite3', 'pg', 'drizzle-orm', '@workestra/booking-core'],
});
