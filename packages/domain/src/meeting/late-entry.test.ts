import { describe, expect, it } from 'vitest';
import { checklist, type ChecklistFacts } from './checklist.ts';
import {
  countsForQuarter, lateEntryActions, lateEntryAllowsSigning, lateEntryEarliestDate, lateEntryProblems, lateEntryTransition, type LateEntryState,
} from './late-entry.ts';
import { LATE_ENTRY_MESSAGE_KEYS, lateEntryMessage } from './late-entry.messages.ts';
import { districtObligation, inspectorObligation, type MeetingForObligation } from './obligation.ts';

const now = new Date('2026-11-25T21:00:00+05:00');
const facts = (over: Partial<Parameters<typeof lateEntryProblems>[0]> = {}) => ({
  startsAt: new Date('2026-11-20T18:00:00+05:00'), endsAt: new Date('2026-11-20T20:00:00+05:00'), now, reason: 'Ауылда байланыс болмады', ...over,
});
const reasons = (f: Parameters<typeof lateEntryProblems>[0]) => lateEntryProblems(f).map((p) => p.reason);

describe('entering a meeting after the fact: when', () => {
  it('accepts a meeting that has ended, with a reason', () => {
    expect(lateEntryProblems(facts())).toEqual([]);
    // Ended a minute ago, on the same evening.
    expect(reasons(facts({ startsAt: new Date('2026-11-25T19:00:00+05:00'), endsAt: new Date('2026-11-25T20:59:00+05:00') }))).toEqual([]);
  });
  it('refuses a meeting in the future: it is planned and announced (R-27.1)', () => {
    const [problem] = lateEntryProblems(facts({ startsAt: new Date('2026-11-26T18:00:00+05:00'), endsAt: new Date('2026-11-26T20:00:00+05:00') }));
    expect(problem).toMatchObject({ reason: 'late_entry_in_future', rule: 'R-27.1', field: 'startsAt' });
  });
  it('refuses a meeting that has not ended yet', () => {
    expect(lateEntryProblems(facts({ startsAt: new Date('2026-11-25T20:00:00+05:00'), endsAt: new Date('2026-11-25T22:00:00+05:00') }))[0])
      .toMatchObject({ reason: 'late_entry_not_over', rule: 'R-27.1', field: 'endsAt' });
  });
  it('needs a reason', () => {
    expect(lateEntryProblems(facts({ reason: '   ' }))[0]).toMatchObject({ reason: 'late_reason_missing', rule: null, field: 'lateReason' });
  });
  it('reaches back to the start of the previous quarter, judged in Almaty dates', () => {
    expect(lateEntryEarliestDate('2026-11-25')).toBe('2026-07-01');
    expect(lateEntryEarliestDate('2027-01-01')).toBe('2026-10-01');
    expect(lateEntryEarliestDate('2026-03-31')).toBe('2025-10-01');
    // 31 Dec 19:30 UTC is already 1 January in Almaty: the previous quarter is Q4.
    const newYear = new Date('2026-12-31T19:30:00Z');
    expect(reasons(facts({ now: newYear, startsAt: new Date('2026-09-30T18:00:00+05:00'), endsAt: new Date('2026-09-30T20:00:00+05:00') }))).toEqual(['late_entry_too_old']);
    expect(reasons(facts({ now: newYear, startsAt: new Date('2026-10-01T10:00:00+05:00'), endsAt: new Date('2026-10-01T12:00:00+05:00') }))).toEqual([]);
  });
  it('names the first day allowed and the rule: R-22.13 for the quarter, R-O.6 before the order took effect', () => {
    const old = lateEntryProblems(facts({ startsAt: new Date('2026-06-30T18:00:00+05:00'), endsAt: new Date('2026-06-30T20:00:00+05:00') }))[0]!;
    expect(old).toMatchObject({ reason: 'late_entry_too_old', rule: 'R-22.13', params: { earliest: '2026-07-01' } });
    const early = lateEntryProblems(facts({ now: new Date('2023-10-10T12:00:00+06:00'), startsAt: new Date('2023-09-01T18:00:00+06:00'), endsAt: new Date('2023-09-01T20:00:00+06:00') }))[0]!;
    expect(early).toMatchObject({ reason: 'late_entry_before_rules', rule: 'R-O.6', params: { earliest: '2023-09-04' } });
  });
});

describe('entering a meeting after the fact: confirmation (R-33)', () => {
  const pending: LateEntryState = { status: 'pending', enteredBy: 'inspector', meetingStatus: 'held' };
  it('the lead confirms a pending entry; the meeting stays held', () => {
    expect(lateEntryTransition(pending, { action: 'confirm', actorId: 'lead' })).toEqual({ ok: true, to: 'confirmed', meetingTo: 'held' });
  });
  it('the author never decides on his own entry (403)', () => {
    expect(lateEntryTransition(pending, { action: 'confirm', actorId: 'inspector' })).toMatchObject({ ok: false, status: 403, refusal: { reason: 'own_late_entry', rule: 'R-33' } });
    expect(lateEntryTransition(pending, { action: 'return', actorId: 'inspector', reason: 'x' })).toMatchObject({ ok: false, status: 403 });
  });
  it('a return needs its reason; a returned entry is corrected back to pending', () => {
    expect(lateEntryTransition(pending, { action: 'return', actorId: 'lead', reason: ' ' })).toMatchObject({ ok: false, status: 400, refusal: { reason: 'reason_required' } });
    expect(lateEntryTransition(pending, { action: 'return', actorId: 'lead', reason: 'Тізілім көшірмесі жоқ' })).toMatchObject({ ok: true, to: 'returned' });
    const returned = { ...pending, status: 'returned' as const };
    expect(lateEntryTransition(returned, { action: 'confirm', actorId: 'lead' })).toMatchObject({ ok: false, status: 409, refusal: { reason: 'late_entry_wrong_status' } });
    expect(lateEntryTransition(returned, { action: 'correct', actorId: 'inspector' })).toMatchObject({ ok: true, to: 'pending' });
  });
  it('withdrawing cancels the meeting; nothing is decided on a confirmed entry', () => {
    expect(lateEntryTransition(pending, { action: 'withdraw', actorId: 'inspector', reason: 'Қате енгізілді' })).toEqual({ ok: true, to: 'withdrawn', meetingTo: 'cancelled' });
    const confirmed = { ...pending, status: 'confirmed' as const };
    for (const action of ['confirm', 'correct'] as const) expect(lateEntryTransition(confirmed, { action, actorId: 'lead' })).toMatchObject({ ok: false, status: 409 });
    expect(lateEntryActions('confirmed')).toEqual([]);
    expect(lateEntryActions('returned')).toEqual(['correct', 'withdraw']);
    // An entry whose meeting moved on (cancelled, signed) is not decided on.
    expect(lateEntryTransition({ ...pending, meetingStatus: 'cancelled' }, { action: 'confirm', actorId: 'lead' })).toMatchObject({ ok: false, status: 409 });
  });
  it('the protocol is signed only once confirmed; an ordinary meeting signs as ever', () => {
    expect(lateEntryAllowsSigning(null)).toBe(true);
    expect(lateEntryAllowsSigning('confirmed')).toBe(true);
    expect(lateEntryAllowsSigning('pending')).toBe(false);
    expect(lateEntryAllowsSigning('returned')).toBe(false);
  });
});

describe('entering a meeting after the fact: the quarter (R-22.13)', () => {
  const Q4 = { year: 2026, quarter: 4 as const };
  const meeting = (over: Partial<MeetingForObligation>): MeetingForObligation =>
    ({ id: 'm', status: 'held', startDate: '2026-11-20', districtIds: ['d1'], reportingStaffIds: ['s1'], noticeGiven: false, ...over });
  it('counts from its confirmation', () => {
    expect(countsForQuarter(undefined)).toBe(true);
    expect(districtObligation(Q4, '2026-12-10', 21, 'd1', [meeting({ lateEntry: 'pending' })]).status).toBe('at_risk');
    expect(districtObligation(Q4, '2027-01-05', 21, 'd1', [meeting({ lateEntry: 'returned' })]).status).toBe('missed');
    expect(districtObligation(Q4, '2026-12-10', 21, 'd1', [meeting({ lateEntry: 'confirmed' })])).toMatchObject({ status: 'held', meetingIds: ['m'] });
    expect(districtObligation(Q4, '2027-01-05', 21, 'd1', [meeting({ lateEntry: 'confirmed', status: 'protocol_signed' })]).status).toBe('met');
    expect(inspectorObligation(Q4, 's1', [], [meeting({ lateEntry: 'confirmed', status: 'protocol_signed' })])).toBe('met');
  });
});

describe('entering a meeting after the fact: the checklist', () => {
  const base: ChecklistFacts = {
    status: 'held', today: '2026-11-25', startDate: '2026-11-20',
    startsAt: new Date('2026-11-20T18:00:00+05:00'), endsAt: new Date('2026-11-20T20:00:00+05:00'),
    districtIds: ['d1'], adjacency: [], setting: 'gathering', membersCount: null, initiatorsCount: null, format: 'indoor',
    venueCapacity: null, expectedParticipants: null, preferredHours: [], publications: [{ publishedOn: '2026-11-15', voided: false }],
    requiredInvitations: { policeLeadership: [], akimat: [] },
    lateEntry: { status: 'pending', enteredOn: '2026-11-25', enteredBy: 'Әбдіғалиев Н.', reason: 'Жарық болмады', confirmer: 'Сейітов Қ.', decidedBy: null, decidedOn: null, returnReason: null },
  };
  const line = (f: ChecklistFacts, key: string) => checklist(f).find((c) => c.key === key);
  it('names the rule and who must confirm', () => {
    const late = line(base, 'late_entry')!;
    expect(late).toMatchObject({ rule: 'R-33', status: 'pending' });
    expect(late.message.ru).toContain('Сейітов Қ.');
    expect(late.message.en).toContain('Entered after the fact on 2026-11-25');
    expect(late.message.kk).toContain('Жарық болмады');
    expect(line({ ...base, lateEntry: { ...base.lateEntry!, confirmer: null } }, 'late_entry')!.message.ru).toContain('руководитель УПП');
  });
  it('shows who confirmed, or who returned it and why', () => {
    const confirmed = line({ ...base, lateEntry: { ...base.lateEntry!, status: 'confirmed', decidedBy: 'Сейітов Қ.', decidedOn: '2026-11-26' } }, 'late_entry')!;
    expect(confirmed.status).toBe('met');
    expect(confirmed.message.en).toContain('confirmed on 2026-11-26 by Сейітов Қ.');
    const returned = line({ ...base, lateEntry: { ...base.lateEntry!, status: 'returned', decidedBy: 'Сейітов Қ.', decidedOn: '2026-11-26', returnReason: 'Қағаз парақтың суреті жоқ' } }, 'late_entry')!;
    expect(returned.status).toBe('not_met');
    expect(returned.message.ru).toContain('Қағаз парақтың суреті жоқ');
  });
  it('the notice is judged from the publications recorded, as for any meeting (R-27.1)', () => {
    // Published 5 days before the meeting: not 10, so not met — entering late changes nothing.
    expect(line(base, 'notice')!.status).toBe('not_met');
    expect(line({ ...base, publications: [{ publishedOn: '2026-11-10', voided: false }] }, 'notice')!.status).toBe('met');
    expect(line({ ...base, publications: [] }, 'notice')!.status).toBe('not_met');
  });
  it('the quarter line waits for the confirmation; a returned entry does not count', () => {
    expect(line(base, 'quarter')).toMatchObject({ status: 'pending' });
    expect(line(base, 'quarter')!.message.en).toContain('once the point lead confirms');
    expect(line({ ...base, lateEntry: { ...base.lateEntry!, status: 'returned' } }, 'quarter')!.status).toBe('not_met');
    const signed = { ...base, status: 'protocol_signed' as const, lateEntry: { ...base.lateEntry!, status: 'confirmed' as const, decidedBy: 'x', decidedOn: '2026-11-26' } };
    expect(line(signed, 'quarter')!.status).toBe('met');
  });
  it('an ordinary meeting has no late-entry line', () => {
    expect(line({ ...base, lateEntry: undefined }, 'late_entry')).toBeUndefined();
  });
  it('every sentence exists in kk, ru and en', () => {
    for (const key of LATE_ENTRY_MESSAGE_KEYS) {
      const m = lateEntryMessage(key, { earliest: '2026-07-01', quarter: '2026-Q4', enteredOn: 'd', enteredBy: 'b', reason: 'r', decidedBy: 'x', decidedOn: 'y', returnReason: 'z' });
      for (const text of [m.kk, m.ru, m.en]) expect(text && text !== key).toBe(true);
    }
  });
});
