import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../common/api';
import { t, type MessageId } from '../common/i18n';
import type { TokenInfo } from '../common/types';
import { slotErrorMessage } from './slot-picker';
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

/**
 * The attendee's words for the error codes a token's read, reschedule and cancel answer with
 * (the server's messages are English). Codes not here keep the server's text.
 */
const TOKEN_ERROR_MESSAGES: Readonly<Record<string, MessageId>> = {
  TOKEN_INVALID: 'token.invalidTitle',
  TOKEN_EXPIRED: 'token.expiredBody',
  BOOKING_CANCELLED: 'token.cancelledTitle',
  BOOKING_MOVED: 'token.movedBody',
  LINK_NOT_FOUND: 'token.errorLinkNotFound',
  LINK_INACTIVE: 'book.inactiveTitle',
  SAME_TIME: 'token.errorSameTime',
  RATE_LIMITED: 'token.errorRateLimited',
  NETWORK: 'api.network',
};

/** A failed token call in the attendee's language; an unknown code falls back to the server's text. */
export function tokenErrorMessage(error: unknown): string {
  const id = error instanceof ApiError ? TOKEN_ERROR_MESSAGES[error.code] : undefined;
  return id ? t(id) : slotErrorMessage(error);
}

/** The page for a bad, used or expired token. */
export function TokenError({ error }: { error: unknown }) {
  const code = error instanceof ApiError ? error.code : '';
  if (code === 'TOKEN_EXPIRED')
    return (
      <StatusPage title={t('token.expiredTitle')}>
        <p>{t('token.expiredBody')}</p>
      </StatusPage>
    );
  if (code === 'BOOKING_CANCELLED')
    return (
      <StatusPage title={t('token.cancelledTitle')}>
        <p>{t('token.cancelledBody')}</p>
      </StatusPage>
    );
  if (code === 'BOOKING_MOVED') {
    // A superseded token: the meeting moved and newer links went out by email.
    const slug = error instanceof ApiError ? error.info.slug : undefined;
    return (
      <StatusPage title={t('token.movedTitle')}>
        <p>{t('token.movedBody')}</p>
        {typeof slug === 'string' && slug && (
          <p>
            <a href={`/book/${encodeURIComponent(slug)}`}>{t('token.bookingPage')}</a>
          </p>
        )}
      </StatusPage>
    );
  }
  if (code === 'CALENDAR_UNAVAILABLE')
    return (
      <StatusPage title={t('token.unavailableTitle')}>
        <p>{slotErrorMessage(error)}</p>
      </StatusPage>
    );
  if (code === 'TOKEN_INVALID' || (error instanceof ApiError && error.status === 404))
    return (
      <StatusPage title={t('token.invalidTitle')}>
        <p>{t('token.invalidBody')}</p>
      </StatusPage>
    );
  return (
    <StatusPage title={t('book.errorTitle')}>
      <p>{tokenErrorMessage(error)}</p>
    </StatusPage>
  );
}
