import { createHash } from 'node:crypto';
import { countRateHit, sweepRateWindows } from '@esep/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.ts';

/*
 * R-32.2: self-registration is open to anyone with the meeting's link, so one client address may
 * register only ESEP_SELF_REGISTRATION_RATE people a minute at one meeting — one limit, whichever
 * way the registrations come (the JSON API or the HTML form of `/m/:id`). The counters are rows
 * in the database (fixed one-minute windows, an atomic upsert-increment), not process memory:
 * production runs several server processes behind one address, and each must see every hit.
 */

export const SELF_REGISTRATION_WINDOW_MS = 60_000;

export const TOO_MANY_REGISTRATIONS = {
  kk: 'Бұл құрылғыдан немесе желіден соңғы бір минутта осы кездесуге тым көп тіркелу жіберілді. Бір минут күтіп, қайталап көріңіз.',
  ru: 'С этого устройства или из этой сети за последнюю минуту отправлено слишком много регистраций на эту встречу. Подождите минуту и попробуйте снова.',
  en: 'Too many registrations for this meeting came from this device or network in the last minute. Wait a minute and try again.',
};

/** The counter's name: a hash of meeting and address, so the table never holds a client address. */
const bucketOf = (meetingId: string, ip: string) => `self-registration:${createHash('sha256').update(`${meetingId}\n${ip}`).digest('hex')}`;

/**
 * The `onRequest` hook of both self-registration routes: counts the request before its body is
 * read and refuses it with 429 `rate_limited` (and Retry-After) past the limit. Once a minute
 * per process it also deletes the windows that no longer count.
 */
export function selfRegistrationLimit(app: FastifyInstance) {
  let lastSweep = 0;
  return async function limitSelfRegistration(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const meetingId = String((request.params as { id?: unknown } | undefined)?.id ?? '');
    const now = app.clock.now().getTime();
    const windowStart = now - (now % SELF_REGISTRATION_WINDOW_MS);
    const hits = await countRateHit(app.db, bucketOf(meetingId, request.ip), new Date(windowStart));
    if (now - lastSweep >= SELF_REGISTRATION_WINDOW_MS) {
      lastSweep = now;
      // A failed sweep only leaves old rows for the next one; it never refuses a registration.
      await sweepRateWindows(app.db, new Date(windowStart - SELF_REGISTRATION_WINDOW_MS))
        .catch((error: unknown) => request.log.warn({ err: error }, 'sweeping old rate windows failed'));
    }
    if (hits > app.config.selfRegistrationRate) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + SELF_REGISTRATION_WINDOW_MS - now) / 1000));
      reply.header('retry-after', String(retryAfterSeconds));
      throw new AppError('rate_limited', { retryAfterSeconds, rule: 'R-32.2' }, 429, TOO_MANY_REGISTRATIONS);
    }
  };
}
