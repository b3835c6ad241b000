import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate --config drizzle.pg.config.ts` after changing src/schema/pg.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/pg.ts',
  out: './migrations/pg',
});
