import { createHash } from 'node:crypto';

/*
 * a small proof of work on the question form, on top of the signed challenge
 * (question.challenge.ts), the honeypot and the limits (question.limit.ts). The puzzle is the
 * form's own challenge; a solution is a nonce (decimal digits) such that
 * SHA-256(`${challenge}:${nonce}`) starts with POW_BITS zero bits. The browser solves it with
 * the ask page's script (public/ask-pow.script.ts); the server checks it with one digest. The
 * work costs a person nothing she notices; a sender of thousands of forms pays 32,768 digests for
 * each (seconds of a core per thousand with native SHA-256, minutes with a headless browser's).
 * A speed bump, not a wall: with the limits, and a solved challenge being single-use (its hash
 * is stored with the question), it makes mass sending slow and costly without a third party.
 *
 * POW_BITS = 15: 2^15 = 32,768 digests on average (the number of tries is geometric: 3× the
 * mean covers 95 % of forms). Measured with bench/pow.bench.ts (BENCHMARKS.md, issue 13, on two
 * cores shared with other work): the page's solver does 0.5–2 M digests/s in desktop Chromium
 * (20–45 ms a form) and 80–150 k/s under 10× CPU throttling, a low-end phone: 0.2–0.5 s a form
 * on average, 0.6–1.9 s at p95. 16 bits doubled that (0.4–0.7 s, p95 1.2–3 s), which such a phone
 * would feel; 14 halves a sender's cost for little gain to a person. And the page starts the
 * work when it opens: a person who takes the challenge's 3 s to write waits for none of it
 * (35 ms median at 10×). The server's check is one digest (7–10 µs).
 */
export const POW_BITS = 15;

/** A nonce is 1–12 decimal digits: more than any browser will try, short enough to refuse junk unread. */
const NONCE = /^[0-9]{1,12}$/;
/** The challenge's own length is ~75 characters (question.challenge.ts); anything far longer is not one. */
const MAX_CHALLENGE = 200;

/** The number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const powDigest = (challenge: string, nonce: string) => createHash('sha256').update(`${challenge}:${nonce}`).digest();

/** True when `nonce` solves the challenge at `bits`; false for anything malformed or too long. */
export function checkPow(challenge: string, nonce: string, bits: number = POW_BITS): boolean {
  if (!challenge || challenge.length > MAX_CHALLENGE || !NONCE.test(nonce)) return false;
  return leadingZeroBits(powDigest(challenge, nonce)) >= bits;
}

/** The first solving nonce (tests and the benchmark; the browser has its own, public/ask-pow.script.ts). */
export function solvePow(challenge: string, bits: number = POW_BITS): string {
  for (let n = 0; ; n += 1) if (leadingZeroBits(powDigest(challenge, String(n))) >= bits) return String(n);
}

/** What the store keeps of a used challenge, so that one solution cannot be sent twice. */
export const challengeHashOf = (challenge: string) => createHash('sha256').update(challenge).digest('hex');
