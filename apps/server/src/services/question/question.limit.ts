import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.ts';

/*
 * the question form is open to anyone, so it is limited per client address and per
 * network (an IPv4 /24, an IPv6 /48): QUESTION_RATE.perAddress and QUESTION_RATE.perNetwork an
 * hour. The counters are @fastify/rate-limit's, kept in the database store (rate-limit.store.ts)
 * so that every server process sees every hit; keys are digested there, never stored as such.
 */
export const QUESTION_RATE = { perAddress: 5, perNetwork: 30, perNetworkWithoutPow: 3, windowMs: 3_600_000 } as const;

export const TOO_MANY_QUESTIONS = {
  kk: 'Бұл құрылғыдан немесе желіден соңғы бір сағатта тым көп сұрақ жіберілді. Кейінірек қайталап көріңіз.',
  ru: 'С этого устройства или из этой сети за последний час отправлено слишком много обращений. Попробуйте позже.',
  en: 'Too many questions were sent from this device or network in the last hour. Please try again later.',
};

/** The network an address belongs to: its IPv4 /24 or IPv6 /48. */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = ip.toLowerCase().split('::')[0]!.split(':');
  return `${[0, 1, 2].map((i) => groups[i] || '0').join(':')}::/48`;
}

/** The `onRequest` hook of the form's POST: counts both limits, refuses with 429 past either. */
export function questionLimit(app: FastifyInstance, rate: { perAddress: number; perNetwork: number } = QUESTION_RATE) {
  const byAddress = app.createRateLimit({ max: rate.perAddress, timeWindow: QUESTION_RATE.windowMs, keyGenerator: (r) => `question:ip:${r.ip}` });
  const byNetwork = app.createRateLimit({ max: rate.perNetwork, timeWindow: QUESTION_RATE.windowMs, keyGenerator: (r) => `question:net:${networkOf(r.ip)}` });
  return async function limitQuestions(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const results = [await byAddress(request), await byNetwork(request)];
    const exceeded = results.find((r) => !r.isAllowed && r.isExceeded);
    if (exceeded && !exceeded.isAllowed) {
      reply.header('retry-after', String(exceeded.ttlInSeconds));
      throw new AppError('rate_limited', { retryAfterSeconds: exceeded.ttlInSeconds, rule: 'R-29' }, 429, TOO_MANY_QUESTIONS);
    }
  };
}

/*
 * a form sent without the proof of work (question.pow.ts) — from a browser without script,
 * or from a sender that skips the work — is still taken, so that no resident is turned away for
 * her phone, but only QUESTION_RATE.perNetworkWithoutPow an hour from one network, on top of the
 * limits above: a tenth of what a network may send with the work done. Three, not one, because a
 * household or an office shares one network, and script-less phones are few but not none. Only
 * a question about to be stored counts (the caller asks after checking the form), so a resident
 * whose form came back for a wrong phone number does not spend her allowance on the mistake.
 */
export function questionWithoutPowLimit(app: FastifyInstance, max: number = QUESTION_RATE.perNetworkWithoutPow) {
  const byNetwork = app.createRateLimit({ max, timeWindow: QUESTION_RATE.windowMs, keyGenerator: (r) => `question:no-pow:net:${networkOf(r.ip)}` });
  /** Counts one such question; null while within the limit, else the seconds until the window ends. */
  return async function countWithoutPow(request: FastifyRequest): Promise<number | null> {
    const result = await byNetwork(request);
    return !result.isAllowed && result.isExceeded ? result.ttlInSeconds : null;
  };
}
