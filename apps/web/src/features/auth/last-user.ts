import type { SessionResponse } from '../../app/types.ts';

/**
 * Offline (the live meeting screen in a hall without signal): the last known user is kept on
 * this device, so a reload without a connection still opens the app. It has no CSRF token, so
 * nothing is written until the session is fetched again when the connection returns. A 401
 * still logs out, and logging out forgets it. The interface language starts from his saved
 * language too (i18n/index.ts), so a reload does not flash another language first.
 */
const LAST_USER_KEY = 'esep.lastUser';

export function lastKnownUser(): SessionResponse['user'] | null {
  try {
    const saved = window.localStorage.getItem(LAST_USER_KEY);
    return saved ? (JSON.parse(saved) as SessionResponse['user']) : null;
  } catch {
    return null;
  }
}

export function keepLastUser(user: SessionResponse['user'] | null): void {
  try {
    if (user) window.localStorage.setItem(LAST_USER_KEY, JSON.stringify(user));
    else window.localStorage.removeItem(LAST_USER_KEY);
  } catch {
    // Storage may be disabled: then a reload offline shows the connection error.
  }
}
