import { StoreConflictError } from './errors.js';

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The driver errors in a cause chain: drizzle wraps them in `DrizzleQueryError`, raw calls do not. */
function* causeChain(error: unknown): Generator<DriverError> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    yield current as DriverError;
    current = (current as DriverError).cause;
  }
}

function conflictOf(e: DriverError): StoreConflictError | null {
  const message = typeof e.message === 'string' ? e.message : '';
  // better-sqlite3 SqliteError
  if (e.code === 'SQLITE_CONSTRAINT_TRIGGER' && message.startsWith('SLOT_TAKEN')) {
    return new StoreConflictError('SLOT_TAKEN', 'That time overlaps another confirmed booking of this host.', { cause: e });
  }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('booking_links.slug')) {
    return new StoreConflictError('SLUG_TAKEN', 'Another live link already uses this slug.', { cause: e });
  }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('host_credentials.email')) {
    return new StoreConflictError('EMAIL_TAKEN', 'Another host already uses this email.', { cause: e });
  }
  // node-postgres DatabaseError
  if (e.code === '23P01' && e.constraint === 'bookings_no_overlap') {
    return new StoreConflictError('SLOT_TAKEN', 'That time overlaps another confirmed booking of this host.', { cause: e });
  }
  if (e.code === '23505' && e.constraint === 'booking_links_live_slug_unique') {
    return new StoreConflictError('SLUG_TAKEN', 'Another live link already uses this slug.', { cause: e });
  }
  if (e.code === '23505' && e.constraint === 'host_credentials_email_unique') {
    return new StoreConflictError('EMAIL_TAKEN', 'Another host already uses this email.', { cause: e });
  }
  return null;
}

/** Turns a known constraint violation (either dialect, wrapped or not) into a {@link StoreConflictError}; anything else is returned as is. */
export function mapConstraintError(error: unknown): unknown {
  if (error instanceof StoreConflictError) return error;
  for (const e of causeChain(error)) {
    const conflict = conflictOf(e);
    if (conflict) return conflict;
  }
  return error;
}
