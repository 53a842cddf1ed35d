import type { Scope, TerritoryPath } from '@esep/domain';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { meetingAgreements, meetings } from '../schema/meeting.schema.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { staff } from '../schema/staff.schema.ts';
import { meetingPaths, type MeetingRow } from './meeting.repository.ts';

/*
 * the agreements of a joint meeting's other reporting inspectors. A row exists where
 * agreement is asked; the services decide (with the domain) which rows to keep, add or drop.
 */

export type AgreementRow = typeof meetingAgreements.$inferSelect;

const answerer = alias(users, 'answerer');
const homeUnit = alias(policeUnits, 'home_unit');

const columns = {
  id: meetingAgreements.id, meetingId: meetingAgreements.meetingId, districtId: meetingAgreements.districtId, staffId: meetingAgreements.staffId,
  status: meetingAgreements.status, reason: meetingAgreements.reason, askedAt: meetingAgreements.askedAt,
  answeredBy: meetingAgreements.answeredBy, answeredAt: meetingAgreements.answeredAt,
  district: { code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu },
  staff: { code: staff.code, fullName: staff.fullName },
  answerer: { displayName: answerer.displayName, staffId: answerer.staffId },
};

const withNames = (db: Executor) => db.select(columns).from(meetingAgreements)
  .innerJoin(districts, eq(districts.id, meetingAgreements.districtId))
  .innerJoin(staff, eq(staff.id, meetingAgreements.staffId))
  .leftJoin(answerer, eq(answerer.id, meetingAgreements.answeredBy));

/** The agreements of these meetings with the district's and the inspector's names, by district code. */
export async function agreementsOf(db: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return withNames(db).where(inArray(meetingAgreements.meetingId, [...meetingIds])).orderBy(asc(districts.code));
}
export type AgreementView = Awaited<ReturnType<typeof agreementsOf>>[number];

export async function agreementById(db: Executor, id: string) {
  const [row] = await db.select().from(meetingAgreements).where(eq(meetingAgreements.id, id));
  return row ?? null;
}

export async function insertAgreements(db: Executor, rows: ReadonlyArray<typeof meetingAgreements.$inferInsert>) {
  if (rows.length === 0) return [];
  return db.insert(meetingAgreements).values([...rows]).returning();
}

export async function deleteAgreements(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.delete(meetingAgreements).where(inArray(meetingAgreements.id, [...ids]));
}

export async function updateAgreement(db: Executor, id: string, patch: Pick<AgreementRow, 'status' | 'reason' | 'answeredBy' | 'answeredAt'>) {
  const [row] = await db.update(meetingAgreements).set(patch).where(eq(meetingAgreements.id, id)).returning();
  return row ?? null;
}

export type Parties = { userIds: string[]; paths: TerritoryPath[] };

/**
 * What each agreement asks, for the policy (`Target.askedOf`): the accounts of the inspector
 * asked, and where he is answered for — the covered district, and his own point (or unit) where
 * his point lead and the leadership above work. In three queries for any number of rows.
 */
export async function agreementPartiesEach(db: Executor, rows: ReadonlyArray<Pick<AgreementRow, 'districtId' | 'staffId'>>): Promise<Parties[]> {
  if (rows.length === 0) return [];
  const staffIds = [...new Set(rows.map((r) => r.staffId))];
  const districtIds = [...new Set(rows.map((r) => r.districtId))];
  const accounts = await db.select({ id: users.id, staffId: users.staffId }).from(users).where(inArray(users.staffId, staffIds));
  const covered = await db.select({ districtId: districts.id, pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId, atuId: districts.atuId })
    .from(districts).innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(inArray(districts.id, districtIds));
  const homes = await db.select({ staffId: staff.id, pointId: staff.pointId, unitId: staff.unitId, regionId: homeUnit.regionId })
    .from(staff).innerJoin(homeUnit, eq(homeUnit.id, staff.unitId)).where(inArray(staff.id, staffIds));
  return rows.map((row) => {
    const d = covered.find((c) => c.districtId === row.districtId);
    const h = homes.find((c) => c.staffId === row.staffId);
    return {
      userIds: accounts.filter((a) => a.staffId === row.staffId).map((a) => a.id),
      paths: [
        ...(d ? [{ regionId: d.regionId, unitId: d.unitId, pointId: d.pointId, districtId: d.districtId, atuIds: [d.atuId] }] : []),
        ...(h ? [{ regionId: h.regionId, unitId: h.unitId, pointId: h.pointId }] : []),
      ],
    };
  });
}

/** The agreements of one meeting as stored. */
export async function agreementRowsOf(db: Executor, meetingId: string) {
  return db.select().from(meetingAgreements).where(eq(meetingAgreements.meetingId, meetingId)).orderBy(asc(meetingAgreements.askedAt));
}

/**
 * A meeting as the policy sees it: the paths of its districts and, when it asks agreements,
 * those it asks them of (R-27.4: they read it even when it lies outside their territory).
 */
export async function meetingTarget(db: Executor, meetingId: string): Promise<{ paths: TerritoryPath[]; askedOf?: Parties } | null> {
  const paths = await meetingPaths(db, meetingId);
  if (paths.length === 0) return null;
  const each = await agreementPartiesEach(db, await agreementRowsOf(db, meetingId));
  if (each.length === 0) return { paths };
  return { paths, askedOf: { userIds: [...new Set(each.flatMap((p) => p.userIds))], paths: each.flatMap((p) => p.paths) } };
}

/**
 * The agreements a user answers: those asked of him (his staff record), and for leadership those
 * of the districts in his territory or of inspectors whose point or unit is in it. Only
 * meetings in the given statuses (still being planned), soonest first.
 */
export async function agreementsFor(db: Executor, who: { staffId: string | null; scope: Scope; leads: boolean }, statuses: ReadonlyArray<MeetingRow['status']>) {
  const own = who.staffId ? eq(meetingAgreements.staffId, who.staffId) : undefined;
  const led = who.leads ? leadership(who.scope) : undefined;
  const whose = own && led ? or(own, led) : own ?? led;
  if (!whose || statuses.length === 0) return [];
  const planner = alias(users, 'planner');
  const rows = await db.select({
    ...columns,
    meeting: {
      id: meetings.id, number: meetings.number, status: meetings.status, startsAt: meetings.startsAt, endsAt: meetings.endsAt,
      venueName: meetings.venueName, venueAddress: meetings.venueAddress,
    },
    plannerName: planner.displayName,
  }).from(meetingAgreements)
    .innerJoin(districts, eq(districts.id, meetingAgreements.districtId))
    .innerJoin(staff, eq(staff.id, meetingAgreements.staffId))
    .leftJoin(answerer, eq(answerer.id, meetingAgreements.answeredBy))
    .innerJoin(meetings, eq(meetings.id, meetingAgreements.meetingId))
    .leftJoin(planner, eq(planner.id, meetings.createdBy))
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .innerJoin(homeUnit, eq(homeUnit.id, staff.unitId))
    .where(and(whose, inArray(meetings.status, [...statuses])))
    .orderBy(asc(meetings.startsAt), asc(districts.code));
  return rows;
}

function leadership(scope: Scope): SQL | undefined {
  const ids = [...scope.ids];
  const none = sql`false`;
  switch (scope.level) {
    case 'national': return sql`true`;
    case 'region': return ids.length ? or(inArray(policeUnits.regionId, ids), inArray(homeUnit.regionId, ids)) : none;
    case 'unit': return ids.length ? or(inArray(policePoints.unitId, ids), inArray(staff.unitId, ids)) : none;
    case 'point': return ids.length ? or(inArray(districts.pointId, ids), inArray(staff.pointId, ids)) : none;
    default: return undefined;
  }
}
