import type { FormAnswer } from '@workestra/booking-core';
import { describe, expect, it } from 'vitest';
import { buildBookingIcs } from './booking-ics.js';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
} from './messages.js';
import { messageInput } from './test-support/fixtures.js';

const ANSWERS: FormAnswer[] = [
  { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme <Labs>' },
  { fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Pricing', 'Security'] },
  { fieldId: 'consent', label: 'I agree to be contacted', type: 'checkbox', value: true },
  {
    fieldId: 'brief',
    label: 'Brief',
    type: 'file',
    value: { uploadId: 'up_1', filename: 'deck.pdf', kind: 'pdf', size: 2_621_440 },
  },
];

const input = messageInput({ booking: { ...messageInput().booking, answers: ANSWERS } });

/** Pieces of the answers that must not leak anywhere but the host's notice. */
const SECRETS = ['Acme', 'Pricing', 'deck.pdf', 'I agree to be contacted'];

describe('pre-meeting answers in emails', () => {
  it('the host’s notice lists every answer, files by name and size', () => {
    const email = buildHostNoticeEmail(input);
    expect(email.text).toContain(
      [
        'Company: Acme <Labs>',
        'Topics: Pricing, Security',
        'I agree to be contacted: Yes',
        'Brief: deck.pdf (2.5 MB)',
      ].join('\n'),
    );
    expect(email.html).toContain('Acme &lt;Labs&gt;');
    expect(email.html).toContain('deck.pdf (2.5 MB)');
    expect(buildHostNoticeEmail(messageInput()).text).not.toContain('Company');
  });

  it('the .ics and the attendee’s emails never hold them', () => {
    const attendeeSide = [
      buildBookingIcs(input, 'REQUEST'),
      buildBookingIcs(input, 'CANCEL'),
      buildHostNoticeEmail(input).ics?.content ?? '',
      buildConfirmationEmail(input).text,
      buildConfirmationEmail(input).html,
      buildConfirmationEmail(input).ics?.content ?? '',
      buildReminderEmail(input).text,
      buildRescheduleEmail(input, 'attendee').text,
      buildCancellationEmail(input, 'attendee').text,
    ];
    for (const text of attendeeSide)
      for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
