import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { almatyAt, maskAddress, maskSubscriberAddress, planDeliveries, redactAddress, quietHoursEnd, retryAt, digestDue, type RecipientSettings } from './delivery.rules.ts';
import { protocolReminderAt, protocolReminderDue } from './reminder.rules.ts';

const at = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);
const all = new Set(['email', 'telegram', 'sms', 'whatsapp'] as const);
const base: RecipientSettings = { channels: ['email'], addresses: { email: 'a@b.kz' }, quietFrom: null, quietTo: null, digest: false };

describe('quiet hours', () => {
  it('hold a message inside them until they end, across midnight', () => {
    expect(quietHoursEnd('22:00', '07:00', at('2026-12-04', '23:30'))).toEqual(at('2026-12-05', '07:00'));
    expect(quietHoursEnd('22:00', '07:00', at('2026-12-05', '03:00'))).toEqual(at('2026-12-05', '07:00'));
    expect(quietHoursEnd('22:00', '07:00', at('2026-12-05', '07:00'))).toBeNull();
    expect(quietHoursEnd('13:00', '14:00', at('2026-12-05', '13:30'))).toEqual(at('2026-12-05', '14:00'));
    expect(quietHoursEnd('13:00', '14:00', at('2026-12-05', '12:59'))).toBeNull();
    expect(quietHoursEnd(null, null, at('2026-12-05', '03:00'))).toBeNull();
    expect(quietHoursEnd('08:00', '08:00', at('2026-12-05', '08:00'))).toBeNull();
  });

  it('always end in the future, within a day, at their end time', () => {
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(hhmm, hhmm, fc.integer({ min: 0, max: 365 * 24 * 60 }), (from, to, minutes) => {
      const now = new Date(at('2026-01-01', '00:00').getTime() + minutes * 60_000);
      const end = quietHoursEnd(from, to, now);
      if (!end) return;
      expect(end.getTime()).toBeGreaterThan(now.getTime());
      expect(end.getTime() - now.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Almaty', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(end)).toBe(to);
    }));
  });
});

describe('planDeliveries', () => {
  const now = at('2026-12-04', '20:00');
  it('no settings or no channel: the bell alone, said in the log', () => {
    expect(planDeliveries(null, all, now)).toEqual([{ channel: 'none', status: 'skipped', address: null, reason: 'no_channel' }]);
    expect(planDeliveries({ ...base, channels: [] }, all, now)).toHaveLength(1);
  });
  it('one per chosen channel: queued, held in quiet hours, or skipped with its reason', () => {
    expect(planDeliveries({ ...base, channels: ['email', 'sms', 'telegram', 'email'], addresses: { email: 'a@b.kz', telegram: '42' } }, new Set(['email', 'sms'] as const), now)).toEqual([
      { channel: 'email', status: 'queued', address: 'a@b.kz', notBefore: now },
      { channel: 'sms', status: 'skipped', address: null, reason: 'no_address' },
      { channel: 'telegram', status: 'skipped', address: '42', reason: 'channel_not_configured' },
    ]);
    expect(planDeliveries({ ...base, quietFrom: '19:00', quietTo: '08:00' }, all, now)).toEqual([
      { channel: 'email', status: 'held', address: 'a@b.kz', notBefore: at('2026-12-05', '08:00') },
    ]);
  });
  it('a digest user gets no single messages', () => {
    expect(planDeliveries({ ...base, digest: true }, all, now)).toEqual([]);
  });
});

describe('retries, digests, masks', () => {
  it('back off from 30 s, doubling, at most an hour; a provider\'s later "retry after" wins', () => {
    const now = at('2026-12-04', '20:00');
    expect([1, 2, 3, 4, 10].map((n) => (retryAt(now, n).getTime() - now.getTime()) / 1000)).toEqual([30, 60, 120, 240, 3600]);
    expect(retryAt(now, 1, 90_000).getTime() - now.getTime()).toBe(90_000);
    expect(retryAt(now, 3, 1_000).getTime() - now.getTime()).toBe(120_000);
  });
  it('a digest is due from its hour, for that Almaty day', () => {
    expect(digestDue('18:00', at('2026-12-04', '17:59'))).toEqual({ due: false, date: '2026-12-04' });
    expect(digestDue('18:00', at('2026-12-04', '18:00'))).toEqual({ due: true, date: '2026-12-04' });
    // 23:30 UTC is already the next day in Almaty.
    expect(digestDue('00:00', new Date('2026-12-04T23:30:00Z'))).toEqual({ due: true, date: '2026-12-05' });
  });
  it('masks addresses for the log', () => {
    expect(maskAddress('inspector@police.kz')).toBe('i***@police.kz');
    expect(maskAddress('+77011234567')).toBe('+77***67');
    expect(maskAddress('123456789')).toBe('1***89');
    expect(maskAddress('42')).toBe('***');
  });
  it('masks a subscriber\'s address more: the log names no resident (issue 13)', () => {
    expect(maskSubscriberAddress('email', 'aigerim.s@mail.kz')).toBe('a***@m***.kz');
    expect(maskSubscriberAddress('email', 'aigerim@gov.mail.kz')).toBe('a***@g***.kz');
    expect(maskSubscriberAddress('email', 'nobody')).toBe('***');
    expect(maskSubscriberAddress('sms', '+77011231234')).toBe('+7 *** *** 12 34');
    expect(maskSubscriberAddress('whatsapp', '+998901234567')).toBe('+*** *** *** 45 67');
    expect(maskSubscriberAddress('sms', '+7701')).toBe('***');
    expect(maskSubscriberAddress('telegram', '5123451234')).toBe('****1234');
    expect(maskSubscriberAddress('telegram', '-1005123451234')).toBe('****1234');
    expect(maskSubscriberAddress('telegram', '12345')).toBe('****');
    for (const [channel, address] of [['email', 'aigerim.s@mail.kz'], ['sms', '+77011231234'], ['telegram', '5123451234']] as const) {
      expect(maskSubscriberAddress(channel, address)).not.toContain(address);
    }
  });
  it('takes the address out of a provider\'s answer, leaving its mask', () => {
    expect(redactAddress('550 5.1.1 <Aigerim.S@mail.kz>: Recipient address rejected', 'aigerim.s@mail.kz', 'a***@m***.kz'))
      .toBe('550 5.1.1 <a***@m***.kz>: Recipient address rejected');
    expect(redactAddress('number 77011231234 is blocked; +77011231234 again', '+77011231234', '+7 *** *** 12 34'))
      .toBe('number +7 *** *** 12 34 is blocked; +7 *** *** 12 34 again');
    expect(redactAddress('chat 5123451234 not found', '5123451234', null)).toBe('chat *** not found');
    expect(redactAddress('try again later', 'a@b.kz', 'a***@b***.kz')).toBe('try again later');
  });
  it('almatyAt is the wall-clock time in Almaty (UTC+6 before 1 March 2024)', () => {
    expect(almatyAt('2026-12-04', '20:00').toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(almatyAt('2024-02-01', '20:00').toISOString()).toBe('2024-02-01T14:00:00.000Z');
  });
});

describe('R-32.3: the evening reminder to sign', () => {
  it('is at 20:00 on the meeting day, or an hour after a late end', () => {
    expect(protocolReminderAt({ startDate: '2026-12-04', endsAt: at('2026-12-04', '17:00') })).toEqual(at('2026-12-04', '20:00'));
    expect(protocolReminderAt({ startDate: '2026-12-04', endsAt: at('2026-12-04', '19:30') })).toEqual(at('2026-12-04', '20:30'));
  });
  it('is due from then for a day, not later', () => {
    const m = { startDate: '2026-12-04', endsAt: at('2026-12-04', '17:00') };
    expect(protocolReminderDue(m, at('2026-12-04', '19:59'))).toBe(false);
    expect(protocolReminderDue(m, at('2026-12-04', '20:00'))).toBe(true);
    expect(protocolReminderDue(m, at('2026-12-05', '19:59'))).toBe(true);
    expect(protocolReminderDue(m, at('2026-12-05', '20:00'))).toBe(false);
  });
});
