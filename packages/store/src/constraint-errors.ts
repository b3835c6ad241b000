import { isStoreConflictError, StoreConflictError } from '@workestra/booking-core';
import { isStoreError, StoreError } from './errors.js';

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The errors in a cause chain: drizzle wraps driver errors in `DrizzleQueryError`, raw calls do not. */
function* causeChain(error: unknown): Generator<DriverError> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    yield current as DriverError;
    current = (current as DriverError).cause;
  }
}

type Known = 'booking_overlap' | 'slug' | 'email' | 'duplicate';

/**
 * Which rule a driver error broke. better-sqlite3: `SqliteError.code` plus the message (the
 * trigger's RAISE text, or `UNIQUE constraint failed: table.column`). node-postgres:
 * `DatabaseError.code` (23P01 exclusion, 23505 unique) plus `constraint`.
 */
function classify(e: DriverError): Known | null {
  const message = typeof e.message === 'string' ? e.message : '';
  switch (e.code) {
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return message.startsWith('SLOT_TAKEN') ? 'booking_overlap' : null;
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      if (message.includes('booking_links.slug')) return 'slug';
      if (message.includes('host_credentials.email')) return 'email';
      return 'duplicate';
    case '23P01':
      return e.constraint === 'bookings_no_overlap' ? 'booking_overlap' : null;
    case '23505':
      if (e.constraint === 'booking_links_live_slug_unique') return 'slug';
      if (e.constraint === 'host_credentials_email_unique') return 'email';
      return 'duplicate';
    default:
      return null;
  }
}

/**
 * Turns a known constraint violation (either dialect, wrapped or not) into booking-core's
 * `StoreConflictError` (or `StoreError('EMAIL_TAKEN')`); anything else is returned unchanged.
 * Deliberately not mapped: PostgreSQL 22003 (numeric value out of range). Every numeric column is
 * sized for what booking-core's schemas accept (migrations.test.ts pins the int4 ones), so a 22003
 * is a schema bug to surface as a server error, not a client's invalid input.
 */
export function mapConstraintError(error: unknown): unknown {
  if (isStoreConflictError(error) || isStoreError(error)) return error;
  for (const e of causeChain(error)) {
    const known = classify(e);
    if (known === 'email')
      return new StoreError('EMAIL_TAKEN', 'Another host already uses this email.', {
        cause: error,
      });
    if (known) return new StoreConflictError(known, { cause: error });
  }
  return error;
}
