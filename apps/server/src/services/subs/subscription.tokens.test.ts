import { describe, expect, it } from 'vitest';
import { eventOf } from './subscription.fanout.ts';
import { confirmationCode, makeToken, readToken } from './subscription.tokens.ts';

const KEY = 'k'.repeat(43);
const ID = '6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f';
const now = new Date('2026-12-01T05:00:00Z');

describe('subscription link tokens', () => {
  it('read back what was signed, for its purpose only', () => {
    const token = makeToken(KEY, 'u', ID, null);
    expect(readToken(KEY, 'u', token, now)).toEqual({ ok: true, id: ID });
    expect(readToken(KEY, 'c', token, now)).toEqual({ ok: false, reason: 'invalid' });
  });
  it('refuse a changed character, another key, and a token past its expiry', () => {
    const token = makeToken(KEY, 'c', ID, new Date(now.getTime() + 1000));
    const changed = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(readToken(KEY, 'c', changed, now).ok).toBe(false);
    expect(readToken('x'.repeat(43), 'c', token, now).ok).toBe(false);
    expect(readToken(KEY, 'c', token.replace(ID, ID.replace('6f', '7f')), now).ok).toBe(false);
    expect(readToken(KEY, 'c', token, new Date(now.getTime() + 5000))).toEqual({ ok: false, reason: 'expired' });
    expect(readToken(KEY, 'c', 'garbage', now).ok).toBe(false);
  });
  it('derive a six-digit code that changes with the instant it was made', () => {
    const a = confirmationCode(KEY, ID, now);
    expect(a).toMatch(/^\d{6}$/);
    expect(confirmationCode(KEY, ID, now)).toBe(a);
    expect(confirmationCode(KEY, ID, new Date(now.getTime() + 1))).not.toBe(a);
  });
});

describe('which meeting actions reach subscribers', () => {
  it('only what residents were told of', () => {
    expect(eventOf('announce', 'scheduled')).toBe('announced');
    expect(eventOf('announce', 'postponed')).toBe('changed');
    expect(eventOf('postpone', 'announced')).toBe('postponed');
    expect(eventOf('postpone', 'scheduled')).toBeNull();
    expect(eventOf('cancel', 'announced')).toBe('cancelled');
    expect(eventOf('cancel', 'draft')).toBeNull();
    expect(eventOf('reschedule', 'postponed')).toBeNull();
  });
});
