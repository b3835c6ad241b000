import { makeBooking, makeHost, makeLink } from '@workestra/booking-core/testing';
import { describe, expect, it } from 'vitest';
import { hostBookingSchema, linkSchema, publicLinkSchema } from './api-schemas.js';
import { hostBookingJson, linkJson, publicLinkJson } from './serialize.js';

const host = makeHost();
const link = makeLink(host);
const booking = makeBooking(link);
const view = {
  slug: 'team',
  title: 'Team',
  description: null,
  durationMinutes: 30,
  hostName: 'Ana',
  hostTimeZone: 'UTC',
  maxDaysAhead: 30,
  minNoticeHours: 0,
  kind: 'solo' as const,
  members: [],
  formFields: [],
};

describe('team fields in the JSON mappers', () => {
  it('answers a link with its kind and members', () => {
    const member = {
      hostId: host.id,
      weight: 2,
      calendarProvider: 'google' as const,
      timeZone: 'Europe/Berlin',
      weeklyHours: null,
    };
    const json = linkJson({ ...link, kind: 'round_robin', members: [member] }, 'http://x.test');
    expect(linkSchema.parse(json)).toMatchObject({ kind: 'round_robin', members: [member] });
  });

  it("passes a public view's kind and member names through, names only", () => {
    expect(publicLinkJson(view)).toMatchObject({ kind: 'solo', members: [] });
    const team = {
      ...view,
      kind: 'collective' as const,
      members: [{ name: 'Ana', hostId: 'secret' }, { name: 'Bea' }],
    };
    const json = publicLinkSchema.parse(publicLinkJson(team));
    expect(json).toMatchObject({ kind: 'collective', members: [{ name: 'Ana' }, { name: 'Bea' }] });
    expect(JSON.stringify(json)).not.toContain('secret');
  });

  it('names the booked host and co-hosts of a host booking', () => {
    const people = {
      host: { id: 'h1', name: 'Ana', email: 'ana@example.com', timeZone: 'UTC' },
      coHosts: [{ id: 'h2', name: 'Bea', email: 'bea@example.com' }],
    };
    const json = hostBookingSchema.parse(hostBookingJson(booking, null, [], people));
    expect(json.host).toEqual({ id: 'h1', name: 'Ana', email: 'ana@example.com' });
    expect(json.coHosts).toEqual([{ id: 'h2', name: 'Bea', email: 'bea@example.com' }]);
    expect(hostBookingJson(booking, null, [], { host: null, coHosts: [] })).toMatchObject({
      host: null,
      coHosts: [],
    });
  });
});
