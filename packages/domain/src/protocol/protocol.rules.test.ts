import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../calendar/working-days.ts';
import { canonicalJson, checkDueDate, extensionProblem, forwardingComplete, forwardingDueDate, latestExtension, signingTimeliness } from './protocol.rules.ts';

const cal = workingCalendar([], [2026, 2027]);

describe('R-32.3 same-day signing, in Asia/Almaty', () => {
  it('23:50 Almaty on the meeting day is on time even though it is 18:50 UTC', () => {
    expect(signingTimeliness('2026-11-25', new Date('2026-11-25T23:50:00+05:00'))).toBe('on_time');
  });
  it('00:10 Almaty the next day is late although UTC still shows the meeting day', () => {
    const signedAt = new Date('2026-11-26T00:10:00+05:00');
    expect(signedAt.toISOString().slice(0, 10)).toBe('2026-11-25');
    expect(signingTimeliness('2026-11-25', signedAt)).toBe('late');
  });
});

describe('R-32.4 checks and R-32.5 forwarding terms', () => {
  it('a check opened before Nauryz 2026 is due after it', () => {
    expect(checkDueDate(cal, '2026-03-18')).toBe('2026-04-13');
  });
  it('forwarding is due 3 working days after the meeting', () => {
    expect(forwardingDueDate(cal, '2026-11-25')).toBe('2026-11-30');
  });
  it('an extension is once, with a reason, later, and at most two months past the original term', () => {
    const c = { dueDate: '2026-04-13', originalDueDate: '2026-04-13', extended: false };
    expect(latestExtension('2026-12-31')).toBe('2027-02-28');
    expect(extensionProblem(c, '2026-06-13', 'Сараптама күтілуде')).toBeNull();
    expect(extensionProblem(c, '2026-06-14', 'Сараптама')).toBe('too_long');
    expect(extensionProblem(c, '2026-05-01', ' ')).toBe('reason_required');
    expect(extensionProblem(c, '2026-04-10', 'x')).toBe('not_later');
    expect(extensionProblem({ ...c, extended: true }, '2026-05-01', 'x')).toBe('already_extended');
  });
  it('a forwarding stays open until the initiator is notified (unless the item was anonymous)', () => {
    expect(forwardingComplete({ sentOn: '2026-11-26', initiatorNotifiedOn: null, anonymous: false })).toBe(false);
    expect(forwardingComplete({ sentOn: '2026-11-26', initiatorNotifiedOn: '2026-11-27', anonymous: false })).toBe(true);
    expect(forwardingComplete({ sentOn: '2026-11-26', initiatorNotifiedOn: null, anonymous: true })).toBe(true);
  });
});

describe('canonical content', () => {
  it('does not depend on key order and normalises strings', () => {
    expect(canonicalJson({ b: 1, a: ['қ', { d: null, c: 'е\u0301' }] })).toBe(canonicalJson({ a: ['қ', { c: 'é'.normalize('NFD').replace('e', 'е'), d: null }], b: 1 }));
  });
  it('property: parsing the canonical form gives back the value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const normal = JSON.parse(JSON.stringify(v));
      return JSON.stringify(JSON.parse(canonicalJson(normal))) === JSON.stringify(JSON.parse(canonicalJson(JSON.parse(canonicalJson(normal)))));
    }));
  });
});
