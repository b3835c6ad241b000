import { defineConfig } from 'tsup';

export default defineConfig({
  // `testing` holds the local receiver (a plain node:http server), kept out of the main entry.
  entry: ['src/index.ts', 'src/testing.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
