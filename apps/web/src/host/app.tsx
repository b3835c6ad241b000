import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from '../common/api';
import type { Host } from '../common/types';
import { InvitePage, LoginPage, SignupPage } from './auth-pages';
import { CalendarPage } from './calendar-page';
import { CalendarsPage } from './calendars-page';
import { CrmContactPage, CrmDealPage } from './crm-detail';
import { CrmPage } from './crm-page';
import { EmbedPage } from './embed-page';
import { LinksPage } from './links-page';
import { MembersPage } from './members-page';
import { TimeOffPage } from './time-off-page';
import { WebhooksPage } from './webhooks-page';
import { A, navigate, usePath } from './router';
import { SessionContext, loadSession, type SessionValue } from './session';

const PUBLIC = new Set(['/login', '/signup']);
/** `/invite/<token>`: shown signed in or not (accepting signs in as the new account). */
const INVITE = /^\/invite\/([^/]+)$/;

/** Shell of the host app: session, auth guard, top navigation, routes. */
export function HostApp() {
  const path = usePath().replace(/\/+$/, '') || '/';
  const [host, setHost] = useState<Host | null | undefined>(undefined);

  useEffect(() => {
    loadSession().then(setHost);
  }, []);

  useEffect(() => {
    if (host === undefined) return;
    if (!host && !PUBLIC.has(path) && !INVITE.test(path)) {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`;
      navigate(`/login${next}`, true);
    } else if (host && (PUBLIC.has(path) || path === '/')) {
      navigate('/calendar', true);
    }
  }, [host, path]);

  const session: SessionValue = {
    host: host ?? null,
    signedIn(h, csrf) {
      setCsrfToken(csrf);
      setHost(h);
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/calendar', true);
    },
    async signOut() {
      await api('POST', '/api/auth/logout').catch(() => undefined);
      setCsrfToken(null);
      setHost(null);
      navigate('/login', true);
    },
  };

  if (host === undefined) return <p class="muted">Loading…</p>;

  let page;
  const embed = /^\/settings\/booking-links\/([^/]+)\/embed$/.exec(path);
  const crmItem = /^\/crm\/(contacts|deals)\/([^/]+)$/.exec(path);
  const invite = INVITE.exec(path);
  if (path === '/login') page = <LoginPage />;
  else if (invite) page = <InvitePage token={decodeURIComponent(invite[1]!)} />;
  else if (path === '/signup') page = <SignupPage />;
  else if (!host) page = null;
  else if (path === '/settings/booking-links') page = <LinksPage />;
  else if (path === '/settings/calendars') page = <CalendarsPage />;
  else if (path === '/settings/time-off') page = <TimeOffPage host={host} />;
  else if (path === '/settings/webhooks') page = <WebhooksPage host={host} />;
  else if (path === '/settings/members') page = <MembersPage host={host} />;
  else if (embed) page = <EmbedPage id={decodeURIComponent(embed[1]!)} />;
  else if (path === '/calendar') page = <CalendarPage host={host} />;
  else if (path === '/crm') page = <CrmPage host={host} />;
  else if (crmItem) {
    const id = decodeURIComponent(crmItem[2]!);
    page =
      crmItem[1] === 'contacts' ? (
        <CrmContactPage key={id} id={id} zone={host.timeZone} />
      ) : (
        <CrmDealPage key={id} id={id} zone={host.timeZone} />
      );
  } else if (path === '/') page = null;
  else
    page = (
      <div class="card">
        <h1>Page not found</h1>
        <p>
          <A href="/calendar">Go to your calendar</A>
        </p>
      </div>
    );

  return (
    <SessionContext.Provider value={session}>
      <header class="topbar">
        <span class="brand">Workestra Scheduling</span>
        {host ? (
          <nav aria-label="Main">
            <A href="/calendar" current={path === '/calendar'}>
              Calendar
            </A>
            <A href="/settings/booking-links" current={path.startsWith('/settings/booking-links')}>
              Booking links
            </A>
            <A href="/settings/calendars" current={path === '/settings/calendars'}>
              Calendars
            </A>
            <A href="/settings/time-off" current={path === '/settings/time-off'}>
              Time off
            </A>
            <A href="/settings/members" current={path === '/settings/members'}>
              Members
            </A>
            <A href="/settings/webhooks" current={path === '/settings/webhooks'}>
              Webhooks
            </A>
            <A href="/crm" current={path === '/crm' || path.startsWith('/crm/')}>
              CRM
            </A>
            <span class="muted">{host.name}</span>
            <button type="button" onClick={() => session.signOut()}>
              Sign out
            </button>
          </nav>
        ) : (
          <nav aria-label="Account">
            <A href="/login" current={path === '/login'}>
              Sign in
            </A>
            <A href="/signup" current={path === '/signup'}>
              Sign up
            </A>
          </nav>
        )}
      </header>
      <main>{page}</main>
    </SessionContext.Provider>
  );
}
