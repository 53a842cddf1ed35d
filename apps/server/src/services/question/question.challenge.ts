import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * R-29: the form of a question sent ahead carries a challenge signed by the server (HMAC-SHA256
 * with a key derived from the server key, ESEP_SIGNING_KEY): the district and the instant the
 * form was issued. A submission is refused when it comes back sooner than a person can type
 * (bots post at once), later than an hour, for another district, or altered. No third-party
 * service and no script is needed. The challenge is also the puzzle of the form's proof of work
 * (question.pow.ts), and a stored question keeps its hash so that it is used once: 12 random
 * bytes make two forms issued in the same millisecond two different challenges.
 */
export const CHALLENGE_MIN_AGE_MS = 3_000;
export const CHALLENGE_MAX_AGE_MS = 3_600_000;

export type ChallengeProblem = 'too_fast' | 'expired' | 'tampered';

/** The challenge key: derived from the server's one secret, never stored. */
export function challengeKey(serverKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, 'esep question challenge', 'r-29 v1', 32));
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** `<issued ms>.<salt>.<mac>`, bound to the district the form is for. */
export function issueChallenge(key: Buffer, districtId: string, now: Date): string {
  const issued = `${now.getTime()}.${randomBytes(12).toString('base64url')}`;
  return `${issued}.${mac(key, `${districtId}\n${issued}`)}`;
}

/** Null when the challenge is genuine and of the right age, else why it is refused. */
export function checkChallenge(key: Buffer, districtId: string, challenge: string, now: Date): ChallengeProblem | null {
  const match = /^((\d{1,15})\.[A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(challenge);
  if (!match) return 'tampered';
  const expected = Buffer.from(mac(key, `${districtId}\n${match[1]}`));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'tampered';
  const age = now.getTime() - Number(match[2]);
  if (age < 0 || age >= CHALLENGE_MAX_AGE_MS) return 'expired';
  if (age < CHALLENGE_MIN_AGE_MS) return 'too_fast';
  return null;
}
