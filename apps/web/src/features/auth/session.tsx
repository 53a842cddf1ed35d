import { useQuery } from '@tanstack/react-query';
import { createContext, use, useEffect, type ReactNode } from 'react';
import i18n, { currentLanguage, rememberLanguage } from '../../i18n/index.ts';
import type { Role, SessionUser } from '../../app/types.ts';
import { fetchSession, sessionKey } from './auth.api.ts';

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

const UserContext = createContext<SessionUser | null>(null);

/** The logged-in user; only inside pages behind `RequireAuth`. */
export function useCurrentUser(): SessionUser {
  const user = use(UserContext);
  if (!user) throw new Error('useCurrentUser outside of an authenticated page');
  return user;
}

/** The logged-in user's saved language wins over the one chosen on this device. */
function useUserLanguage(user: SessionUser): void {
  useEffect(() => {
    if (user.locale !== currentLanguage()) void i18n.changeLanguage(user.locale);
    rememberLanguage(user.locale);
  }, [user.locale]);
}

export function UserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  useUserLanguage(user);
  return <UserContext value={user}>{children}</UserContext>;
}

export function hasRole(user: SessionUser, roles: readonly Role[] | 'all'): boolean {
  return roles === 'all' || roles.includes(user.role);
}
