import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../common/api';
import type { TokenInfo } from '../common/types';
import { CALENDAR_UNAVAILABLE_MESSAGE } from './slot-picker';
import { StatusPage } from './status-page';

type TokenState =
  { kind: 'loading' } | { kind: 'ready'; data: TokenInfo } | { kind: 'error'; error: unknown };

/** Loads GET /api/public/tokens/:token for a purpose. */
export function useTokenInfo(token: string, purpose: 'reschedule' | 'cancel'): TokenState {
  const [state, setState] = useState<TokenState>({ kind: 'loading' });
  useEffect(() => {
    api<TokenInfo>('GET', `/api/public/tokens/${encodeURIComponent(token)}?purpose=${purpose}`)
      .then((data) => setState({ kind: 'ready', data }))
      .catch((error: unknown) => setState({ kind: 'error', error }));
  }, [token, purpose]);
  return state;
}

/** The page for a bad, used or expired token. */
export function TokenError({ error }: { error: unknown }) {
  const code = error instanceof ApiError ? error.code : '';
  if (code === 'TOKEN_EXPIRED')
    return (
      <StatusPage title="This meeting can no longer be changed">
        <p>The meeting has already started. Contact the host directly if something changed.</p>
      </StatusPage>
    );
  if (code === 'BOOKING_CANCELLED')
    return (
      <StatusPage title="This meeting was cancelled">
        <p>There is nothing left to change. Book a new time from the host's booking page.</p>
      </StatusPage>
    );
  if (code === 'BOOKING_MOVED') {
    // A superseded token: the meeting moved and newer links went out by email.
    const slug = error instanceof ApiError ? error.info.slug : undefined;
    return (
      <StatusPage title="This meeting was moved">
        <p>This meeting was moved; use the link in your latest email.</p>
        {typeof slug === 'string' && slug && (
          <p>
            <a href={`/book/${encodeURIComponent(slug)}`}>Go to the booking page</a>
          </p>
        )}
      </StatusPage>
    );
  }
  if (code === 'CALENDAR_UNAVAILABLE')
    return (
      <StatusPage title="No new times right now">
        <p>{CALENDAR_UNAVAILABLE_MESSAGE}</p>
      </StatusPage>
    );
  if (code === 'TOKEN_INVALID' || (error instanceof ApiError && error.status === 404))
    return (
      <StatusPage title="This link is not valid">
        <p>The reschedule or cancel link is wrong or has already been used.</p>
      </StatusPage>
    );
  return (
    <StatusPage title="Something went wrong">
      <p>{(error as Error).message}</p>
    </StatusPage>
  );
}
