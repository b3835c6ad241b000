// How the /crm pages show a deal's value, split meetings into upcoming and past, and pick the
// default link of "Schedule a call" (pure helpers).
import { describe, expect, it } from 'vitest';
import { defaultLinkId, formatMoney, splitByStart, type CrmMeeting } from '../src/host/crm-api';

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

describe('defaultLinkId', () => {
  const links = [
    { id: 'off', active: false },
    { id: 'a', active: true },
    { id: 'b', active: true },
  ];
  it('is the link that made the deal while it is active, else the first active one', () => {
    expect(defaultLinkId(links, 'b')).toBe('b');
    expect(defaultLinkId(links, 'off')).toBe('a');
    expect(defaultLinkId(links, null)).toBe('a');
    expect(defaultLinkId([{ id: 'off', active: false }], null)).toBeNull();
  });
});
