import type { HostBooking } from '../common/types';

/**
 * The link a meeting was booked on, as the host knows it: its title, "(deleted)" once the link is
 * gone; "Deleted link" only for an old server that sent no title.
 *
 * @example
 * <td>{linkName(b)}</td>
 */
export function linkName(b: HostBooking) {
  if (b.linkTitle === null) return <span class="muted">Deleted link</span>;
  if (!b.linkDeleted) return <>{b.linkTitle}</>;
  return (
    <>
      {b.linkTitle} <span class="muted">(deleted)</span>
    </>
  );
}
