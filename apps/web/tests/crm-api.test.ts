// How the /crm pages show a deal's value and split meetings into upcoming and past (pure helpers).
import { describe, expect, it } from 'vitest';
import { formatMoney, splitByStart, type CrmMeeting } from '../src/host/crm-api';

describe('formatMoney', () => {
  it('shows minor units as money, with the currency only when known', () => {
    expect(formatMoney(150_050, null, 'en-US')).toBe('1,500.50');
    expect(formatMoney(0, null, 'en-US')).toBe('0.00');
    expect(formatMoney(150_050, 'EUR', 'en-US')).toBe('€1,500.50');
    // A currency without minor units: the value is already whole yen.
    expect(formatMoney(1_500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(150_050, null, 'de-DE')).toBe('1.500,50');
  });
});

describe('splitByStart', () => {
  const at = (iso: string, status: CrmMeeting['status'] = 'scheduled') => ({
    id: iso,
    start: iso,
    end: iso,
    status,
    meetingUrl: null,
  });
  it('puts meetings from now on in upcoming (soonest first), earlier ones in past (latest first)', () => {
    const now = Date.parse('2026-11-04T10:00:00Z');
    const { upcoming, past } = splitByStart(
      [
        at('2026-11-05T10:00:00Z'),
        at('2026-11-01T10:00:00Z', 'no_show'),
        at('2026-11-04T10:00:00Z'),
        at('2026-11-03T10:00:00Z', 'cancelled'),
      ],
      now,
    );
    expect(upcoming.map((d) => d.id)).toEqual(['2026-11-04T10:00:00Z', '2026-11-05T10:00:00Z']);
    expect(past.map((d) => d.id)).toEqual(['2026-11-03T10:00:00Z', '2026-11-01T10:00:00Z']);
  });
});
