import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/account.schema.ts';
import { districtStatistics, reportCarryNotes, reportRevisions, reportSections, reportSources } from '../schema/holding.schema.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';

/*
 * The report: its sources, the district statistics it cites, each reporter's
 * sections with their revision history, and the notes on items carried from earlier meetings.
 */

// ─── Sources ─────────────────────────────────────────────────────────
export type SourceRow = typeof reportSources.$inferSelect;
export type SourceFileEntry = SourceRow['files'][number];

export async function sourcesOf(db: Executor, meetingId: string): Promise<SourceRow[]> {
  return db.select().from(reportSources).where(eq(reportSources.meetingId, meetingId))
    .orderBy(asc(reportSources.kind), asc(reportSources.createdAt), asc(reportSources.id));
}

export async function sourceById(db: Executor, id: string): Promise<SourceRow | null> {
  const [row] = await db.select().from(reportSources).where(eq(reportSources.id, id));
  return row ?? null;
}

export async function insertSource(db: Executor, values: typeof reportSources.$inferInsert): Promise<SourceRow> {
  const [row] = await db.insert(reportSources).values(values).returning();
  return row!;
}

export async function updateSource(db: Executor, id: string, patch: Partial<Pick<SourceRow, 'kind' | 'title' | 'sourceDate' | 'note' | 'files'>>): Promise<SourceRow | null> {
  const [row] = await db.update(reportSources).set(patch).where(eq(reportSources.id, id)).returning();
  return row ?? null;
}

export async function deleteSource(db: Executor, id: string): Promise<void> {
  await db.delete(reportSources).where(eq(reportSources.id, id));
}

/** Locks a source while its file list is read and rewritten (two uploads at once keep both). */
export async function lockSource(db: Executor, id: string): Promise<SourceRow | null> {
  const [row] = await db.select().from(reportSources).where(eq(reportSources.id, id)).for('update');
  return row ?? null;
}

// ─── District statistics ────────────────────────────────────────────────────
export interface StatisticsKey { year: number; quarter: number }
export interface StatisticsValue { districtId: string; year: number; quarter: number; category: string; count: number }

/** Recorded counts of the districts in the given quarters. */
export async function statisticsOf(db: Executor, districtIds: readonly string[], quarters: readonly StatisticsKey[]): Promise<StatisticsValue[]> {
  if (districtIds.length === 0 || quarters.length === 0) return [];
  return db.select({
    districtId: districtStatistics.districtId, year: districtStatistics.year, quarter: districtStatistics.quarter,
    category: districtStatistics.category, count: districtStatistics.count,
  }).from(districtStatistics).where(and(
    inArray(districtStatistics.districtId, [...districtIds]),
    or(...quarters.map((q) => and(eq(districtStatistics.year, q.year), eq(districtStatistics.quarter, q.quarter)))),
  ));
}

/**
 * Writes counts (insert or replace by district, quarter and category) and says how many rows
 * were new, changed or already so. Existing rows are read in the same transaction.
 */
export async function upsertStatistics(db: Executor, rows: readonly StatisticsValue[], updatedBy: string | null, now: Date) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const key = (r: Omit<StatisticsValue, 'count'>) => `${r.districtId}|${r.year}|${r.quarter}|${r.category}`;
  const existing = new Map<string, number>();
  const districtIds = [...new Set(rows.map((r) => r.districtId))];
  const quarters = [...new Map(rows.map((r) => [`${r.year}-${r.quarter}`, { year: r.year, quarter: r.quarter }])).values()];
  for (const r of await statisticsOf(db, districtIds, quarters)) existing.set(key(r), r.count);
  const changed: StatisticsValue[] = [];
  for (const r of rows) {
    const before = existing.get(key(r));
    if (before === undefined) counts.created += 1;
    else if (before === r.count) { counts.unchanged += 1; continue; } else counts.updated += 1;
    changed.push(r);
  }
  // Chunks keep each statement well below the bind-parameter limit.
  for (let i = 0; i < changed.length; i += 1000) {
    await db.insert(districtStatistics).values(changed.slice(i, i + 1000).map((r) => ({ ...r, updatedBy, updatedAt: now })))
      .onConflictDoUpdate({
        target: [districtStatistics.districtId, districtStatistics.year, districtStatistics.quarter, districtStatistics.category],
        set: { count: sql`excluded.count`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` },
      });
  }
  return counts;
}

/** Districts named by code in an import, with where they sit (for the importer's territory). */
export async function districtsByCode(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.select({
    id: districts.id, code: districts.code, atuId: districts.atuId, pointId: districts.pointId, unitId: policePoints.unitId, regionId: policeUnits.regionId,
  }).from(districts).innerJoin(policePoints, eq(policePoints.id, districts.pointId)).innerJoin(policeUnits, eq(policeUnits.id, policePoints.unitId))
    .where(inArray(districts.code, [...codes]));
}

export async function districtRefs(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu })
    .from(districts).where(inArray(districts.id, [...ids])).orderBy(asc(districts.code));
}

// ─── Report sections and revisions ───────────────────────────────────
export async function reportSectionsOf(db: Executor, meetingId: string) {
  return db.select({
    staffId: reportSections.staffId, section: reportSections.section, content: reportSections.content, version: reportSections.version,
    updatedAt: reportSections.updatedAt, updatedBy: users.displayName,
  }).from(reportSections).leftJoin(users, eq(users.id, reportSections.updatedBy)).where(eq(reportSections.meetingId, meetingId));
}
export type ReportSectionRow = Awaited<ReturnType<typeof reportSectionsOf>>[number];

export async function currentSectionVersion(db: Executor, meetingId: string, staffId: string, section: string): Promise<number> {
  const [row] = await db.select({ version: reportSections.version }).from(reportSections)
    .where(and(eq(reportSections.meetingId, meetingId), eq(reportSections.staffId, staffId), eq(reportSections.section, section)));
  return row?.version ?? 0;
}

/**
 * Saves a section over the version the editor started from. Returns the new version, or null
 * when someone else saved in between (the caller answers 409): the write itself is the check.
 */
export async function writeSection(db: Executor, input: { meetingId: string; staffId: string; section: string; content: unknown; baseVersion: number; userId: string | null }, now: Date): Promise<number | null> {
  const { meetingId, staffId, section, content, baseVersion, userId } = input;
  const version = baseVersion + 1;
  const written = baseVersion === 0
    ? await db.insert(reportSections).values({ meetingId, staffId, section, content, version, updatedBy: userId, updatedAt: now })
      .onConflictDoNothing().returning({ version: reportSections.version })
    : await db.update(reportSections).set({ content, version, updatedBy: userId, updatedAt: now })
      .where(and(eq(reportSections.meetingId, meetingId), eq(reportSections.staffId, staffId), eq(reportSections.section, section), eq(reportSections.version, baseVersion)))
      .returning({ version: reportSections.version });
  if (written.length === 0) return null;
  await db.insert(reportRevisions).values({ meetingId, staffId, section, version, content, savedBy: userId, savedAt: now });
  return version;
}

export async function sectionRow(db: Executor, meetingId: string, staffId: string, section: string): Promise<ReportSectionRow | null> {
  const [row] = await db.select({
    staffId: reportSections.staffId, section: reportSections.section, content: reportSections.content, version: reportSections.version,
    updatedAt: reportSections.updatedAt, updatedBy: users.displayName,
  }).from(reportSections).leftJoin(users, eq(users.id, reportSections.updatedBy))
    .where(and(eq(reportSections.meetingId, meetingId), eq(reportSections.staffId, staffId), eq(reportSections.section, section)));
  return row ?? null;
}

export async function revisionsOf(db: Executor, meetingId: string, staffId: string, section: string) {
  return db.select({ version: reportRevisions.version, content: reportRevisions.content, savedAt: reportRevisions.savedAt, savedBy: users.displayName })
    .from(reportRevisions).leftJoin(users, eq(users.id, reportRevisions.savedBy))
    .where(and(eq(reportRevisions.meetingId, meetingId), eq(reportRevisions.staffId, staffId), eq(reportRevisions.section, section)))
    .orderBy(desc(reportRevisions.version));
}

/** The staff member an account belongs to (an inspector edits only his own sections). */
export async function staffIdOfUser(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db.select({ staffId: users.staffId }).from(users).where(eq(users.id, userId));
  return row?.staffId ?? null;
}

// ─── Carry-over notes (R-30 ¶4) ─────────────────────────────────────────────
export async function setCarryNote(db: Executor, meetingId: string, itemId: string, note: string | null, userId: string | null, now: Date): Promise<void> {
  if (note == null) {
    await db.delete(reportCarryNotes).where(and(eq(reportCarryNotes.meetingId, meetingId), eq(reportCarryNotes.itemId, itemId)));
    return;
  }
  await db.insert(reportCarryNotes).values({ meetingId, itemId, note, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({ target: [reportCarryNotes.meetingId, reportCarryNotes.itemId], set: { note, updatedBy: userId, updatedAt: now } });
}
