import { readFile } from 'node:fs/promises';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';

/** The query that asks for a catalog compiled for the page: `import en from './en.json?catalog'`. */
export const CATALOG_QUERY = '?catalog';

/**
 * Compiles the message catalogs (`src/locales/<language>.json`: id → ICU MessageFormat) at build
 * time, so the page ships Lingui's compiled form and never an ICU parser. A message that does not
 * parse fails the build with its id.
 */
export function catalogs(): Plugin {
  return {
    name: 'workestra-catalogs',
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith(`.json${CATALOG_QUERY}`)) return null;
      const file = id.slice(0, -CATALOG_QUERY.length);
      const source = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
      const compiled: Record<string, unknown> = {};
      for (const [key, message] of Object.entries(source)) {
        try {
          compiled[key] = compileMessageOrThrow(message);
        } catch (err) {
          throw new Error(`${file}: message "${key}" does not parse: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      return { code: `export default ${JSON.stringify(compiled)};`, map: null };
    },
  };
}
