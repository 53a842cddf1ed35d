import { describe, expect, it } from 'vitest';
import { meetingTasks, type TaskFacts } from './meeting.tasks.ts';

// 17 December 2026, 18:00 in Almaty (UTC+5).
const start = new Date('2026-12-17T13:00:00Z');
const base: TaskFacts = {
  status: 'draft', now: new Date('2026-12-04T10:00:00Z'), startsAt: start, endsAt: new Date('2026-12-17T14:30:00Z'), startDate: '2026-12-17',
  publications: [], invited: { policeLeadership: false, akimat: false }, participants: 0, items: 0, protocolStatus: null,
};
const statusOf = (r: ReturnType<typeof meetingTasks>) => Object.fromEntries(r.steps.map((s) => [s.key, s.status]));

describe('the meeting as a task list (issue 14)', () => {
  it('a draft 13 days away: announcing is next (R-27.1), never "held"', () => {
    const r = meetingTasks(base);
    expect(r.next).toEqual({ action: 'announce', step: 'announce', from: null });
    expect(statusOf(r)).toMatchObject({ plan: 'done', announce: 'current', invite: 'available', hold: 'todo' });
    expect(r.steps.find((s) => s.key === 'announce')!.rule).toBe('R-27.1');
  });

  it('a draft whose notice deadline passed cannot be announced: the plan must change', () => {
    const r = meetingTasks({ ...base, now: new Date('2026-12-10T10:00:00Z') });
    expect(r.next.action).toBe('edit_plan');
    expect(statusOf(r).announce).toBe('blocked');
  });

  it('a practice meeting is announced and held at once', () => {
    expect(meetingTasks({ ...base, practice: true, now: new Date('2026-12-16T10:00:00Z') }).next.action).toBe('announce');
    const announced = { ...base, practice: true, status: 'announced' as const, invited: { policeLeadership: true, akimat: true } };
    expect(meetingTasks(announced).next.action).toBe('open_live');
    expect(meetingTasks({ ...announced, participants: 3 }).next.action).toBe('hold');
  });

  it('announced and invited, 13 days away: nothing to do until the start, and it says when', () => {
    const r = meetingTasks({ ...base, status: 'announced', publications: [{ publishedOn: '2026-12-04', voided: false }], invited: { policeLeadership: true, akimat: true } });
    expect(r.next).toEqual({ action: 'none', step: 'hold', from: start });
    expect(statusOf(r)).toMatchObject({ announce: 'done', invite: 'done', hold: 'waiting' });
  });

  it('announced without the R-26 invitations: invite first', () => {
    const r = meetingTasks({ ...base, status: 'announced' });
    expect(r.next.action).toBe('invite');
    expect(statusOf(r).invite).toBe('current');
  });

  it('during the meeting: the register, then "held" once people are registered and the meeting ended', () => {
    const during = { ...base, status: 'announced' as const, invited: { policeLeadership: true, akimat: true }, now: new Date('2026-12-17T13:10:00Z') };
    expect(meetingTasks(during).next.action).toBe('open_live');
    expect(meetingTasks({ ...during, participants: 12 }).next.action).toBe('open_live');
    expect(meetingTasks({ ...during, participants: 12, items: 4 }).next.action).toBe('hold');
    expect(meetingTasks({ ...during, participants: 12, now: new Date('2026-12-17T15:00:00Z') }).next.action).toBe('hold');
  });

  it('held → protocol → follow-up → nothing left', () => {
    expect(meetingTasks({ ...base, status: 'held' }).next.action).toBe('open_protocol');
    expect(statusOf(meetingTasks({ ...base, status: 'held' })).invite).toBe('blocked');
    expect(meetingTasks({ ...base, status: 'protocol_signed' }).next.action).toBe('follow_up');
    const closed = meetingTasks({ ...base, status: 'closed' });
    expect(closed.next.action).toBe('none');
    expect(closed.steps.every((s) => s.status === 'done' || s.key === 'invite')).toBe(true);
  });

  it('a cancelled meeting has nothing left to do', () => {
    const r = meetingTasks({ ...base, status: 'cancelled' });
    expect(r.next.action).toBe('none');
    expect(r.steps.filter((s) => s.status === 'skipped')).toHaveLength(6);
  });
});
