import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // `slugify` is its own entry so a browser bundle can take the slug rule without Node built-ins.
    entry: ['src/index.ts', 'src/slugify.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
  },
  {
    // The contract suite imports vitest, which is ESM-only: so is this subpath.
    entry: ['src/testing.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    external: ['vitest'],
  },
]);
