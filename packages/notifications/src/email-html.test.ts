import { describe, expect, it } from 'vitest';
import { FOOTER_COLOR } from './compose.js';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
} from './messages.js';
import { messageInput } from './test-support/fixtures.js';

/** WCAG relative luminance of a `#rgb` / `#rrggbb` colour. */
function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of a text colour on white (the emails set no background). */
const onWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05);

const input = messageInput({
  selfService: { rescheduleUrl: 'https://w.test/r/x', cancelUrl: 'https://w.test/c/x' },
  bookingPageUrl: 'https://w.test/book/intro',
  dashboardUrl: 'https://w.test/calendar',
  previous: { start: 0, end: 1_800_000 },
});

const EMAILS = {
  confirmation: buildConfirmationEmail(input),
  hostNotice: buildHostNoticeEmail(input),
  reminder: buildReminderEmail(input),
  reschedule: buildRescheduleEmail(input, 'attendee'),
  cancellation: buildCancellationEmail(input, 'host'),
};

describe('email HTML', () => {
  it.each(Object.entries(EMAILS))('%s names its language and has a title', (_, email) => {
    expect(email.html).toMatch(/^<!doctype html><html lang="en"><head>/);
    const title = /<title>([^<]+)<\/title>/.exec(email.html)?.[1];
    const heading = /<h1[^>]*>([^<]+)<\/h1>/.exec(email.html)?.[1];
    expect(title).toBeTruthy();
    expect(title).toBe(heading);
  });

  it.each(Object.entries(EMAILS))('%s puts its content in one main landmark', (_, email) => {
    expect(email.html.match(/<main>/g)).toHaveLength(1);
    expect(email.html).toMatch(/<body[^>]*><main><h1[^>]*>.*<\/main><\/body><\/html>$/);
  });

  it.each(Object.entries(EMAILS))(
    '%s uses only text colours with at least 4.5:1 contrast',
    (_, email) => {
      const colours = [...email.html.matchAll(/(?:^|[;"])color:(#[0-9a-f]{3,6})/gi)].map(
        (m) => m[1]!,
      );
      expect(colours.length).toBeGreaterThan(1);
      for (const colour of colours) expect(onWhite(colour)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('puts the footer in the checked colour (the old #777 was 4.48:1)', () => {
    expect(EMAILS.confirmation.html).toContain(`color:${FOOTER_COLOR};font-size:13px`);
    expect(onWhite('#777')).toBeLessThan(4.5);
  });
});
