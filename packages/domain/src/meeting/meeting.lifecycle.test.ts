import { describe, expect, it } from 'vitest';
import { availableActions, transition, type MeetingFacts } from './meeting.lifecycle.ts';

const base: MeetingFacts = {
  status: 'draft', startDate: '2026-12-20', started: false, publications: [], planProblems: [], protocolSigned: false, executionComplete: false,
};

describe('meeting life cycle', () => {
  it('walks draft → scheduled → announced → held', () => {
    expect(transition(base, { action: 'schedule' })).toEqual({ ok: true, to: 'scheduled', voidNotices: false });
    const scheduled = { ...base, status: 'scheduled' as const };
    expect(transition(scheduled, { action: 'announce' })).toMatchObject({ ok: false, refusal: { reason: 'notice_not_given', rule: 'R-27.1' } });
    const noticed = { ...scheduled, publications: [{ publishedOn: '2026-12-10', voided: false }] };
    expect(transition(noticed, { action: 'announce' })).toMatchObject({ ok: true, to: 'announced' });
    const announced = { ...noticed, status: 'announced' as const };
    expect(transition(announced, { action: 'hold' })).toMatchObject({ ok: false, refusal: { reason: 'not_started' } });
    expect(transition({ ...announced, started: true }, { action: 'hold' })).toMatchObject({ ok: true, to: 'held' });
  });

  it('refuses to schedule a plan with problems, naming the first', () => {
    const result = transition({ ...base, planProblems: [{ reason: 'not_adjacent', rule: 'R-27.4', field: 'districtIds' }] }, { action: 'schedule' });
    expect(result).toEqual({ ok: false, refusal: { reason: 'not_adjacent', rule: 'R-27.4', field: 'districtIds' } });
  });

  it('postponing voids the notice and needs a reason', () => {
    const announced = { ...base, status: 'announced' as const };
    expect(transition(announced, { action: 'postpone', reason: ' ' })).toMatchObject({ ok: false, refusal: { reason: 'reason_required' } });
    expect(transition(announced, { action: 'postpone', reason: 'Су тасқыны', newStart: { startDate: '2027-01-20', inFuture: true } }))
      .toEqual({ ok: true, to: 'postponed', voidNotices: true });
  });

  it('refuses actions from the wrong state and lists the available ones', () => {
    expect(transition({ ...base, status: 'cancelled' }, { action: 'schedule' })).toMatchObject({ ok: false, refusal: { reason: 'wrong_status' } });
    expect(availableActions('announced').sort()).toEqual(['cancel', 'hold', 'postpone']);
    expect(availableActions('closed')).toEqual([]);
  });

  it('closing needs the protocol executed (R-33)', () => {
    expect(transition({ ...base, status: 'protocol_signed' }, { action: 'close' })).toMatchObject({ ok: false, refusal: { rule: 'R-33' } });
  });
});

describe('issue 14: announce in one step, and the practice meeting', () => {
  const draft = { status: 'draft' as const, startDate: '2026-12-20', started: false, publications: [], planProblems: [], protocolSigned: false, executionComplete: false };
  it('a draft is announced directly once notice is given (R-27.1)', () => {
    expect(transition(draft, { action: 'announce' })).toMatchObject({ ok: false, refusal: { reason: 'notice_not_given' } });
    expect(transition({ ...draft, publications: [{ publishedOn: '2026-12-04', voided: false }] }, { action: 'announce' })).toMatchObject({ ok: true, to: 'announced' });
  });
  it('"not started" says from when', () => {
    expect(transition({ ...draft, status: 'announced', startLocal: '2026-12-20T18:00' }, { action: 'hold' }))
      .toMatchObject({ ok: false, refusal: { reason: 'not_started', params: { from: '2026-12-20T18:00' } } });
  });
  it('a practice meeting is announced without notice and held before its start', () => {
    expect(transition({ ...draft, practice: true }, { action: 'announce' })).toMatchObject({ ok: true, to: 'announced' });
    expect(transition({ ...draft, practice: true, status: 'announced' }, { action: 'hold' })).toMatchObject({ ok: true, to: 'held' });
  });
});
