import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The embed loader (src/embed/main.ts) as one classic script, dist/embed.js, which customers'
// pages load with <script async>: no modules, no chunks, no CSS. Runs after the app's build, so
// it must not empty dist/ (nor copy a public folder into it).
export default defineConfig({
  publicDir: false,
  // Minified by esbuild, set to write ASCII only (escapes for anything else): the script then
  // reads the same whatever charset a customer's page decodes it with.
  esbuild: { charset: 'ascii' },
  build: {
    target: 'es2020',
    emptyOutDir: false,
    copyPublicDir: false,
    minify: 'esbuild',
    lib: {
      entry: fileURLToPath(new URL('./src/embed/main.ts', import.meta.url)),
      formats: ['iife'],
      // The IIFE's exports become `window.WorkestraEmbed` (`{ mount }`).
      name: 'WorkestraEmbed',
      fileName: () => 'embed.js',
    },
  },
});
