import { describe, expect, it } from 'vitest';
import {
  agreementRefusal, agreementsNeeded, answerRefusal, outstandingAgreements, replanAgreements, type Agreement, type OutstandingAgreement,
} from './agreement.rules.ts';
import { checklist, type ChecklistFacts } from './checklist.ts';
import { transition, type MeetingFacts } from './meeting.lifecycle.ts';

const r = (districtId: string, staffId: string) => ({ districtId, staffId });

describe('who must agree to a joint meeting (R-27.4, R-2.2)', () => {
  it('a single-district meeting asks nobody, even when planned by someone else', () => {
    expect(agreementsNeeded(['d1'], [r('d1', 's1')], 'lead')).toEqual([]);
  });
  it('a joint meeting asks every reporting inspector but the planner', () => {
    expect(agreementsNeeded(['d1', 'd2', 'd3'], [r('d1', 's1'), r('d2', 's2'), r('d3', 's3')], 's1')).toEqual([r('d2', 's2'), r('d3', 's3')]);
  });
  it('the planner reporting on two districts (his own and one he acts in) is asked for neither', () => {
    expect(agreementsNeeded(['d1', 'd2'], [r('d1', 's1'), r('d2', 's1')], 's1')).toEqual([]);
  });
  it('the acting inspector named in the plan is the one asked, not the district\'s usual one', () => {
    expect(agreementsNeeded(['d1', 'd2'], [r('d1', 's1'), r('d2', 'acting')], 's1')).toEqual([r('d2', 'acting')]);
  });
  it('a planner who reports on nothing (an administrator, an assistant) asks every reporter', () => {
    expect(agreementsNeeded(['d1', 'd2'], [r('d1', 's1'), r('d2', 's2')], null)).toHaveLength(2);
  });
});

describe('re-planning a joint meeting', () => {
  const previous: Agreement[] = [{ ...r('d2', 's2'), status: 'accepted' }, { ...r('d3', 's3'), status: 'declined' }];
  it('dropping a district drops its agreement and keeps the others\' answers', () => {
    const result = replanAgreements(previous, [r('d2', 's2')], false);
    expect(result.kept).toEqual([previous[0]]);
    expect(result.asked).toEqual([]);
    expect(result.dropped).toEqual([previous[1]]);
  });
  it('a new district, or a new reporter of a district, is asked', () => {
    const result = replanAgreements(previous, [r('d2', 's2'), r('d3', 's3-new'), r('d4', 's4')], false);
    expect(result.kept).toEqual([previous[0]]);
    expect(result.asked).toEqual([r('d3', 's3-new'), r('d4', 's4')]);
    expect(result.dropped).toEqual([previous[1]]);
  });
  it('a new date or time asks everyone again', () => {
    const result = replanAgreements(previous, [r('d2', 's2'), r('d3', 's3')], true);
    expect(result.kept).toEqual([]);
    expect(result.asked).toEqual([r('d2', 's2'), r('d3', 's3')]);
    expect(result.dropped).toEqual(previous);
  });
});

describe('answering', () => {
  it('is possible while the meeting is being planned, not once announced', () => {
    for (const status of ['draft', 'scheduled', 'postponed'] as const) expect(answerRefusal(status, { answer: 'accepted' })).toBeNull();
    for (const status of ['announced', 'held', 'cancelled'] as const) expect(answerRefusal(status, { answer: 'accepted' })?.reason).toBe('wrong_status');
  });
  it('a decline says why', () => {
    expect(answerRefusal('draft', { answer: 'declined', reason: '  ' })).toMatchObject({ reason: 'reason_required', rule: 'R-27.4', field: 'reason' });
    expect(answerRefusal('draft', { answer: 'declined', reason: 'Демалыста боламын' })).toBeNull();
  });
});

const outstanding: OutstandingAgreement[] = [
  { ...r('d2', 's2'), fullName: 'Нұрланов Дәурен', status: 'pending' },
  { ...r('d3', 's3'), fullName: 'Сәрсенбаева Айгүл', status: 'declined' },
];

describe('the announcement waits for every agreement (R-27.4)', () => {
  const facts: MeetingFacts = {
    status: 'scheduled', startDate: '2027-02-20', started: false, publications: [{ publishedOn: '2027-02-01', voided: false }],
    planProblems: [], protocolSigned: false, executionComplete: false,
  };
  it('refuses to announce and names who has not agreed', () => {
    const result = transition({ ...facts, agreementsOutstanding: outstanding }, { action: 'announce' });
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'agreement_missing', rule: 'R-27.4', params: { names: 'Нұрланов Дәурен, Сәрсенбаева Айгүл' } } });
    if (!result.ok) expect(result.refusal.params?.outstanding).toHaveLength(2);
  });
  it('announces once all agreed, and asks nothing of other actions', () => {
    expect(transition({ ...facts, agreementsOutstanding: [] }, { action: 'announce' })).toMatchObject({ ok: true, to: 'announced' });
    expect(transition({ ...facts, status: 'draft', agreementsOutstanding: outstanding }, { action: 'schedule' })).toMatchObject({ ok: true });
    expect(transition({ ...facts, agreementsOutstanding: outstanding }, { action: 'cancel', reason: 'Бас тартты' })).toMatchObject({ ok: true });
  });
  it('an accepted agreement is not outstanding', () => {
    expect(outstandingAgreements([{ ...r('d2', 's2'), status: 'accepted' }, { ...r('d3', 's3'), status: 'pending' }])).toEqual([{ ...r('d3', 's3'), status: 'pending' }]);
    expect(agreementRefusal([])).toBeNull();
  });
});

describe('the checklist line (R-27.4)', () => {
  const base: ChecklistFacts = {
    status: 'scheduled', today: '2027-02-01', startDate: '2027-02-20',
    startsAt: new Date('2027-02-20T18:00:00+05:00'), endsAt: new Date('2027-02-20T20:00:00+05:00'),
    districtIds: ['d1', 'd2', 'd3'], adjacency: [['d1', 'd2'], ['d2', 'd3']], setting: 'gathering', membersCount: null, initiatorsCount: null,
    format: 'indoor', venueCapacity: 100, expectedParticipants: 50, preferredHours: [], publications: [],
    requiredInvitations: { policeLeadership: [], akimat: [] },
  };
  const line = (f: Partial<ChecklistFacts>) => checklist({ ...base, ...f }).find((c) => c.key === 'agreement')!;

  it('lists who has not agreed, in three languages', () => {
    const check = line({ agreements: [{ fullName: 'Нұрланов Дәурен', status: 'pending' }, { fullName: 'Сәрсенбаева Айгүл', status: 'accepted' }] });
    expect(check).toMatchObject({ rule: 'R-27.4', status: 'pending', params: { names: 'Нұрланов Дәурен' } });
    expect(check.message.kk).toContain('Нұрланов Дәурен');
    expect(check.message.ru).toBe('Ожидается согласие: Нұрланов Дәурен');
    expect(check.message.en).toBe('Awaiting the agreement of: Нұрланов Дәурен');
  });
  it('a decline is not met and names who declined', () => {
    const check = line({ agreements: [{ fullName: 'Нұрланов Дәурен', status: 'declined' }, { fullName: 'Сәрсенбаева Айгүл', status: 'pending' }] });
    expect(check.status).toBe('not_met');
    expect(check.message.en).toBe('Declined: Нұрланов Дәурен; Not agreed: Сәрсенбаева Айгүл');
  });
  it('is met when everyone agreed, and not applicable when nobody is asked or the meeting is cancelled', () => {
    expect(line({ agreements: [{ fullName: 'A', status: 'accepted' }] }).status).toBe('met');
    expect(line({ agreements: [] }).status).toBe('not_applicable');
    expect(line({ districtIds: ['d1'] }).status).toBe('not_applicable');
    expect(line({ status: 'cancelled', agreements: [{ fullName: 'A', status: 'pending' }] }).status).toBe('not_applicable');
  });
});
