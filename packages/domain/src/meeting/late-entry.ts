import { ORDER_652_EFFECTIVE_FROM, type RuleId } from '../rules/rule.catalog.ts';
import { addDays, almatyDate } from '../time/almaty.ts';
import type { MeetingStatus, Refusal } from './meeting.lifecycle.ts';
import { quarterOf, quarterStart } from './quarter.ts';

/**
 * A meeting entered after the fact: held during an outage or in a village without a connection,
 * and recorded in Esep later from the paper sheet. It is the inspector's statement that the
 * meeting took place, so the point lead (R-33; the unit or regional head for their territory)
 * confirms it before it becomes evidence: before confirmation its protocol cannot be signed and
 * it does not count for the quarter. It is never a way around the notice:
 * the publications recorded with it are judged exactly as for any meeting.
 *
 * Life cycle of the entry (the meeting itself is created `held`, because it was):
 *
 *   (enter) → pending ─confirm→ confirmed
 *             pending ─return(reason)→ returned ─correct→ pending
 *             pending ─correct→ pending
 *             pending | returned ─withdraw(reason)→ withdrawn   (the meeting is cancelled)
 *
 * While pending or returned the inspector records what the paper sheet holds — the register
 * (R-32.2, entries marked "paper"), items and decisions, awards, the report
 * — and drafts the protocol; signing it waits for the confirmation.
 */
export const LATE_ENTRY_STATUSES = ['pending', 'confirmed', 'returned', 'withdrawn'] as const;
export type LateEntryStatus = (typeof LATE_ENTRY_STATUSES)[number];

export const LATE_ENTRY_ACTIONS = ['confirm', 'return', 'correct', 'withdraw'] as const;
export type LateEntryAction = (typeof LATE_ENTRY_ACTIONS)[number];

/** The meeting status a late entry is created in: it has taken place. */
export const LATE_ENTRY_MEETING_STATUS: MeetingStatus = 'held';

/**
 * How far back a meeting may be entered: the start of the previous calendar quarter, and never
 * before the rules took effect (R-O.6).
 *
 * Why the previous quarter and not the retention period (R-32.6, a year): the quarter board
 * is what leads report upwards, quarter by quarter. Keeping the previous quarter open
 * lets a meeting held in the last days of a quarter — the busiest time — be entered in the first
 * weeks of the next one after an outage (at least a full quarter, 90+ days, to reconnect), while a
 * quarter reported on and closed more than a quarter ago cannot be rewritten after the fact.
 */
export function lateEntryEarliestDate(today: string): string {
  const current = quarterStart(quarterOf(today));
  const previous = quarterStart(quarterOf(addDays(current, -1)));
  return previous < ORDER_652_EFFECTIVE_FROM ? ORDER_652_EFFECTIVE_FROM : previous;
}

export interface LateEntryFacts {
  startsAt: Date;
  endsAt: Date;
  now: Date;
  reason: string;
}

export type LateEntryRefusal = Refusal & { params?: Record<string, string> };

const refusal = (reason: string, rule: RuleId | null, field?: string, params?: Record<string, string>): LateEntryRefusal =>
  ({ reason, rule, ...(field ? { field } : {}), ...(params ? { params } : {}) });

/**
 * What makes an entry after the fact unacceptable, first problem first. A meeting that has not
 * yet ended is not entered after the fact: it is planned and announced ten days ahead.
 */
export function lateEntryProblems(f: LateEntryFacts): LateEntryRefusal[] {
  const problems: LateEntryRefusal[] = [];
  if (!f.reason.trim()) problems.push(refusal('late_reason_missing', null, 'lateReason'));
  if (f.startsAt.getTime() > f.now.getTime()) problems.push(refusal('late_entry_in_future', 'R-27.1', 'startsAt'));
  else if (f.endsAt.getTime() > f.now.getTime()) problems.push(refusal('late_entry_not_over', 'R-27.1', 'endsAt'));
  const today = almatyDate(f.now);
  const earliest = lateEntryEarliestDate(today);
  const startDate = almatyDate(f.startsAt);
  if (startDate < earliest) {
    // Before the order took effect there was no obligation to record; otherwise the bound is the quarter.
    problems.push(earliest === ORDER_652_EFFECTIVE_FROM
      ? refusal('late_entry_before_rules', 'R-O.6', 'startsAt', { earliest })
      : refusal('late_entry_too_old', 'R-22.13', 'startsAt', { earliest }));
  }
  return problems;
}

export interface LateEntryState {
  status: LateEntryStatus;
  /** The user who entered it: he does not confirm or return his own statement. */
  enteredBy: string;
  /** The meeting's status: only a held meeting's entry is decided on or corrected. */
  meetingStatus: MeetingStatus;
}

export type LateEntryInput =
  | { action: 'confirm'; actorId: string }
  | { action: 'return'; actorId: string; reason: string }
  | { action: 'correct'; actorId: string }
  | { action: 'withdraw'; actorId: string; reason: string };

export type LateEntryTransition =
  | { ok: true; to: LateEntryStatus; meetingTo: MeetingStatus }
  | { ok: false; refusal: Refusal; status: 403 | 409 | 400 };

const FROM: Record<LateEntryAction, readonly LateEntryStatus[]> = {
  confirm: ['pending'],
  return: ['pending'],
  correct: ['pending', 'returned'],
  withdraw: ['pending', 'returned'],
};
const TO: Record<LateEntryAction, LateEntryStatus> = { confirm: 'confirmed', return: 'returned', correct: 'pending', withdraw: 'withdrawn' };

/**
 * Decides one action on a late entry. R-33: the confirmation is a second person's control, so
 * the author never decides on his own entry (a lead who entered one has it confirmed by the unit
 * head); a state that forbids the action answers 409, a missing reason 400.
 */
export function lateEntryTransition(entry: LateEntryState, input: LateEntryInput): LateEntryTransition {
  if (entry.meetingStatus !== LATE_ENTRY_MEETING_STATUS || !FROM[input.action].includes(entry.status)) {
    return { ok: false, refusal: { reason: 'late_entry_wrong_status', rule: null }, status: 409 };
  }
  if ((input.action === 'confirm' || input.action === 'return') && input.actorId === entry.enteredBy) {
    return { ok: false, refusal: { reason: 'own_late_entry', rule: 'R-33' }, status: 403 };
  }
  if ((input.action === 'return' || input.action === 'withdraw') && !input.reason.trim()) {
    return { ok: false, refusal: { reason: 'reason_required', rule: null, field: 'reason' }, status: 400 };
  }
  return { ok: true, to: TO[input.action], meetingTo: input.action === 'withdraw' ? 'cancelled' : LATE_ENTRY_MEETING_STATUS };
}

/** Actions open to an entry in its state (the UI offers these; guards still apply). */
export function lateEntryActions(status: LateEntryStatus): LateEntryAction[] {
  return LATE_ENTRY_ACTIONS.filter((action) => FROM[action].includes(status));
}

/** the protocol of a late entry is signed only once the entry is confirmed. */
export function lateEntryAllowsSigning(status: LateEntryStatus | null): boolean {
  return status == null || status === 'confirmed';
}

/**
 * R-22.13: whether a meeting counts for its districts' quarter. An entry after the fact counts
 * from its confirmation: until then the district stands as it would without it (the board still
 * lists the entry, flagged, so the lead sees what awaits him); a returned one does not count.
 */
export function countsForQuarter(lateEntry: LateEntryStatus | null | undefined): boolean {
  return lateEntry == null || lateEntry === 'confirmed';
}
