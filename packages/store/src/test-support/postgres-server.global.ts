// PostgreSQL for this package's tests: TEST_DATABASE_URL or a throwaway embedded server.
export { default } from '../../../../tooling/vitest-postgres.global.js';
