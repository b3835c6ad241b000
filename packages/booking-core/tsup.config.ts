import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // `slugify`, `limits`, `embed` and `locales` are entries of their own so a browser bundle can take the slug rule
    // and the link limits without Node built-ins or zod; `http` keeps the HTTP helpers out of the
    // main entry.
    entry: [
      'src/index.ts',
      'src/slugify.ts',
      'src/limits.ts',
      'src/embed.ts',
      'src/locales.ts',
      'src/http.ts',
    ],
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
