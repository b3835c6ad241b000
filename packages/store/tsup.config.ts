import { defineConfig } from 'tsup';

export default defineConfig({
  // The root (`openStore`, which imports a dialect's code on demand) and one entry per driver.
  entry: ['src/index.ts', 'src/sqlite.ts', 'src/postgres.ts'],
  format: ['esm', 'cjs'],
  // Shared modules (StoreError, the dialect code `openStore` imports) become chunks in both
  // formats, so every entry uses the same classes and the root's `import()` loads a chunk.
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // `import.meta.url` in the CJS build (used to find the shipped migrations folder).
  shims: true,
  external: ['better-sqlite3', 'pg', 'drizzle-orm', '@workestra/booking-core'],
});
