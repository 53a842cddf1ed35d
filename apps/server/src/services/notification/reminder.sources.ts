import {
  districtsAtRisk, forwardingsWithoutInitiatorNotice, meetingInspectorAccounts, openChecksDue, staffAccounts, unannouncedMeetings,
  unansweredInvitations, unsentForwardingsDue, type QuarterClock,
} from '@esep/db';
import {
  addDays, dayRemindersStarted, districtObligation, followUpReminderDueDates, followUpReminderKind, initiatorReminderDue, initiatorReminderSentRange,
  invitationReminderDue, invitationReminderMeetingDates, NOTICE_DAYS, noticeDeadline, noticeReminderKind, noticeReminderMeetingDates,
  quarterAtRiskStarts, quarterDaysLeft, quarterEnd, quarterKey, quarterOf, quarterStart, reminderDates,
} from '@esep/domain';
import type { ServiceContext } from '../context.ts';
import type { NotificationDeps, Reminder, ReminderSource } from './reminder.service.ts';

/*
 * Issue 12: the reminders about a day's deadline, one source per rule. Each asks the database for
 * the day's candidates (reminder.repository.ts) and the domain whether each is due
 * (reminder.rules.ts), and answers one reminder per recipient's Esep account. All go out from
 * 09:00 Almaty (`dayRemindersStarted`): before that a source answers nothing without a query.
 */

/** An Esep account a reminder goes to, with its interface language. */
export interface Recipient { userId: string; locale: string }

/**
 * A name the directory keeps in Kazakh and Russian (topics in English too), in the recipient's
 * interface language: a reminder's params are one value for every language it is rendered in
 * (the bell follows the request's language), so the recipient's own is the best single choice.
 * Russian stands in for English where there is none.
 */
export function inLocale(locale: string, names: { kk: string; ru: string; en?: string | null }): string {
  if (locale === 'kk') return names.kk;
  return locale === 'en' && names.en ? names.en : names.ru;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** The Esep accounts of these meetings' reporting inspectors, by meeting. */
async function inspectorsOf(ctx: ServiceContext, meetingIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  return groupBy(await meetingInspectorAccounts(ctx.db, [...new Set(meetingIds)]), (a) => a.meetingId);
}

// ───: the notice ─────────────────────────────────────────────────────
export interface NoticeCandidate { meetingId: string; number: string; startDate: string }

export function noticeReminder(kind: 'notice_due_soon' | 'notice_due_today', m: NoticeCandidate, to: Recipient): Reminder {
  const deadline = noticeDeadline(m.startDate);
  return {
    kind, userId: to.userId, subjectType: 'meeting', subjectId: m.meetingId, occasion: deadline,
    params: { meeting: m.number, meetingDate: m.startDate, deadline }, link: `/meetings/${m.meetingId}`,
  };
}

/** a meeting not announced 3 days before its notice deadline, and on the deadline: its inspectors. */
export const noticeSource: ReminderSource = {
  async due(ctx) {
    const now = ctx.now();
    if (!dayRemindersStarted(now)) return [];
    const { today } = reminderDates(now);
    const found = await unannouncedMeetings(ctx.db, noticeReminderMeetingDates(today));
    const inspectors = await inspectorsOf(ctx, found.map((m) => m.meetingId));
    return found.flatMap((m) => {
      const kind = noticeReminderKind(m.startDate, today);
      return kind ? (inspectors.get(m.meetingId) ?? []).map((to) => noticeReminder(kind, m, to)) : [];
    });
  },
};

// ─── checks, R-32.5 forwardings ──────────────────────────────────────
interface ItemOf { meetingId: string; meetingNumber: string; itemNumber: number; topicKk: string; topicRu: string; topicEn: string }

/** An item as the protocol and the control board refer to it: `<meeting number>/<item number>`. */
const referenceOf = (i: ItemOf) => `${i.meetingNumber}/${i.itemNumber}`;
const topicOf = (i: ItemOf, to: Recipient) => inLocale(to.locale, { kk: i.topicKk, ru: i.topicRu, en: i.topicEn });
const bodyOf = (b: { bodyKk: string | null; bodyRu: string | null }, to: Recipient) => (b.bodyKk && b.bodyRu ? inLocale(to.locale, { kk: b.bodyKk, ru: b.bodyRu }) : null);

export interface CheckCandidate extends ItemOf { checkId: string; dueDate: string }

export function checkReminder(kind: 'check_due' | 'check_overdue', c: CheckCandidate, to: Recipient): Reminder {
  return {
    kind, userId: to.userId, subjectType: 'check', subjectId: c.checkId, occasion: c.dueDate,
    params: { reference: referenceOf(c), topic: topicOf(c, to), due: c.dueDate }, link: `/meetings/${c.meetingId}`,
  };
}

/**
 * an open check due tomorrow, or overdue since yesterday: its assignee — or, when no one
 * with an Esep account is assigned, the meeting's inspectors, who answer for its checks.
 */
export const checkSource: ReminderSource = {
  async due(ctx) {
    const now = ctx.now();
    if (!dayRemindersStarted(now)) return [];
    const { today } = reminderDates(now);
    const found = await openChecksDue(ctx.db, followUpReminderDueDates(today));
    const assignees = groupBy(await staffAccounts(ctx.db, [...new Set(found.flatMap((c) => (c.assigneeStaffId ? [c.assigneeStaffId] : [])))]), (a) => a.staffId);
    const unassigned = found.filter((c) => !c.assigneeStaffId || !assignees.has(c.assigneeStaffId));
    const inspectors = await inspectorsOf(ctx, unassigned.map((c) => c.meetingId));
    return found.flatMap((c) => {
      const when = followUpReminderKind(c.dueDate, today);
      if (!when) return [];
      const to = (c.assigneeStaffId ? assignees.get(c.assigneeStaffId) : undefined) ?? inspectors.get(c.meetingId) ?? [];
      return to.map((r) => checkReminder(when === 'due' ? 'check_due' : 'check_overdue', c, r));
    });
  },
};

export interface ForwardingCandidate extends ItemOf { forwardingId: string; dueDate: string; bodyKk: string | null; bodyRu: string | null }

/** The body is named once chosen; until then the message names none (its templates do not ask). */
export function forwardingReminder(kind: 'forwarding_due' | 'forwarding_overdue', f: ForwardingCandidate, to: Recipient): Reminder {
  const body = bodyOf(f, to);
  return {
    kind, userId: to.userId, subjectType: 'forwarding', subjectId: f.forwardingId, occasion: f.dueDate,
    params: { reference: referenceOf(f), topic: topicOf(f, to), due: f.dueDate, ...(body ? { body } : {}) }, link: `/meetings/${f.meetingId}`,
  };
}

/**
 * R-32.5 (APPK art. 65): a forwarding not sent, due tomorrow or overdue since yesterday: the
 * meeting's inspectors. Once it is sent, what is left is the initiator's notice (below).
 */
export const forwardingSource: ReminderSource = {
  async due(ctx) {
    const now = ctx.now();
    if (!dayRemindersStarted(now)) return [];
    const { today } = reminderDates(now);
    const found = await unsentForwardingsDue(ctx.db, followUpReminderDueDates(today));
    const inspectors = await inspectorsOf(ctx, found.map((f) => f.meetingId));
    return found.flatMap((f) => {
      const when = followUpReminderKind(f.dueDate, today);
      if (!when) return [];
      return (inspectors.get(f.meetingId) ?? []).map((to) => forwardingReminder(when === 'due' ? 'forwarding_due' : 'forwarding_overdue', f, to));
    });
  },
};

export interface InitiatorCandidate extends ItemOf { forwardingId: string; sentOn: string; bodyKk: string; bodyRu: string }

export function initiatorReminder(f: InitiatorCandidate, to: Recipient): Reminder {
  return {
    kind: 'initiator_not_notified', userId: to.userId, subjectType: 'forwarding', subjectId: f.forwardingId, occasion: f.sentOn,
    params: { reference: referenceOf(f), topic: topicOf(f, to), body: inLocale(to.locale, { kk: f.bodyKk, ru: f.bodyRu }) },
    link: `/meetings/${f.meetingId}`,
  };
}

/** a forwarding sent a day ago or more whose initiator is not told yet: the meeting's inspectors, once. */
export const initiatorSource: ReminderSource = {
  async due(ctx) {
    const now = ctx.now();
    if (!dayRemindersStarted(now)) return [];
    const { today } = reminderDates(now);
    const { from, to } = initiatorReminderSentRange(today);
    const found = (await forwardingsWithoutInitiatorNotice(ctx.db, from, to))
      .flatMap((f) => (f.sentOn && initiatorReminderDue(f.sentOn, today) ? [{ ...f, sentOn: f.sentOn }] : []));
    const inspectors = await inspectorsOf(ctx, found.map((f) => f.meetingId));
    return found.flatMap((f) => (inspectors.get(f.meetingId) ?? []).map((r) => initiatorReminder(f, r)));
  },
};

// ─── R-26: invitations ─────────────────────────────────────────────────────
export interface InvitationCandidate { invitationId: string; organisation: string; personName: string; meetingId: string; number: string; startDate: string }

/** The invitee as the invitation keeps them: the person, then the organisation. */
export function invitationReminder(i: InvitationCandidate, to: Recipient): Reminder {
  return {
    kind: 'invitation_pending', userId: to.userId, subjectType: 'invitation', subjectId: i.invitationId, occasion: i.startDate,
    params: { meeting: i.number, meetingDate: i.startDate, invitee: `${i.personName} (${i.organisation})` }, link: `/meetings/${i.meetingId}`,
  };
}

/**
 * an invitation sent with no answer, the meeting 3 days away or less: the meeting's
 * inspectors (who follow it up), not the invitee — once per invitation and meeting date.
 */
export const invitationSource: ReminderSource = {
  async due(ctx) {
    const now = ctx.now();
    if (!dayRemindersStarted(now)) return [];
    const { from, to } = invitationReminderMeetingDates(reminderDates(now).today);
    const found = (await unansweredInvitations(ctx.db, from, to)).filter((i) => invitationReminderDue(i, now));
    const inspectors = await inspectorsOf(ctx, found.map((i) => i.meetingId));
    return found.flatMap((i) => (inspectors.get(i.meetingId) ?? []).map((r) => invitationReminder(i, r)));
  },
};

// ───: the quarter ──────────────────────────────────────────────────
export interface AtRiskCandidate { districtId: string; code: string }

/** The district by its code: the templates say "district {district}" in each language, so a name would repeat it. */
export function quarterReminder(d: AtRiskCandidate, today: string, to: Recipient): Reminder {
  const quarter = quarterKey(quarterOf(today));
  return {
    kind: 'quarter_at_risk', userId: to.userId, subjectType: 'district', subjectId: d.districtId, occasion: quarter,
    params: { district: d.code, quarter, daysLeft: quarterDaysLeft(today) },
    link: `/meetings/new?district=${d.districtId}`,
  };
}

/**
 * on the day the quarter board starts to count an idle district at risk, the inspector
 * serving it that day — once per quarter. The board's own status decides which districts (its
 * threshold, `config.atRiskDays`, comes with the scan's deps).
 */
export const quarterSource: ReminderSource = {
  async due(ctx: ServiceContext, deps: NotificationDeps) {
    const now = ctx.now();
    if (!dayRemindersStarted(now)) return [];
    const { today } = reminderDates(now);
    if (!quarterAtRiskStarts(today, deps.atRiskDays)) return [];
    const q = quarterOf(today);
    // The board's clock (obligation.service.ts): what a district's status depends on besides its facts.
    const clock: QuarterClock = {
      quarterStart: quarterStart(q), today, noticeHorizon: addDays(today, NOTICE_DAYS), planning: today <= quarterEnd(q),
      idle: districtObligation(q, today, deps.atRiskDays, '', []).status,
    };
    return (await districtsAtRisk(ctx.db, clock)).map((d) => quarterReminder(d, today, d));
  },
};

/** Every reminder about a day's deadline, by rule. */
export const DAY_REMINDER_SOURCES: readonly ReminderSource[] = [noticeSource, checkSource, forwardingSource, initiatorSource, invitationSource, quarterSource];

