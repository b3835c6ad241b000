// One lint setup for the whole repo. Dependency direction (docs/architecture.md) is enforced twice: here with
// no-restricted-imports per package, and by scripts/check-deps.mjs over package.json manifests.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noApps = {
  group: ['**/apps/**', '@workestra/server', '@workestra/web'],
  message: 'packages/ never import apps/ (docs/architecture.md).',
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/test-results/**',
      '.pack-smoke/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['apps/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps] }] },
  },
  {
    // slots is pure: its own files only (time zone data comes from the runtime's Intl).
    files: ['packages/slots/src/**/*.ts'],
    ignores: ['packages/slots/src/**/*.test.ts', 'packages/slots/src/test-utils.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              regex: '^(?!\\.{1,2}/).*',
              message: '@workestra/slots imports nothing but its own files (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // booking-core is written against ports: no DB driver, HTTP framework or vendor SDK.
    files: ['packages/booking-core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              regex:
                '^(better-sqlite3|pg|pg-.*|drizzle-orm.*|postgres|mysql2?|express|hono|fastify|koa|@hono/.*|googleapis|@googleapis/.*|google-auth-library|@microsoft/.*|nodemailer|ioredis|redis|@workestra/(store|calendar-providers|crm-bridge|notifications))(/.*)?$',
              message:
                '@workestra/booking-core imports no DB driver, HTTP framework, vendor SDK or adapter package (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // crm-bridge runs on node:crypto, node:http (its /testing receiver) and the global fetch;
    // booking-core is imported for types. Tests may use their test tools.
    files: ['packages/crm-bridge/src/**/*.ts'],
    ignores: ['packages/crm-bridge/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              regex: '^(?!node:|@workestra/booking-core$|\\.{1,2}/)',
              message:
                '@workestra/crm-bridge has no runtime dependencies beyond node: modules (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
);
