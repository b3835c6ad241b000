import type { HostBooking } from '../common/types';
import { answerText, formatBytes, type BookingAnswer } from '../common/form-fields';

/**
 * The attendee's answers to the pre-meeting form under a disclosure: "label: value", a file as a
 * download link with its name and size.
 *
 * @example
 * <Answers booking={b} />
 */
export function Answers({ booking }: { booking: HostBooking }) {
  const answers: BookingAnswer[] = booking.answers ?? [];
  if (answers.length === 0) return null;
  return (
    <details class="answers" data-testid="answers">
      <summary>
        Answers<span class="visually-hidden"> of {booking.attendeeName}</span> ({answers.length})
      </summary>
      <dl>
        {answers.map((a) => {
          const v = a.value;
          return (
            <div key={a.fieldId} data-field-id={a.fieldId}>
              <dt>{a.label}</dt>
              <dd>
                {typeof v === 'object' && !Array.isArray(v) ? (
                  <a
                    href={`/api/host/bookings/${encodeURIComponent(booking.id)}/files/${encodeURIComponent(v.uploadId)}`}
                    download={v.filename}
                  >
                    {v.filename}
                  </a>
                ) : (
                  answerText(a) || <span class="muted">—</span>
                )}
                {typeof v === 'object' && !Array.isArray(v) && (
                  <span class="muted"> ({formatBytes(v.size)})</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
