import { and, asc, count, eq, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { meetingItems, paperSheets, participantClaims, participantCounters, participants } from '../schema/holding.schema.ts';
import { invitations, meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { districts } from '../schema/org.schema.ts';
import { likePattern, orderBy, paged, type PageRequest } from './list.query.ts';

/*
 * the participant register and the scanned paper sign-in sheets. All SQL about them
 * lives here; the service decides what may be written.
 */
export type ParticipantRow = typeof participants.$inferSelect;
export type ParticipantInsert = typeof participants.$inferInsert;
export type PaperSheetRow = typeof paperSheets.$inferSelect;

/** The whole register of a meeting, by number. */
export async function participantsOf(db: Executor, meetingId: string): Promise<ParticipantRow[]> {
  return db.select().from(participants).where(eq(participants.meetingId, meetingId)).orderBy(asc(participants.number));
}

export async function participantById(db: Executor, id: string): Promise<ParticipantRow | null> {
  const [row] = await db.select().from(participants).where(eq(participants.id, id));
  return row ?? null;
}

/** The entry a client already stored under its idempotency key (a retried offline sync). */
export async function participantByClientKey(db: Executor, meetingId: string, clientKey: string): Promise<ParticipantRow | null> {
  const [row] = await db.select().from(participants).where(and(eq(participants.meetingId, meetingId), eq(participants.clientKey, clientKey)));
  return row ?? null;
}

/** The same person already in the register (normalised name + address); `exceptId` skips the entry being corrected. */
export async function participantByPersonKey(db: Executor, meetingId: string, personKey: string, exceptId?: string): Promise<ParticipantRow | null> {
  const [row] = await db.select().from(participants).where(and(
    eq(participants.meetingId, meetingId), eq(participants.personKey, personKey), exceptId ? ne(participants.id, exceptId) : undefined,
  ));
  return row ?? null;
}

export async function participantByInvitation(db: Executor, invitationId: string): Promise<ParticipantRow | null> {
  const [row] = await db.select().from(participants).where(eq(participants.invitationId, invitationId));
  return row ?? null;
}

/**
 * The entries a new one would collide with, in one query: the same client key (a retried
 * sync), the same person (R-32.2: registered once), the same invitation.
 */
export async function participantConflicts(db: Executor, meetingId: string, keys: { personKey: string; clientKey?: string | null; invitationId?: string | null }): Promise<ParticipantRow[]> {
  return db.select().from(participants).where(or(
    and(eq(participants.meetingId, meetingId), keys.clientKey ? or(eq(participants.personKey, keys.personKey), eq(participants.clientKey, keys.clientKey)) : eq(participants.personKey, keys.personKey)),
    keys.invitationId ? eq(participants.invitationId, keys.invitationId) : undefined,
  ));
}

/*
 * R-32.2: register numbers. Before, a registration locked the meeting row, read max(number) + 1,
 * inserted and audited, and held the lock until its commit had reached the disk: every
 * registration into one meeting queued behind the one before it for its whole transaction (95 %
 * of the database wait under load; a WAL flush alone takes ~3 ms on the development machine, so
 * one meeting took at most ~300 registrations a second however fast everything else was).
 *
 * Now a number is drawn in a statement of its own, on any pooled connection, before the
 * registration's transaction begins: an upsert-increment of the meeting's row in the unlogged
 * `participant_counters`, whose commit waits for no disk flush, so the row is held for
 * microseconds. Each draw also reads the register's highest number (an index-only probe of
 * participants_number_uq), and the counter never falls below it: entries written without a draw
 * (the demo region, numbers recorded before this counter) and a counter lost in a crash (an
 * unlogged table is emptied) cannot lead to a number handed out twice; the unique index
 * (meeting_id, number) stays the last word.
 *
 * Numbers are unique and increase in the order they are drawn; they are not gap-free. A number
 * drawn by a registration that is then refused (the register closing at that instant, a failure
 * before commit) is never used; copies of one registration racing each other draw once between them
 * (`claimParticipant`). The
 * register had gaps before (an entry removed by mistake keeps the others' numbers, which the paper
 * register and the protocol may cite); R-32.2 asks that everyone present be registered, which the
 * count of entries, not the highest number, shows — the checklist and the protocol count entries.
 * A number is also never reused: before, removing the last entry gave its number to the next one.
 */
export async function drawParticipantNumber(db: Executor, meetingId: string): Promise<number> {
  const [row] = await db.insert(participantCounters)
    .select(sql`select ${meetingId}::uuid, coalesce(max(${participants.number}), 0) + 1 from ${participants} where ${participants.meetingId} = ${meetingId}`)
    .onConflictDoUpdate({ target: participantCounters.meetingId, set: { participants: sql`greatest(${participantCounters.participants}, excluded.participants - 1) + 1` } })
    .returning({ n: participantCounters.participants });
  return row!.n;
}

/**
 * claims the person for this registration, so that copies of it arriving at once draw one
 * number between them. True when this caller holds the claim: it was free, or its holder has been
 * silent since `staleBefore` (a process that died between claiming and committing). A claim is
 * kept after the entry is stored: a late copy finds the entry before it tries to claim, and a
 * copy that raced it finds the claim taken and the entry after a short wait. Released when the
 * registration is refused (`releaseParticipantClaim`), and when the entry is removed or renamed.
 */
export async function claimParticipant(db: Executor, meetingId: string, claim: string, at: Date, staleBefore: Date): Promise<boolean> {
  const taken = await db.insert(participantClaims).values({ meetingId, claim, claimedAt: at })
    .onConflictDoUpdate({
      target: [participantClaims.meetingId, participantClaims.claim],
      set: { claimedAt: at },
      setWhere: lt(participantClaims.claimedAt, staleBefore),
    })
    .returning({ claim: participantClaims.claim });
  return taken.length > 0;
}

export async function releaseParticipantClaim(db: Executor, meetingId: string, claim: string): Promise<void> {
  await db.delete(participantClaims).where(and(eq(participantClaims.meetingId, meetingId), eq(participantClaims.claim, claim)));
}

export async function insertParticipant(db: Executor, values: ParticipantInsert): Promise<ParticipantRow> {
  const [row] = await db.insert(participants).values(values).returning();
  return row!;
}

export async function updateParticipantRow(db: Executor, id: string, patch: Partial<ParticipantInsert>): Promise<ParticipantRow | null> {
  const [row] = await db.update(participants).set(patch).where(eq(participants.id, id)).returning();
  return row ?? null;
}

export async function deleteParticipantRow(db: Executor, id: string): Promise<void> {
  await db.delete(participants).where(eq(participants.id, id));
}

/** Items raised by this participant (an entry that raised items cannot simply disappear). */
export async function itemsRaisedBy(db: Executor, participantId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(meetingItems).where(eq(meetingItems.participantId, participantId));
  return Number(row?.n ?? 0);
}

export interface ParticipantFilter {
  q?: string | undefined;
  channel?: ParticipantRow['channel'] | undefined;
  category?: ParticipantRow['category'] | undefined;
}

const SORTS = { number: participants.number, fullName: participants.fullName, arrivedAt: participants.arrivedAt, category: participants.category };

/** One page of the register: search on name and address, filter by channel and category. */
export async function listParticipants(db: Executor, meetingId: string, filter: ParticipantFilter, request: PageRequest) {
  const q = filter.q?.trim();
  const where = and(
    eq(participants.meetingId, meetingId),
    q ? or(ilike(participants.fullName, likePattern(q)), ilike(participants.address, likePattern(q))) : undefined,
    filter.channel ? eq(participants.channel, filter.channel) : undefined,
    filter.category ? eq(participants.category, filter.category) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(participants).where(where).orderBy(...orderBy(SORTS, request.sort ?? 'number', participants.number))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(participants).where(where),
  ]);
  return paged(rows, total?.n ?? 0, request);
}

/**
 * Distinct people (name, address, category, organisation) registered at earlier meetings that
 * share a district with this one, whose name contains `q`; the most recent first.
 */
export async function participantSuggestions(db: Executor, meetingId: string, q: string, limit = 10) {
  const mine = db.select({ id: meetingDistricts.districtId }).from(meetingDistricts).where(eq(meetingDistricts.meetingId, meetingId));
  const related = db.selectDistinct({ id: meetingDistricts.meetingId }).from(meetingDistricts).where(inArray(meetingDistricts.districtId, mine));
  const [current] = await db.select({ startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, meetingId));
  if (!current) return [];
  const rows = await db.select({
    fullName: participants.fullName, address: participants.address, category: participants.category, organisation: participants.organisation,
    last: sql<Date>`max(${participants.arrivedAt})`.as('last'),
  }).from(participants).innerJoin(meetings, eq(meetings.id, participants.meetingId))
    .where(and(
      inArray(participants.meetingId, related), ne(participants.meetingId, meetingId), lt(meetings.startsAt, current.startsAt),
      ilike(participants.fullName, likePattern(q)),
    ))
    .groupBy(participants.fullName, participants.address, participants.category, participants.organisation)
    .orderBy(sql`max(${participants.arrivedAt}) desc`, asc(participants.fullName))
    .limit(limit);
  return rows.map(({ fullName, address, category, organisation }) => ({ fullName, address, category, organisation }));
}

/** The meeting's districts with their names ("resident of district X" entries). */
export async function meetingDistrictNames(db: Executor, meetingId: string) {
  return db.select({ id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu })
    .from(meetingDistricts).innerJoin(districts, eq(districts.id, meetingDistricts.districtId))
    .where(eq(meetingDistricts.meetingId, meetingId)).orderBy(districts.code);
}

/** Marks an invitation's addressee present (or back) in the same transaction as the entry. */
export async function markInvitation(db: Executor, invitationId: string, status: typeof invitations.$inferSelect['status'], at: Date) {
  await db.update(invitations).set({ status, updatedAt: at }).where(eq(invitations.id, invitationId));
}

// ─── Paper sign-in sheets ──────────────────────────────────────────────────
export async function insertPaperSheet(db: Executor, values: typeof paperSheets.$inferInsert & { uploadedAt: Date }): Promise<PaperSheetRow> {
  const [row] = await db.insert(paperSheets).values(values).returning();
  return row!;
}

export async function paperSheetById(db: Executor, id: string): Promise<PaperSheetRow | null> {
  const [row] = await db.select().from(paperSheets).where(eq(paperSheets.id, id));
  return row ?? null;
}

/** A meeting's sheets, oldest first, each with the number of entries typed from it. */
export async function paperSheetsOf(db: Executor, meetingId: string) {
  // Spelled out: in a one-table select drizzle leaves column names unqualified, which would
  // make the correlated subquery compare the participant's own columns.
  const entries: SQL<number> = sql<number>`(select count(*)::int from "participants" p where p."paper_sheet_id" = "paper_sheets"."id")`;
  return db.select({ sheet: paperSheets, entries }).from(paperSheets)
    .where(eq(paperSheets.meetingId, meetingId)).orderBy(asc(paperSheets.uploadedAt), asc(paperSheets.id));
}

export async function paperSheetEntries(db: Executor, sheetId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(participants).where(eq(participants.paperSheetId, sheetId));
  return Number(row?.n ?? 0);
}
