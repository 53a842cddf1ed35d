import type { RuleId } from '../rules/rule.catalog.ts';
import { almatyDate } from '../time/almaty.ts';
import { transition, type MeetingStatus } from './meeting.lifecycle.ts';
import { noticeDeadline, noticeGiven, type Publication } from './notice.rule.ts';

/**
 * Issue 14: a meeting as a task list (GOV.UK's pattern) — plan, announce, invite, prepare the
 * report, hold, protocol, follow-up — each step with its status and the paragraph it rests on,
 * and the one thing to do next. The next action is chosen so that it succeeds now: the guards of
 * the life cycle (meeting.lifecycle.ts) are asked, not re-implemented; when nothing can be done
 * yet, it says from when.
 */
export const MEETING_TASKS = ['plan', 'announce', 'invite', 'prepare', 'hold', 'protocol', 'followup'] as const;
export type MeetingTask = (typeof MEETING_TASKS)[number];

/**
 * done — finished; current — the step to work on now; available — may be done now, not the next one;
 * waiting — cannot be done yet (see `from`); todo — comes later; blocked — can no longer be done
 * as the Rules ask (e.g. the notice deadline passed); skipped — not needed (a cancelled meeting).
 */
export const TASK_STATUSES = ['done', 'current', 'available', 'waiting', 'todo', 'blocked', 'skipped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The one action the meeting page offers first. */
export const NEXT_ACTIONS = ['announce', 'invite', 'edit_plan', 'open_live', 'hold', 'open_protocol', 'follow_up', 'none'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export interface TaskStep { key: MeetingTask; status: TaskStatus; rule: RuleId }
export interface NextStep {
  action: NextAction;
  step: MeetingTask | null;
  /** When the action is not possible yet: the instant it becomes possible. */
  from: Date | null;
}

export interface TaskFacts {
  status: MeetingStatus;
  now: Date;
  startsAt: Date;
  endsAt: Date;
  startDate: string;
  publications: readonly Publication[];
  /** an invitation (not a draft, not declined) exists for each required category. */
  invited: { policeLeadership: boolean; akimat: boolean };
  participants: number;
  items: number;
  protocolStatus: 'draft' | 'signed' | null;
  practice?: boolean;
  /** A meeting entered after the fact: planning and announcing happened outside Esep. */
  lateEntry?: boolean;
}

const RULE: Record<MeetingTask, RuleId> = {
  plan: 'R-27.2', announce: 'R-27.1', invite: 'R-26', prepare: 'R-30', hold: 'R-32.2', protocol: 'R-32.3', followup: 'R-33',
};

const PLANNING: readonly MeetingStatus[] = ['draft', 'scheduled', 'postponed'];
const HELD: readonly MeetingStatus[] = ['held', 'protocol_signed', 'closed'];

/** The steps of the meeting and the next action that will succeed now. */
export function meetingTasks(f: TaskFacts): { steps: TaskStep[]; next: NextStep } {
  const practice = f.practice ?? false;
  const status: Record<MeetingTask, TaskStatus> = {
    plan: 'done', announce: 'todo', invite: 'todo', prepare: 'todo', hold: 'todo', protocol: 'todo', followup: 'todo',
  };
  const steps = () => MEETING_TASKS.map((key) => ({ key, status: status[key], rule: RULE[key] }));
  if (f.status === 'cancelled') {
    for (const key of MEETING_TASKS) if (key !== 'plan') status[key] = 'skipped';
    return { steps: steps(), next: { action: 'none', step: null, from: null } };
  }
  const started = f.startsAt <= f.now;
  const held = HELD.includes(f.status);
  const invited = f.invited.policeLeadership && f.invited.akimat;
  const facts = { startDate: f.startDate, started, publications: f.publications, planProblems: [], protocolSigned: false, executionComplete: false, practice };

  // announcing succeeds while the notice can still be given (a practice meeting: always).
  const today = almatyDate(f.now);
  const noticePossible = practice || noticeGiven(f.publications, f.startDate) || today <= noticeDeadline(f.startDate);
  if (PLANNING.includes(f.status)) {
    const canAnnounce = noticePossible && transition({ ...facts, status: f.status, publications: [{ publishedOn: today, voided: false }, ...f.publications] }, { action: 'announce' }).ok;
    status.announce = canAnnounce ? 'current' : 'blocked';
    status.invite = invited ? 'done' : 'available';
    status.prepare = 'available';
    const next: NextStep = canAnnounce ? { action: 'announce', step: 'announce', from: null } : { action: 'edit_plan', step: 'plan', from: null };
    return { steps: steps(), next };
  }

  status.announce = 'done';
  if (f.lateEntry) status.invite = invited ? 'done' : 'skipped';
  else status.invite = invited ? 'done' : held ? 'blocked' : 'current';
  status.prepare = held ? 'done' : 'available';

  if (f.status === 'announced') {
    const canHold = transition({ ...facts, status: 'announced' }, { action: 'hold' }).ok;
    if (!invited) {
      // R-26 before the day: the invitations still missing come first.
      status.hold = canHold ? 'available' : 'waiting';
      return { steps: steps(), next: canHold ? { action: f.participants > 0 ? 'hold' : 'open_live', step: 'hold', from: null } : { action: 'invite', step: 'invite', from: null } };
    }
    status.hold = canHold ? 'current' : 'waiting';
    if (!canHold) return { steps: steps(), next: { action: 'none', step: 'hold', from: f.startsAt } };
    // During the meeting the register comes first; once people are registered, "held" is next.
    return { steps: steps(), next: { action: f.participants > 0 && (practice || f.endsAt <= f.now || f.items > 0) ? 'hold' : 'open_live', step: 'hold', from: null } };
  }

  status.hold = 'done';
  if (f.status === 'held') {
    status.protocol = 'current';
    return { steps: steps(), next: { action: 'open_protocol', step: 'protocol', from: null } };
  }
  status.protocol = 'done';
  if (f.status === 'protocol_signed') {
    status.followup = 'current';
    return { steps: steps(), next: { action: 'follow_up', step: 'followup', from: null } };
  }
  status.followup = 'done';
  return { steps: steps(), next: { action: 'none', step: null, from: null } };
}
