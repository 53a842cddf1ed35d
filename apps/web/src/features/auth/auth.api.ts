import type { QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../app/api.ts';
import type { Locale, OidcConfig, PasswordChangeBody, SessionResponse } from '../../app/types.ts';

export const sessionKey = ['session'] as const;
export const oidcKey = ['auth', 'oidc'] as const;

/** The current session, or null when nobody is logged in. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Stores a session answer (login, preferences) as the current session. */
export function rememberSession(queryClient: QueryClient, session: SessionResponse | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.setQueryData(sessionKey, session);
}

export const login = (username: string, password: string) =>
  api.post<SessionResponse>('/auth/login', { username, password });

export const logout = () => api.post<void>('/auth/logout');

export const changePassword = (body: PasswordChangeBody) => api.post<void>('/auth/password', body);

export const savePreferences = (locale: Locale) =>
  api.patch<SessionResponse>('/auth/me/preferences', { locale });

export const fetchOidcConfig = () => api.get<OidcConfig>('/auth/oidc');

export const OIDC_LOGIN_URL = '/api/v1/auth/oidc/login';
