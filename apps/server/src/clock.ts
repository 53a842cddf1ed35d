import type { Clock } from '@esep/domain';

/**
 * The wall clock: the only place the server reads it. Everything else asks the Clock it was
 * given (`app.clock`, `ctx.now()`), so a test — or a replay — can set the time.
 */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that reads `at` when the process starts — or at the real instant `since` — and runs on
 * from there (ESEP_CLOCK_AT, ESEP_CLOCK_SINCE; never in production): a whole server, in a child
 * process, at the time a test or a demo needs; several processes given one pair share one clock.
 */
export function startingClock(at: string, since?: string): Clock {
  const offset = new Date(at).getTime() - (since ? new Date(since).getTime() : systemClock.now().getTime());
  return { now: () => new Date(systemClock.now().getTime() + offset) };
}
