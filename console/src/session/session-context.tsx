import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onTokenRefused } from '../graphql/request.js';
import { tokenStorage } from './token-storage.js';

export interface Session {
  /** The admin token, or null before sign-in. Kept in session storage: gone with the tab. */
  readonly token: string | null;
  /** Why the last session ended, when the server ended it. */
  readonly notice: string | null;
  signIn(token: string): void;
  signOut(notice?: string): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(tokenStorage.read);
  const [notice, setNotice] = useState<string | null>(null);
  const signOut = useCallback((message?: string) => {
    tokenStorage.clear();
    setToken(null);
    setNotice(message ?? null);
  }, []);
  const signIn = useCallback((next: string) => {
    tokenStorage.write(next);
    setNotice(null);
    setToken(next);
  }, []);
  // An UNAUTHENTICATED answer to any request (a revoked token) ends the session.
  useEffect(() => onTokenRefused((message) => signOut(`Signed out: ${message}`)), [signOut]);
  const session = useMemo(() => ({ token, notice, signIn, signOut }), [token, notice, signIn, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
