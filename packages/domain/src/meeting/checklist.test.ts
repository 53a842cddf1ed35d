import { describe, expect, it } from 'vitest';
import { checklist, type ChecklistFacts } from './checklist.ts';

const base: ChecklistFacts = {
  status: 'held', today: '2026-11-25', startDate: '2026-11-25',
  startsAt: new Date('2026-11-25T18:00:00+05:00'), endsAt: new Date('2026-11-25T20:00:00+05:00'),
  districtIds: ['d1'], adjacency: [], setting: 'gathering', membersCount: null, initiatorsCount: null, format: 'indoor',
  venueCapacity: 100, expectedParticipants: 50, preferredHours: [], publications: [{ publishedOn: '2026-11-10', voided: false }],
  requiredInvitations: { policeLeadership: ['sent'], akimat: ['sent'] },
  holding: { participants: 12, withoutConsent: 0, present: { policeLeadership: true, akimat: false }, items: 3, unclassified: 1, carried: 2, carriedUnaddressed: 1 },
  followUp: { protocolStatus: null, late: null, lateReason: null, videos: 0, toCheck: 1, checks: 0, toForward: 1, forwardings: 0, forwardingsNotified: 0, controlTotal: 0, controlVerified: 0 },
};
const status = (f: ChecklistFacts, key: string) => checklist(f).find((c) => c.key === key)?.status;

describe('checklist: holding the meeting (R-32.2, R-26, R-31, R-30)', () => {
  it('registration is met with entries that all carry consent', () => {
    expect(status(base, 'registration')).toBe('met');
    expect(status({ ...base, holding: { ...base.holding!, participants: 0 } }, 'registration')).toBe('not_met');
  });
  it('attendance counts officials in the register, not only invitations marked attended', () => {
    expect(status(base, 'attended_police_leadership')).toBe('met');
    expect(status(base, 'attended_akimat')).toBe('not_met');
  });
  it('an unclassified item leaves R-31 unmet once held', () => {
    expect(status(base, 'items_classified')).toBe('not_met');
    expect(status({ ...base, holding: { ...base.holding!, unclassified: 0 } }, 'items_classified')).toBe('met');
  });
  it('carried items without a note or final outcome leave R-30 unmet', () => {
    expect(status(base, 'carry_over')).toBe('not_met');
    expect(status({ ...base, status: 'announced' }, 'carry_over')).toBe('pending');
    expect(status({ ...base, holding: { ...base.holding!, carried: 0, carriedUnaddressed: 0 } }, 'carry_over')).toBe('not_applicable');
  });
});

describe('checklist: the protocol and its follow-up (R-32.1, R-32.3–R-32.5, R-33)', () => {
  it('the same-day rule is pending on the meeting day and not met the day after', () => {
    expect(status(base, 'protocol_same_day')).toBe('pending');
    expect(status({ ...base, today: '2026-11-26' }, 'protocol_same_day')).toBe('not_met');
    const late = checklist({ ...base, status: 'protocol_signed', followUp: { ...base.followUp!, protocolStatus: 'signed', late: true, lateReason: 'Свет өшті' } }).find((c) => c.key === 'protocol_same_day')!;
    expect(late.status).toBe('not_met');
    expect(late.message.ru).toContain('Свет өшті');
  });
  it('video, checks, notices and control', () => {
    const signed: ChecklistFacts = { ...base, status: 'protocol_signed', followUp: { ...base.followUp!, protocolStatus: 'signed', late: false, videos: 2, checks: 1, forwardings: 1, forwardingsNotified: 0, controlTotal: 3, controlVerified: 1 } };
    expect(status(signed, 'video')).toBe('met');
    expect(status(signed, 'checks_opened')).toBe('met');
    expect(status(signed, 'initiators_notified')).toBe('pending');
    expect(status({ ...signed, status: 'closed' }, 'initiators_notified')).toBe('not_met');
    expect(status(signed, 'control')).toBe('pending');
    expect(status({ ...signed, status: 'closed' }, 'control')).toBe('met');
    expect(status({ ...signed, followUp: { ...signed.followUp!, checks: 0 } }, 'checks_opened')).toBe('not_met');
  });
  it('the follow-up lines join only once the meeting is held', () => {
    expect(checklist({ ...base, status: 'announced' }).map((c) => c.key)).not.toContain('video');
  });
});
