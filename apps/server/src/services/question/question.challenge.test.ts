import { describe, expect, it } from 'vitest';
import { challengeKey, checkChallenge, issueChallenge } from './question.challenge.ts';

const key = challengeKey(Buffer.alloc(32, 7));
const district = '11111111-1111-4111-8111-111111111111';
const t0 = new Date('2026-03-02T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('question form challenge (R-29)', () => {
  it('accepts a genuine challenge between 3 s and 1 h old', () => {
    const c = issueChallenge(key, district, t0);
    expect(checkChallenge(key, district, c, later(3_000))).toBeNull();
    expect(checkChallenge(key, district, c, later(3_599_999))).toBeNull();
  });
  it('refuses it sooner than 3 s (a bot) and from 1 h on (expired)', () => {
    const c = issueChallenge(key, district, t0);
    expect(checkChallenge(key, district, c, later(0))).toBe('too_fast');
    expect(checkChallenge(key, district, c, later(2_999))).toBe('too_fast');
    expect(checkChallenge(key, district, c, later(3_600_000))).toBe('expired');
    expect(checkChallenge(key, district, c, later(-1))).toBe('expired');
  });
  it('refuses an altered time, mac, another district or another key', () => {
    const c = issueChallenge(key, district, t0);
    const [issued, salt, sig] = c.split('.');
    expect(checkChallenge(key, district, `${Number(issued) - 10_000}.${salt}.${sig}`, later(5_000))).toBe('tampered');
    expect(checkChallenge(key, district, `${issued}.${salt!.slice(0, -1)}${salt!.endsWith('A') ? 'B' : 'A'}.${sig}`, later(5_000))).toBe('tampered');
    expect(checkChallenge(key, district, `${issued}.${salt}.${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`, later(5_000))).toBe('tampered');
    expect(checkChallenge(key, district, `${issued}.${sig}`, later(5_000))).toBe('tampered');
    expect(checkChallenge(key, '22222222-2222-4222-8222-222222222222', c, later(5_000))).toBe('tampered');
    expect(checkChallenge(challengeKey(Buffer.alloc(32, 8)), district, c, later(5_000))).toBe('tampered');
    expect(checkChallenge(key, district, '', later(5_000))).toBe('tampered');
    expect(checkChallenge(key, district, 'x'.repeat(5000), later(5_000))).toBe('tampered');
  });
  it('is a different challenge for each form, even within one millisecond (each is used once)', () => {
    const a = issueChallenge(key, district, t0);
    const b = issueChallenge(key, district, t0);
    expect(a).not.toBe(b);
    expect(checkChallenge(key, district, a, later(5_000))).toBeNull();
    expect(checkChallenge(key, district, b, later(5_000))).toBeNull();
  });
});
