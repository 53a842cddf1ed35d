import { RULES, type Locale, type RuleId } from '../rules/rule.catalog.ts';
import { firstDisconnected, type AdjacencyPair } from '../org/adjacency.ts';
import type { MeetingStatus } from './meeting.lifecycle.ts';
import { agreementNames, type AgreementStatus } from './agreement.rules.ts';
import { INITIATIVE_SHARE, initiativeShare, type Format, type Setting } from './meeting.plan.ts';
import { noticeDaysLeft, noticeDeadline, noticeGiven, type Publication } from './notice.rule.ts';
import { withinPreferredHours, type PreferredHours } from './preferred-hours.ts';
import { quarterKey, quarterOf } from './quarter.ts';
import { checklistMessage } from './checklist.messages.ts';
import { countsForQuarter, type LateEntryStatus } from './late-entry.ts';
import { lateEntryMessage } from './late-entry.messages.ts';

/**
 * One list of checks for a meeting, each with its rule, a status and a sentence in the user's
 * language. Checks of later stages (registration, protocol, video) join when those exist.
 * A rule not yet in force on the meeting's date (R-O.6) is "not applicable".
 */
export const CHECK_STATUSES = ['met', 'not_met', 'pending', 'not_applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface Check {
  key: string;
  rule: RuleId;
  status: CheckStatus;
  message: Record<Locale, string>;
  params: Record<string, string | number>;
}

export interface ChecklistFacts {
  status: MeetingStatus;
  today: string;
  startDate: string;
  startsAt: Date;
  endsAt: Date;
  districtIds: readonly string[];
  adjacency: readonly AdjacencyPair[];
  setting: Setting;
  membersCount: number | null;
  initiatorsCount: number | null;
  format: Format;
  venueCapacity: number | null;
  expectedParticipants: number | null;
  preferredHours: readonly PreferredHours[];
  publications: readonly Publication[];
  /** Invitations of the R-26 categories: police leadership and the akimat. */
  requiredInvitations: { policeLeadership: InvitationState[]; akimat: InvitationState[] };
  /** What was recorded at the meeting; absent before anything was. */
  holding?: HoldingFacts;
  /** The protocol and its follow-up; absent before the protocol exists. */
  followUp?: FollowUpChecklistFacts;
  /** the agreements asked of the other reporting inspectors of a joint meeting (none: nobody asked). */
  agreements?: ReadonlyArray<{ fullName: string; status: AgreementStatus }>;
  /** Set when the meeting was entered after the fact (late-entry.ts). */
  lateEntry?: LateEntryChecklistFacts;
}

export interface LateEntryChecklistFacts {
  status: LateEntryStatus;
  /** Asia/Almaty date the entry was made, and who made it. */
  enteredOn: string;
  enteredBy: string;
  reason: string;
  /** Who must confirm it: the point lead by name when the point has one, else null. */
  confirmer: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
  returnReason: string | null;
}

export interface FollowUpChecklistFacts {
  protocolStatus: 'draft' | 'signed' | null;
  late: boolean | null;
  lateReason: string | null;
  videos: number;
  toCheck: number;
  checks: number;
  toForward: number;
  forwardings: number;
  /** Forwardings sent with the initiator told (or raised anonymously). */
  forwardingsNotified: number;
  /** Decisions, checks and forwardings, and how many of them the point lead verified. */
  controlTotal: number;
  controlVerified: number;
}

export interface HoldingFacts {
  /** Entries in the register, and how many of them lack a recorded consent. */
  participants: number;
  withoutConsent: number;
  /** the register holds someone of police leadership / of the akimat. */
  present: { policeLeadership: boolean; akimat: boolean };
  items: number;
  unclassified: number;
  /** items carried over from earlier meetings, and how many the report leaves unaddressed. */
  carried: number;
  carriedUnaddressed: number;
}

export type InvitationState = 'draft' | 'sent' | 'accepted' | 'declined' | 'attended' | 'absent';

const HELD: readonly MeetingStatus[] = ['held', 'protocol_signed', 'closed'];

export function checklist(f: ChecklistFacts): Check[] {
  const checks: Check[] = [];
  const add = (key: string, rule: RuleId, status: CheckStatus, params: Record<string, string | number> = {}, message?: Record<Locale, string>) => {
    const inForce = RULES[rule].effectiveFrom <= f.startDate;
    const finalStatus = inForce ? status : 'not_applicable';
    checks.push({ key, rule, status: finalStatus, params, message: inForce && message ? message : checklistMessage(inForce ? `${key}.${status}` : 'not_in_force', params) });
  };
  const held = HELD.includes(f.status);
  const cancelled = f.status === 'cancelled';

  // notice of at least 10 calendar days.
  const deadline = noticeDeadline(f.startDate);
  const daysLeft = noticeDaysLeft(f.today, f.startDate);
  if (noticeGiven(f.publications, f.startDate)) add('notice', 'R-27.1', 'met', { deadline });
  else add('notice', 'R-27.1', daysLeft >= 0 && !held && !cancelled ? 'pending' : 'not_met', { deadline, daysLeft: Math.max(daysLeft, 0) });

  // police leadership and the akimat are invited, then attend.
  for (const [key, states] of [['police_leadership', f.requiredInvitations.policeLeadership], ['akimat', f.requiredInvitations.akimat]] as const) {
    const invited = states.some((s) => s !== 'draft' && s !== 'declined');
    if (!held) add(`invited_${key}`, 'R-26', invited ? 'met' : cancelled ? 'not_applicable' : 'pending');
    else {
      const present = key === 'police_leadership' ? f.holding?.present.policeLeadership : f.holding?.present.akimat;
      add(`attended_${key}`, 'R-26', states.includes('attended') || present ? 'met' : 'not_met');
    }
  }

  // everyone present is registered, each with consent; the count comes from the register.
  const h = f.holding;
  const participants = h?.participants ?? 0;
  if (cancelled) add('registration', 'R-32.2', 'not_applicable');
  else if (!held && participants === 0) add('registration', 'R-32.2', 'pending');
  else if (participants > 0 && (h?.withoutConsent ?? 0) === 0) add('registration', 'R-32.2', 'met', { count: participants });
  else add('registration', 'R-32.2', 'not_met', { count: participants, withoutConsent: h?.withoutConsent ?? 0 });

  // every item raised is classified — answered, to be checked, or to be forwarded.
  const items = h?.items ?? 0;
  const unclassified = h?.unclassified ?? 0;
  if (cancelled) add('items_classified', 'R-31', 'not_applicable');
  else if (unclassified > 0) add('items_classified', 'R-31', held ? 'not_met' : 'pending', { count: items, unclassified });
  else add('items_classified', 'R-31', held || items > 0 ? 'met' : 'pending', { count: items, unclassified: 0 });

  // the report answers for every item carried over from earlier meetings.
  const carried = h?.carried ?? 0;
  const unaddressed = h?.carriedUnaddressed ?? 0;
  if (cancelled || carried === 0) add('carry_over', 'R-30', 'not_applicable');
  else if (unaddressed === 0) add('carry_over', 'R-30', 'met', { count: carried });
  else add('carry_over', 'R-30', held ? 'not_met' : 'pending', { count: carried, unaddressed });

  // a joint meeting covers adjacent districts.
  if (f.districtIds.length <= 1) add('adjacency', 'R-27.4', 'not_applicable');
  else add('adjacency', 'R-27.4', firstDisconnected(f.districtIds, f.adjacency) ? 'not_met' : 'met', { count: f.districtIds.length });

  // the other reporting inspectors agreed to the joint meeting; the line names who has not.
  const agreements = f.agreements ?? [];
  const pending = agreementNames(agreements.filter((a) => a.status === 'pending'));
  const declined = agreements.filter((a) => a.status === 'declined');
  if (cancelled || agreements.length === 0) add('agreement', 'R-27.4', 'not_applicable');
  else if (!pending && declined.length === 0) add('agreement', 'R-27.4', 'met', { count: agreements.length });
  // A decline must be dealt with (the district dropped, or the meeting cancelled); so must an
  // answer still missing once the meeting is out of planning.
  else if (declined.length > 0 || !['draft', 'scheduled', 'postponed'].includes(f.status)) add('agreement', 'R-27.4', 'not_met', { names: pending, declined: agreementNames(declined) });
  else add('agreement', 'R-27.4', 'pending', { names: pending });

  // at least 10 % of members for a meeting on their initiative.
  if (f.setting !== 'initiative_meeting') add('initiative', 'R-27.3', 'not_applicable');
  else {
    const share = f.membersCount ? initiativeShare(f.membersCount, f.initiatorsCount ?? 0) : 0;
    add('initiative', 'R-27.3', share >= INITIATIVE_SHARE ? 'met' : 'not_met', { share: Math.round(share * 1000) / 10 });
  }

  // a venue for the expected number, at a convenient time.
  if (f.format === 'online') add('capacity', 'R-27.2', 'not_applicable');
  else if (f.venueCapacity == null || f.expectedParticipants == null) add('capacity', 'R-27.2', 'pending');
  else add('capacity', 'R-27.2', f.expectedParticipants <= f.venueCapacity ? 'met' : 'not_met', { expected: f.expectedParticipants, capacity: f.venueCapacity });
  if (f.preferredHours.length === 0) add('convenient_time', 'R-27.2', 'not_applicable');
  else add('convenient_time', 'R-27.2', withinPreferredHours(f.preferredHours, f.startsAt, f.endsAt) ? 'met' : 'not_met');

  // the protocol and what follows it.
  const fu = f.followUp;
  const signed = f.status === 'protocol_signed' || f.status === 'closed';
  // They join the list once the meeting is held: before, there is nothing to judge.
  if (held) {
    if (fu?.protocolStatus === 'signed') add('protocol_same_day', 'R-32.3', fu.late ? 'not_met' : 'met', fu.late ? { reason: fu.lateReason ?? '' } : {});
    else add('protocol_same_day', 'R-32.3', f.today <= f.startDate ? 'pending' : 'not_met');
    add('video', 'R-32.1', (fu?.videos ?? 0) > 0 ? 'met' : f.status === 'closed' ? 'not_met' : 'pending', { count: fu?.videos ?? 0 });
    const toCheck = fu?.toCheck ?? 0;
    if (toCheck === 0) add('checks_opened', 'R-32.4', 'not_applicable');
    else add('checks_opened', 'R-32.4', (fu?.checks ?? 0) >= toCheck ? 'met' : signed ? 'not_met' : 'pending', { count: toCheck, opened: fu?.checks ?? 0 });
    const toForward = fu?.toForward ?? 0;
    if (toForward === 0) add('initiators_notified', 'R-32.5', 'not_applicable');
    else add('initiators_notified', 'R-32.5', (fu?.forwardingsNotified ?? 0) >= toForward ? 'met' : f.status === 'closed' ? 'not_met' : 'pending', { count: toForward, notified: fu?.forwardingsNotified ?? 0 });
    if (f.status === 'closed') add('control', 'R-33', 'met');
    else add('control', 'R-33', 'pending', { total: fu?.controlTotal ?? 0, verified: fu?.controlVerified ?? 0 });
  }

  // an entry after the fact names who must confirm it, then who did (or why it was returned).
  const late = f.lateEntry;
  if (late) {
    const params = Object.fromEntries(Object.entries({
      enteredOn: late.enteredOn, enteredBy: late.enteredBy, reason: late.reason, confirmer: late.confirmer,
      decidedBy: late.decidedBy, decidedOn: late.decidedOn, returnReason: late.returnReason,
    }).filter(([, v]) => v != null)) as Record<string, string>;
    const status: CheckStatus = late.status === 'confirmed' ? 'met' : late.status === 'returned' ? 'not_met' : late.status === 'pending' ? 'pending' : 'not_applicable';
    add('late_entry', 'R-33', status, params, lateEntryMessage(`check.${late.status}`, params));
  }

  // R-22.13: the meeting covers its districts' quarter once held and signed — an entry after
  // the fact only once confirmed as well.
  const quarter = quarterKey(quarterOf(f.startDate));
  if (cancelled) add('quarter', 'R-22.13', 'not_applicable', { quarter });
  else if (late && !countsForQuarter(late.status)) {
    const status: CheckStatus = late.status === 'returned' ? 'not_met' : 'pending';
    add('quarter', 'R-22.13', status, { quarter }, lateEntryMessage(`quarter.${late.status}`, { quarter }));
  } else add('quarter', 'R-22.13', f.status === 'protocol_signed' || f.status === 'closed' ? 'met' : 'pending', { quarter });
  return checks;
}
