import type { Clock } from '@esep/domain';

/**
 * The wall clock: the only place the server reads it. Everything else asks the Clock it was
 * given (`app.clock`, `ctx.now()`), so a test — or a replay — can set the time.
 */
export const systemClock: Clock = { now: () => new Date() };
