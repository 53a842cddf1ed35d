import type { MeetingStatus, Refusal } from './meeting.lifecycle.ts';

/**
 * R-27.4: at a joint meeting "several inspectors report at the same time". Whoever plans it
 * commits the others' reports, so every reporting inspector other than the planner agrees to it
 * before it is announced — himself, or on his behalf his point lead or the leadership above
 * (R-33: the point lead directs and controls the inspectors' work). Who reports on a district is
 * R-2.2's answer: the inspector assigned on the meeting date, or the acting one named in the plan;
 * so that is the person asked.
 *
 * Decisions (and why):
 * - Only joint meetings ask: a single-district meeting commits no colleague.
 * - A plan made by someone who may answer for an inspector (his point lead, unit or regional
 *   head) counts as that inspector's agreement, recorded as given on his behalf by the planner:
 *   asking the lead to confirm his own plan adds nothing. The inspector still sees it (the
 *   meeting page names who agreed for him, and his list of agreements shows it) and may decline
 *   with a reason while the meeting is being planned, which his lead then sees.
 * - A change of the covered districts asks again whoever newly reports; a change of the date or
 *   time asks everyone again: the colleague agreed to report on that day at that hour, and the
 *   new hour may find him on duty, on leave or at another meeting (the inspector-overlap check
 *   looks at exactly that). A new venue or format does not ask again: it does not change whether
 *   he can be there.
 * - Answers can be given and changed while the meeting is a draft, scheduled or postponed; once
 *   announced the residents have been told who reports, and the answers stand.
 */
export const AGREEMENT_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Meeting statuses in which agreements are asked and answered (before the announcement). */
export const AGREEMENT_OPEN_STATUSES: readonly MeetingStatus[] = ['draft', 'scheduled', 'postponed'];

/** A covered district and the inspector who reports on it. */
export interface Reporter { districtId: string; staffId: string }

/** An agreement as recorded: for one covered district, asked of its reporting inspector. */
export interface Agreement extends Reporter { status: AgreementStatus }

/** One who has not agreed: named in the refusal to announce and in the checklist. */
export interface OutstandingAgreement extends Reporter { fullName: string; status: Exclude<AgreementStatus, 'accepted'> }

/**
 * The reporters a plan must ask: on a joint meeting, every reporting inspector other
 * than the planner. An inspector reporting on two covered districts is asked for each.
 */
export function agreementsNeeded(districtIds: readonly string[], reporters: readonly Reporter[], plannerStaffId: string | null): Reporter[] {
  if (new Set(districtIds).size <= 1) return [];
  return reporters.filter((r) => r.staffId !== plannerStaffId);
}

export interface Replan<A extends Agreement> {
  /** Answers that still hold: same district, same reporter, same date and time. */
  kept: A[];
  /** Reporters asked (again). */
  asked: Reporter[];
  /** Recorded agreements that no longer apply or are asked again. */
  dropped: A[];
}

/**
 * After a change of plan: a district that left the meeting drops its agreement; a new district,
 * or a new reporter of a district (R-2.2: another inspector assigned on a new date, another
 * acting one), is asked; a new date or time asks everyone again.
 */
export function replanAgreements<A extends Agreement>(previous: readonly A[], needed: readonly Reporter[], timeChanged: boolean): Replan<A> {
  const same = (a: Reporter, b: Reporter) => a.districtId === b.districtId && a.staffId === b.staffId;
  const kept = timeChanged ? [] : previous.filter((p) => needed.some((n) => same(n, p)));
  return {
    kept,
    asked: needed.filter((n) => !kept.some((k) => same(k, n))),
    dropped: previous.filter((p) => !kept.includes(p)),
  };
}

/** Those who have not agreed (still asked, or declined), in the order given. */
export function outstandingAgreements<A extends Agreement>(agreements: readonly A[]): A[] {
  return agreements.filter((a) => a.status !== 'accepted');
}

/** Names, once each and in order, for a sentence ("A, B"). */
export function agreementNames(agreements: ReadonlyArray<{ fullName: string }>): string {
  return [...new Set(agreements.map((a) => a.fullName))].join(', ');
}

/**
 * the meeting may be announced only when every asked inspector agreed. The refusal names
 * who has not (the details carry each one, the sentence their names).
 */
export function agreementRefusal(outstanding: readonly OutstandingAgreement[]): (Refusal & { params: Record<string, unknown> }) | null {
  if (outstanding.length === 0) return null;
  return {
    reason: 'agreement_missing', rule: 'R-27.4',
    params: {
      names: agreementNames(outstanding),
      outstanding: outstanding.map(({ districtId, staffId, fullName, status }) => ({ districtId, staffId, fullName, status })),
    },
  };
}

export type AgreementAnswer = { answer: 'accepted' } | { answer: 'declined'; reason: string };

/** Whether an answer can be given now: only while the meeting is being planned, and a decline says why. */
export function answerRefusal(meetingStatus: MeetingStatus, answer: AgreementAnswer): Refusal | null {
  if (!AGREEMENT_OPEN_STATUSES.includes(meetingStatus)) return { reason: 'wrong_status', rule: null };
  if (answer.answer === 'declined' && !answer.reason.trim()) return { reason: 'reason_required', rule: 'R-27.4', field: 'reason' };
  return null;
}
