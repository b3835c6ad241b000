import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/*
 * An application can load a package's ESM build (through `import`) and its CJS build (through a
 * dependency's `require`) in one process; each build has its own error classes, so `instanceof`
 * fails across them. These load both builds of each package from its `dist` and check that the
 * exported guards recognise an error made by the other build.
 */

const require = createRequire(import.meta.url);

type Guard = (error: unknown, code?: string) => boolean;

interface Case {
  readonly pkg: string;
  readonly entry?: string;
  readonly error: string;
  readonly guard: string;
  readonly make: (Error: new (...args: never[]) => Error) => Error;
  readonly code: string;
  readonly otherCode: string;
}

const CASES: readonly Case[] = [
  {
    pkg: '@workestra/booking-core',
    error: 'BookingError',
    guard: 'isBookingError',
    make: (E) => new (E as unknown as new (code: string) => Error)('SLOT_TAKEN'),
    code: 'SLOT_TAKEN',
    otherCode: 'NOT_FOUND',
  },
  {
    pkg: '@workestra/booking-core',
    error: 'StoreConflictError',
    guard: 'isStoreConflictError',
    make: (E) => new (E as unknown as new (constraint: string) => Error)('slug'),
    code: 'slug',
    otherCode: 'booking_overlap',
  },
  {
    pkg: '@workestra/booking-core',
    error: 'FollowUpError',
    guard: 'isFollowUpError',
    make: (E) => new (E as unknown as new (code: string, m: string) => Error)('BAD_PAYLOAD', 'x'),
    code: 'BAD_PAYLOAD',
    otherCode: 'DEAL_NOT_FOUND',
  },
  {
    pkg: '@workestra/booking-core',
    entry: '/http',
    error: 'BodyError',
    guard: 'isBodyError',
    make: (E) => new (E as unknown as new (code: string, m: string) => Error)('INVALID_JSON', 'x'),
    code: 'INVALID_JSON',
    otherCode: 'PAYLOAD_TOO_LARGE',
  },
  {
    pkg: '@workestra/slots',
    error: 'SlotsError',
    guard: 'isSlotsError',
    make: (E) =>
      new (E as unknown as new (code: string, f: string, m: string) => Error)(
        'INVALID_RANGE',
        'to',
        'x',
      ),
    code: 'INVALID_RANGE',
    otherCode: 'INVALID_DATE',
  },
  {
    pkg: '@workestra/notifications',
    error: 'NotificationError',
    guard: 'isNotificationError',
    make: (E) =>
      new (E as unknown as new (code: string, m: string) => Error)('TRANSPORT_REJECTED', 'x'),
    code: 'TRANSPORT_REJECTED',
    otherCode: 'OUTCOME_UNKNOWN',
  },
  {
    pkg: '@workestra/store',
    error: 'StoreError',
    guard: 'isStoreError',
    make: (E) => new (E as unknown as new (code: string, m: string) => Error)('DATABASE_BUSY', 'x'),
    code: 'DATABASE_BUSY',
    otherCode: 'EMAIL_TAKEN',
  },
];

describe('error guards across the ESM and CJS builds', () => {
  for (const c of CASES) {
    it(`${c.guard} (${c.pkg}${c.entry ?? ''}) recognises a ${c.error} of the other build`, async () => {
      const spec = `${c.pkg}${c.entry ?? ''}`;
      const esm = (await import(spec)) as Record<string, unknown>;
      const cjs = require(spec) as Record<string, unknown>;
      const EsmError = esm[c.error] as new (...args: never[]) => Error;
      const CjsError = cjs[c.error] as new (...args: never[]) => Error;
      // Two builds really are loaded: their classes differ and instanceof fails across them.
      expect(EsmError).not.toBe(CjsError);
      const fromEsm = c.make(EsmError);
      const fromCjs = c.make(CjsError);
      expect(fromEsm instanceof CjsError).toBe(false);

      const esmGuard = esm[c.guard] as Guard;
      const cjsGuard = cjs[c.guard] as Guard;
      for (const [guard, error] of [
        [cjsGuard, fromEsm],
        [esmGuard, fromCjs],
      ] as const) {
        expect(guard(error)).toBe(true);
        expect(guard(error, c.code)).toBe(true);
        expect(guard(error, c.otherCode)).toBe(false);
        // A look-alike without the brand is not one.
        expect(guard(Object.assign(new Error('x'), { name: c.error, code: c.code }))).toBe(false);
      }
    });
  }
});
