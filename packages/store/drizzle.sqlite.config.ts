import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate --config drizzle.sqlite.config.ts` after changing src/schema/sqlite.ts. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/sqlite.ts',
  out: './migrations/sqlite',
});
