import type { RuleId } from '../rules/rule.catalog.ts';
import { agreementRefusal, type OutstandingAgreement } from './agreement.rules.ts';
import { noticeGiven, type Publication } from './notice.rule.ts';

/**
 * The life of a reporting meeting as an explicit state machine. Every change of state is a
 * named action with a guard; a refused action names its reason and the rule it enforces.
 *
 *   draft ─announce→ announced   (issue 14: planning, recording the publication and announcing in one step)
 *   draft ─schedule→ scheduled ─announce→ announced ─hold→ held ─signProtocol→ protocol_signed ─close→ closed
 *   scheduled | announced ─postpone→ postponed ─announce→ announced   (a fresh notice for the new date)
 *   postponed ─reschedule→ postponed (new date, notice still needed)
 *   draft | scheduled | announced | postponed ─cancel→ cancelled
 *
 * A meeting entered after the fact (late-entry.ts) starts as held, because it was; its entry's
 * own life (pending → confirmed, returned, withdrawn) decides when its protocol may be signed.
 */
export const MEETING_STATUSES = ['draft', 'scheduled', 'announced', 'held', 'protocol_signed', 'closed', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_ACTIONS = ['schedule', 'announce', 'hold', 'signProtocol', 'close', 'postpone', 'reschedule', 'cancel'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/** What the guards need to know about a meeting. */
export interface MeetingFacts {
  status: MeetingStatus;
  /** Calendar date of the start in Asia/Almaty. */
  startDate: string;
  /** The start instant has passed. */
  started: boolean;
  publications: readonly Publication[];
  /** Problems that make the plan incomplete (missing venue, link, inspector…), each with its rule. */
  planProblems: readonly Refusal[];
  protocolSigned: boolean;
  executionComplete: boolean;
  /** reporting inspectors of a joint meeting who have not agreed to it (absent: none asked). */
  agreementsOutstanding?: readonly OutstandingAgreement[];
  /**
   * Issue 14: a practice meeting, for learning the cycle. It never counts for a quarter, so the
   * date rules that protect residents (R-27.1 notice, the start before "held") do not hold it back.
   */
  practice?: boolean;
  /** The start as Asia/Almaty reads it (YYYY-MM-DDTHH:MM), for "not before …" refusals. */
  startLocal?: string;
}

export interface Refusal { reason: string; rule: RuleId | null; field?: string; params?: Record<string, unknown> }

export type ActionInput =
  | { action: 'schedule' } | { action: 'announce' } | { action: 'hold' } | { action: 'signProtocol' } | { action: 'close' }
  | { action: 'postpone'; reason: string; newStart?: { startDate: string; inFuture: boolean } }
  | { action: 'reschedule'; newStart: { startDate: string; inFuture: boolean } }
  | { action: 'cancel'; reason: string };

const FROM: Record<MeetingAction, readonly MeetingStatus[]> = {
  schedule: ['draft'],
  announce: ['draft', 'scheduled', 'postponed'],
  hold: ['announced'],
  signProtocol: ['held'],
  close: ['protocol_signed'],
  postpone: ['scheduled', 'announced'],
  reschedule: ['postponed'],
  cancel: ['draft', 'scheduled', 'announced', 'postponed'],
};

const TO: Record<MeetingAction, MeetingStatus> = {
  schedule: 'scheduled', announce: 'announced', hold: 'held', signProtocol: 'protocol_signed', close: 'closed',
  postpone: 'postponed', reschedule: 'postponed', cancel: 'cancelled',
};

export type Transition = { ok: true; to: MeetingStatus; voidNotices: boolean } | { ok: false; refusal: Refusal };

const refuse = (reason: string, rule: RuleId | null, field?: string): Transition => ({ ok: false, refusal: { reason, rule, ...(field ? { field } : {}) } });

/** Decides whether an action may happen now, and where it leads. */
export function transition(meeting: MeetingFacts, input: ActionInput): Transition {
  if (!FROM[input.action].includes(meeting.status)) return refuse('wrong_status', null);
  switch (input.action) {
    case 'schedule':
      if (meeting.started) return refuse('start_in_past', 'R-27.1', 'startsAt');
      if (meeting.planProblems.length > 0) return { ok: false, refusal: meeting.planProblems[0]! };
      break;
    case 'announce':
      if (meeting.practice) {
        if (meeting.planProblems.length > 0) return { ok: false, refusal: meeting.planProblems[0]! };
        break;
      }
      if (meeting.started) return refuse('start_in_past', 'R-27.1', 'startsAt');
      // a joint meeting is announced only once every other reporting inspector agreed.
      {
        const missing = agreementRefusal(meeting.agreementsOutstanding ?? []);
        if (missing) return { ok: false, refusal: missing };
      }
      // announced means a publication no later than 10 calendar days before.
      if (!noticeGiven(meeting.publications, meeting.startDate)) return refuse('notice_not_given', 'R-27.1');
      if (meeting.planProblems.length > 0) return { ok: false, refusal: meeting.planProblems[0]! };
      break;
    case 'hold':
      // A practice meeting is held at once; a real one once it has begun, and the refusal says when.
      if (!meeting.started && !meeting.practice) {
        return { ok: false, refusal: { reason: 'not_started', rule: null, ...(meeting.startLocal ? { params: { from: meeting.startLocal } } : {}) } };
      }
      break;
    case 'signProtocol':
      if (!meeting.protocolSigned) return refuse('protocol_unsigned', 'R-32.3');
      break;
    case 'close':
      // the protocol is executed when every decision, check and forwarding is closed.
      if (!meeting.executionComplete) return refuse('execution_incomplete', 'R-33');
      break;
    case 'postpone':
      if (!input.reason.trim()) return refuse('reason_required', null, 'reason');
      if (input.newStart && !input.newStart.inFuture) return refuse('start_in_past', 'R-27.1', 'startsAt');
      // A new date voids the notice given for the old one: needs a fresh notice.
      return { ok: true, to: TO.postpone, voidNotices: true };
    case 'reschedule':
      if (!input.newStart.inFuture) return refuse('start_in_past', 'R-27.1', 'startsAt');
      return { ok: true, to: TO.reschedule, voidNotices: true };
    case 'cancel':
      if (!input.reason.trim()) return refuse('reason_required', null, 'reason');
      break;
  }
  return { ok: true, to: TO[input.action], voidNotices: false };
}

/** Actions open to a meeting in its current state (the UI offers these; guards still apply). */
export function availableActions(status: MeetingStatus): MeetingAction[] {
  return MEETING_ACTIONS.filter((action) => FROM[action].includes(status));
}

/** A meeting that still counts as planned for its quarter. */
export const ACTIVE_STATUSES: readonly MeetingStatus[] = ['scheduled', 'announced', 'postponed', 'held', 'protocol_signed', 'closed'];
