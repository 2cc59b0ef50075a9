import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isUnauthenticated } from '../api/client';
import { readPref, writePref } from './prefs';
import { fetchMe, logOut, type Me, type Membership } from './session.api';

/** Who is using the app. `unreachable` keeps "the server is down" apart from "not logged in". */
export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'signedIn'; me: Me };

export interface Session {
  state: SessionState;
  /** The shop the user works in now: the remembered one if still a member, else the first. */
  current: Membership | null;
  refresh(): Promise<void>;
  selectShop(shopId: string): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [shopId, setShopId] = useState(() => readPref('hutong.currentShopId'));

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState(me ? { status: 'signedIn', me } : { status: 'anonymous' });
    } catch (error) {
      setState(isUnauthenticated(error) ? { status: 'anonymous' } : { status: 'unreachable', error });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const selectShop = useCallback((id: string) => {
    writePref('hutong.currentShopId', id);
    setShopId(id);
  }, []);

  const logout = useCallback(async () => {
    await logOut();
    setState({ status: 'anonymous' });
  }, []);

  const session = useMemo<Session>(() => {
    const memberships = state.status === 'signedIn' ? state.me.memberships : [];
    const current = memberships.find((m) => m.shop.id === shopId) ?? memberships[0] ?? null;
    return { state, current, refresh, selectShop, logout };
  }, [state, shopId, refresh, selectShop, logout]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
