import { BookingPage } from './booking-page';
import { BookingViewPage } from './booking-view-page';
import { CancelPage } from './cancel-page';
import { ReschedulePage } from './reschedule-page';
import { StatusPage } from './status-page';

/** Routes of the public bundle, by path: no client-side navigation between them. */
export function BookApp({ path }: { path: string }) {
  const parts = path.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  if (parts[0] === 'book') {
    if (parts[1] === 'reschedule' && parts[2] && parts.length === 3)
      return <ReschedulePage token={parts[2]} />;
    if (parts[1] === 'cancel' && parts[2] && parts.length === 3)
      return <CancelPage token={parts[2]} />;
    if (parts[1] === 'booking' && parts[2] && parts.length === 3)
      return <BookingViewPage token={parts[2]} />;
    if (parts[1] && parts.length === 2) return <BookingPage slug={parts[1]} />;
  }
  return (
    <StatusPage title="404 – Page not found">
      <p>There is no booking page at this address.</p>
    </StatusPage>
  );
}
