// What the host's booking details say of a follow-up (pure): retries and failures with their
// error, the attempt counted from the next one, and quiet for the rest.
import { describe, expect, it } from 'vitest';
import { followUpLine } from '../src/common/follow-ups';
import type { FollowUp } from '../src/common/types';

const job = (over: Partial<FollowUp>): FollowUp => ({
  id: 'job_1',
  kind: 'calendar.create',
  status: 'pending',
  attempts: 0,
  maxAttempts: 8,
  lastError: null,
  nextAttemptAt: '2026-11-04T09:05:00.000Z',
  updatedAt: '2026-11-04T09:00:00.000Z',
  ...over,
});
const when = (iso: string) => `<${iso}>`;

describe('followUpLine', () => {
  it('tells a retry with the next attempt, the error and the next try', () => {
    expect(followUpLine(job({ attempts: 1, lastError: 'HTTP 503' }), when)).toBe(
      'Calendar event: retrying after an error (attempt 2 of 8): HTTP 503; next try <2026-11-04T09:05:00.000Z>',
    );
  });

  it('tells a retry in progress and a failure with its error', () => {
    expect(
      followUpLine(
        job({ kind: 'crm.sync', status: 'running', attempts: 3, lastError: 'HTTP 429' }),
        when,
      ),
    ).toBe('CRM update: retrying now (attempt 3 of 8): HTTP 429');
    expect(
      followUpLine(
        job({ status: 'failed', attempts: 8, lastError: 'HTTP 500', nextAttemptAt: null }),
        when,
      ),
    ).toBe('Calendar event: failed after 8 attempts: HTTP 500');
  });

  it('says nothing of a follow-up that is done, cancelled, not yet tried or on its first try', () => {
    for (const f of [
      job({ status: 'done', attempts: 1, nextAttemptAt: null }),
      job({ status: 'cancelled', nextAttemptAt: null }),
      job({ kind: 'email.reminder' }),
      job({ status: 'running', attempts: 1, nextAttemptAt: null }),
    ])
      expect(followUpLine(f, when)).toBeNull();
  });

  it('shows an unknown kind as the server names it', () => {
    expect(followUpLine(job({ kind: 'sms.reminder', status: 'failed', attempts: 1 }), when)).toBe(
      'Sms.reminder: failed after 1 attempt',
    );
  });
});
