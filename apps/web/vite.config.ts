import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { catalogs } from './scripts/catalog-plugin';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** In dev, `/book/*` gets book.html like the server does (Vite's fallback would give index.html). */
const bookPages = (): Plugin => ({
  name: 'workestra-book-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const [path, search] = (req.url ?? '').split('?');
      if (path?.startsWith('/book/')) req.url = `/book.html${search ? `?${search}` : ''}`;
      next();
    });
  },
});

// Two entries: the host app (index.html) and the public booking bundle (book.html), which the
// server serves for /book/*. They share only small modules, so the booking page stays light.
export default defineConfig({
  plugins: [catalogs(), preact(), bookPages()],
  build: {
    target: 'es2022',
    rollupOptions: {
      input: { index: page('./index.html'), book: page('./book.html') },
      // A language's catalog is a chunk of its own, fetched when chosen; check-size.mjs counts
      // the largest one, not all of them, against the page's budget.
      output: {
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/src/locales/')
            ? 'assets/locale-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
