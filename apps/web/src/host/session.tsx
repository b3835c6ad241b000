import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api, setCsrfToken } from '../common/api';
import type { Host } from '../common/types';

export interface SessionValue {
  host: Host | null;
  /** Stores the host and CSRF token from login/signup. */
  signedIn(host: Host, csrfToken: string): void;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}

/** GET /api/auth/session, or null when signed out. */
export async function loadSession(): Promise<Host | null> {
  try {
    const r = await api<{ host: Host; csrfToken: string }>('GET', '/api/auth/session');
    setCsrfToken(r.csrfToken);
    return r.host;
  } catch {
    setCsrfToken(null);
    return null;
  }
}
