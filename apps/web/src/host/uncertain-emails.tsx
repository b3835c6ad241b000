import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { followUpLabel } from '../common/follow-ups';
import { formatDateTime } from '../common/time';
import type { UncertainEmail } from '../common/types';

/**
 * The host's booking emails whose delivery is undecided (the mail server connection broke off
 * mid-send, or the server stopped while sending): listed so the host can check with the
 * attendee, never silently lost. Renders nothing when there are none.
 */
export function UncertainEmails({ zone }: { zone: string }) {
  const [emails, setEmails] = useState<UncertainEmail[]>([]);
  useEffect(() => {
    api<{ emails: UncertainEmail[] }>('GET', '/api/host/uncertain-emails')
      .then((answer) => setEmails(answer.emails))
      .catch(() => setEmails([]));
  }, []);
  if (emails.length === 0) return null;
  return (
    <section class="notice" aria-labelledby="uncertain-heading">
      <h2 id="uncertain-heading">
        {emails.length === 1
          ? 'One email may not have been delivered'
          : `${emails.length} emails may not have been delivered`}
      </h2>
      <p class="muted">
        Sending broke off before the mail server confirmed them, so they are not sent again
        automatically. Check with the recipient.
      </p>
      <ul>
        {emails.map((e) => (
          <li key={e.messageId}>
            {followUpLabel(e.kind)} to {e.recipient}, {formatDateTime(e.since, zone)}{' '}
            <span class="muted">(Message-ID {e.messageId})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
