import { describe, expect, it } from 'vitest';
import { isBookingError } from './errors.js';
import { MAX_LOCALE_TAG_LENGTH } from './locales.js';
import {
  bookInputSchema,
  cancelInputSchema,
  createLinkInputSchema,
  rescheduleInputSchema,
} from './schemas.js';
import { parseInput } from './validation.js';

/** The `{ path, message }` issues a refused input carries (empty when it parses). */
function issuesOf(schema: Parameters<typeof parseInput>[0], input: unknown): unknown[] {
  try {
    parseInput(schema, input);
    return [];
  } catch (error) {
    if (!isBookingError(error, 'VALIDATION_FAILED')) throw error;
    return [...(error.details as unknown[])];
  }
}

const booking = {
  slug: 'intro',
  start: '2026-11-02T09:00:00Z',
  name: 'Ada',
  email: 'ada@example.com',
  timeZone: 'Europe/London',
};

describe('messages a person can read', () => {
  it('asks for the name and a valid email on the booking form, at the same paths', () => {
    expect(issuesOf(bookInputSchema, { ...booking, name: '   ', email: 'ada@' })).toEqual([
      { path: 'name', message: 'Enter your name' },
      { path: 'email', message: 'Enter a valid email address' },
    ]);
  });

  it('names the limit of a text field in words', () => {
    expect(issuesOf(bookInputSchema, { ...booking, name: 'a'.repeat(201) })).toEqual([
      { path: 'name', message: 'At most 200 characters' },
    ]);
    expect(issuesOf(cancelInputSchema, { token: 't', reason: 'a'.repeat(1001) })).toEqual([
      { path: 'reason', message: 'At most 1000 characters' },
    ]);
  });

  it('refuses a line break in a name, and answers that are not an object', () => {
    expect(issuesOf(bookInputSchema, { ...booking, name: 'Ada\u0000' })).toEqual([
      { path: 'name', message: 'Use a single line without control characters' },
    ]);
    expect(issuesOf(bookInputSchema, { ...booking, answers: 'yes' })).toEqual([
      { path: 'answers', message: 'Send the answers as an object of field ids' },
    ]);
  });

  it('asks for a language tag and one of the clocks, on booking and on reschedule', () => {
    const tagMessage = `Use a language tag such as "de" or "en-GB" (at most ${MAX_LOCALE_TAG_LENGTH} characters)`;
    expect(
      issuesOf(bookInputSchema, { ...booking, locale: 'not a tag!', hourCycle: 'h24' }),
    ).toEqual([
      { path: 'locale', message: tagMessage },
      { path: 'hourCycle', message: 'Choose the clock: "h12" or "h23"' },
    ]);
    // A valid tag, but longer than a booking keeps.
    const tooLong = 'de-CH-u-ca-gregory-hc-h23-nu-latn-co-phonebk';
    expect(tooLong.length).toBeGreaterThan(MAX_LOCALE_TAG_LENGTH);
    const move = { token: 't', start: '2026-11-03T09:00:00Z' };
    expect(issuesOf(rescheduleInputSchema, { ...move, locale: tooLong })).toEqual([
      { path: 'locale', message: tagMessage },
    ]);
    expect(issuesOf(rescheduleInputSchema, { ...move, locale: 7 })).toEqual([
      { path: 'locale', message: 'Send the language as text, such as "de" or "en-GB"' },
    ]);
    expect(
      parseInput(bookInputSchema, { ...booking, locale: 'EN-gb', hourCycle: 'h12' }),
    ).toMatchObject({ locale: 'en-GB', hourCycle: 'h12' });
    expect(parseInput(rescheduleInputSchema, move)).not.toHaveProperty('locale');
  });

  it('asks for a title on the link form', () => {
    const issues = issuesOf(createLinkInputSchema, { title: '' }) as { path: string }[];
    expect(issues.find((i) => i.path === 'title')).toEqual({
      path: 'title',
      message: 'Enter a title',
    });
  });
});
