import { NOTICE_DAYS } from '@esep/domain';
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, notExists, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { districtQuarterFacts } from '../schema/board.schema.ts';
import { itemTopics, meetingItems } from '../schema/holding.schema.ts';
import { announcements, invitations, meetingInspectors, meetings } from '../schema/meeting.schema.ts';
import { districts } from '../schema/org.schema.ts';
import { checks, forwardings, stateBodies } from '../schema/protocol.schema.ts';
import { assignments } from '../schema/staff.schema.ts';
import { districtQuarterStatus, type QuarterClock } from './quarter-board.repository.ts';

/*
 * Issue 12: the candidates of the reminders about a day's deadline (R-27.1, R-32.4, R-32.5, R-26,
 * Every query is bounded by the dates the scan asks about, through an index on the
 * status and the date (meetings_status_idx, checks_due_idx, forwardings_due_idx), so a scan each
 * minute reads a day's candidates, never the history. Which of them are due is the domain's
 * (reminder.rules.ts); recipients are Esep accounts, users joined through staff_id.
 */

/** The Esep accounts of the meetings' reporting inspectors, once per meeting and account. */
export async function meetingInspectorAccounts(db: Executor, meetingIds: readonly string[]) {
  if (!meetingIds.length) return [];
  return db.selectDistinct({ meetingId: meetingInspectors.meetingId, userId: users.id, locale: users.locale })
    .from(meetingInspectors).innerJoin(users, eq(users.staffId, meetingInspectors.staffId))
    .where(inArray(meetingInspectors.meetingId, [...meetingIds]))
    .orderBy(asc(meetingInspectors.meetingId), asc(users.id));
}

/** The Esep accounts of these staff members. */
export async function staffAccounts(db: Executor, staffIds: readonly string[]) {
  if (!staffIds.length) return [];
  return db.select({ staffId: users.staffId, userId: users.id, locale: users.locale })
    .from(users).where(inArray(users.staffId, [...staffIds])).orderBy(asc(users.id));
}

/**
 * meetings starting on these dates not announced yet — a draft or scheduled, with no
 * publication that gives notice in time (a publication recorded but not yet followed by the
 * "announce" step is the notice given: nothing to remind of).
 */
export async function unannouncedMeetings(db: Executor, startDates: readonly string[]) {
  if (!startDates.length) return [];
  return db.select({ meetingId: meetings.id, number: meetings.number, startDate: meetings.startDate }).from(meetings)
    .where(and(
      inArray(meetings.status, ['draft', 'scheduled']), inArray(meetings.startDate, [...startDates]),
      notExists(db.select({ x: sql`1` }).from(announcements).where(and(
        eq(announcements.meetingId, meetings.id), isNull(announcements.voidedAt),
        sql`${announcements.publishedOn} <= ${meetings.startDate} - ${NOTICE_DAYS}::int`,
      ))),
    ))
    .orderBy(asc(meetings.startDate), asc(meetings.number));
}

/** What a reminder says of an item: its reference (`<meeting number>/<item number>`, as the protocol) and topic. */
const itemOf = {
  meetingNumber: meetings.number, itemNumber: meetingItems.number,
  topicKk: itemTopics.nameKk, topicRu: itemTopics.nameRu, topicEn: itemTopics.nameEn,
};

/** open checks due on these dates, with their assignee. */
export async function openChecksDue(db: Executor, dueDates: readonly string[]) {
  if (!dueDates.length) return [];
  return db.select({
    checkId: checks.id, meetingId: checks.meetingId, assigneeStaffId: checks.assigneeStaffId, dueDate: checks.dueDate, ...itemOf,
  }).from(checks)
    .innerJoin(meetings, eq(meetings.id, checks.meetingId))
    .innerJoin(meetingItems, eq(meetingItems.id, checks.itemId))
    .innerJoin(itemTopics, eq(itemTopics.code, meetingItems.topic))
    .where(and(eq(checks.status, 'open'), inArray(checks.dueDate, [...dueDates])))
    .orderBy(asc(checks.dueDate), asc(meetings.number), asc(meetingItems.number));
}

/** open forwardings not sent yet, due on these dates, with the body chosen (if any). */
export async function unsentForwardingsDue(db: Executor, dueDates: readonly string[]) {
  if (!dueDates.length) return [];
  return db.select({
    forwardingId: forwardings.id, meetingId: forwardings.meetingId, dueDate: forwardings.dueDate, ...itemOf,
    bodyKk: stateBodies.nameKk, bodyRu: stateBodies.nameRu,
  }).from(forwardings)
    .innerJoin(meetings, eq(meetings.id, forwardings.meetingId))
    .innerJoin(meetingItems, eq(meetingItems.id, forwardings.itemId))
    .innerJoin(itemTopics, eq(itemTopics.code, meetingItems.topic))
    .leftJoin(stateBodies, eq(stateBodies.id, forwardings.bodyId))
    .where(and(eq(forwardings.status, 'open'), isNull(forwardings.sentOn), inArray(forwardings.dueDate, [...dueDates])))
    .orderBy(asc(forwardings.dueDate), asc(meetings.number), asc(meetingItems.number));
}

/**
 * forwardings sent in this period (inclusive) whose initiator — the person who raised
 * the item; an anonymous item has none — has not been told. Open ones only: a forwarding is done
 * once it is sent and the initiator told. The sending date has no index: the open forwardings
 * are read through forwardings_due_idx (its status) and filtered — on the national data set
 * (5,559 open of 152,707) 50 ms warm, not worth an index and its migration.
 */
export async function forwardingsWithoutInitiatorNotice(db: Executor, sentFrom: string, sentTo: string) {
  return db.select({
    forwardingId: forwardings.id, meetingId: forwardings.meetingId, sentOn: forwardings.sentOn, ...itemOf,
    bodyKk: stateBodies.nameKk, bodyRu: stateBodies.nameRu,
  }).from(forwardings)
    .innerJoin(meetings, eq(meetings.id, forwardings.meetingId))
    .innerJoin(meetingItems, eq(meetingItems.id, forwardings.itemId))
    .innerJoin(itemTopics, eq(itemTopics.code, meetingItems.topic))
    .innerJoin(stateBodies, eq(stateBodies.id, forwardings.bodyId))
    .where(and(
      eq(forwardings.status, 'open'), gte(forwardings.sentOn, sentFrom), lte(forwardings.sentOn, sentTo),
      isNull(forwardings.initiatorNotifiedOn), isNotNull(meetingItems.participantId),
    ))
    .orderBy(asc(forwardings.sentOn), asc(meetings.number), asc(meetingItems.number));
}

/**
 * invitations sent and not answered, to meetings starting in this period (inclusive) that
 * still stand — not cancelled or postponed, not started (held and later).
 */
export async function unansweredInvitations(db: Executor, fromDate: string, toDate: string) {
  return db.select({
    invitationId: invitations.id, organisation: invitations.organisation, personName: invitations.personName,
    meetingId: meetings.id, number: meetings.number, startDate: meetings.startDate, startsAt: meetings.startsAt,
  }).from(meetings)
    .innerJoin(invitations, eq(invitations.meetingId, meetings.id))
    .where(and(
      inArray(meetings.status, ['draft', 'scheduled', 'announced']), gte(meetings.startDate, fromDate), lte(meetings.startDate, toDate),
      eq(invitations.status, 'sent'), isNull(invitations.respondedAt),
    ))
    .orderBy(asc(meetings.startsAt), asc(invitations.createdAt));
}

/**
 * districts the quarter board counts `at_risk` on `clock.today` (the board's own status
 * over district_quarter_facts, `districtQuarterStatus`), with the accounts of the inspector
 * serving each that day (R-2.2: the latest assignment in force). One pass over the country's
 * districts (~30 ms warm for 12,000): the scan asks only on the one day a quarter the reminder is
 * due (reminder.rules.ts, quarterAtRiskStarts).
 */
export async function districtsAtRisk(db: Executor, clock: QuarterClock) {
  const rows = rowsOf<{ district_id: string; code: string; user_id: string; locale: string }>(await db.execute(sql`
    select d.id as district_id, d.code, u.id as user_id, u.locale::text as locale
    from ${districts} d
      join (
        select distinct on (a.district_id) a.district_id, a.staff_id from ${assignments} a
        where a.role = 'inspector' and a.effective_from <= ${clock.today}::date and (a.effective_to is null or a.effective_to >= ${clock.today}::date)
        order by a.district_id, a.effective_from desc
      ) insp on insp.district_id = d.id
      join ${users} u on u.staff_id = insp.staff_id
      left join ${districtQuarterFacts} f on f.quarter_start = ${clock.quarterStart}::date and f.district_id = d.id
    where ${districtQuarterStatus(clock)} = 'at_risk'
    order by d.code, u.id`));
  return rows.map((r) => ({ districtId: r.district_id, code: r.code, userId: r.user_id, locale: r.locale }));
}
