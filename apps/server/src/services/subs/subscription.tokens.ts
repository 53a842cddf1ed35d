import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { subscriptionKey, type Executor } from '@esep/db';

/*
 * Issue 13, part 4: the links in a subscriber's messages carry HMAC-signed tokens, so nothing
 * secret is stored per subscription and a changed token is refused without a lookup:
 *   `<purpose>.<subscription id>.<expiry, seconds>.<signature>` — purpose c (confirm the e-mail,
 *   7 days) or u (unsubscribe, no expiry). The SMS/WhatsApp code is derived the same way from the
 * instant it was made, so it is never stored either. The key is one database row shared by every
 * process (subscription_keys), read once per database.
 */
const keys = new WeakMap<object, Promise<string>>();

export function linkKey(db: Executor): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = subscriptionKey(db, randomBytes(32).toString('base64url'));
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

export type TokenPurpose = 'c' | 'u';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sign = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64url');

export function makeToken(key: string, purpose: TokenPurpose, id: string, expiresAt: Date | null): string {
  const body = `${purpose}.${id}.${expiresAt ? Math.floor(expiresAt.getTime() / 1000) : 0}`;
  return `${body}.${sign(key, body)}`;
}

export type TokenCheck = { ok: true; id: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Whether the token is one this server signed for `purpose`, and not past its expiry. */
export function readToken(key: string, purpose: TokenPurpose, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'invalid' };
  const [p, id, exp, signature] = parts as [string, string, string, string];
  if (p !== purpose || !UUID.test(id) || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(key, `${p}.${id}.${exp}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  if (exp !== '0' && Number(exp) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, id };
}

/** The six-digit code of a subscription's current code (made at `sentAt`). */
export function confirmationCode(key: string, id: string, sentAt: Date): string {
  const digest = createHmac('sha256', key).update(`code.${id}.${sentAt.toISOString()}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Telegram deep link's start code (Telegram allows 1–64 of A-Z a-z 0-9 _ -) and its stored hash. */
export function newStartCode(): { code: string; hash: string } {
  const code = randomBytes(18).toString('base64url');
  return { code, hash: startCodeHash(code) };
}

export const startCodeHash = (code: string) => createHash('sha256').update(`tg-start.${code}`).digest('hex');
