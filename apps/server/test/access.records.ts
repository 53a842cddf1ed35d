import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import {
  meetingAgreements as meetingAgreementsTable,
  checks as checksTable, districtPath, districts, forwardings as forwardingsTable, meetingAwards, meetingDecisions, meetingDistricts as meetingDistrictsTable,
  meetingInspectors as meetingInspectorsTable, meetingItems, meetings as meetingsTable, paperSheets as paperSheetsTable, participants as participantsTable,
  reportSources, residentQuestions as residentQuestionsTable, videos as videosTable, type Db,
} from '@esep/db';
import { eq } from 'drizzle-orm';
import { storeFile } from '../src/storage/file.store.ts';

/*
 * Records the authorization matrix (`routes/access.int.test.ts`) needs in its sample meetings,
 * written directly: the sample meetings are drafts, where the services refuse to record them.
 */

/** The smallest valid PNG (1×1). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/**
 * An item, a decision and an award in each sample meeting, written directly (the meetings are
 * drafts, where the live screen refuses to record). A DELETE in the matrix removes one, so the
 * next role gets a fresh one.
 */
export async function holdingRecords(db: Db, meetingIds: Iterable<string>, kind: 'item' | 'decision' | 'award', today: string): Promise<string[]> {
  const table = kind === 'item' ? meetingItems : kind === 'decision' ? meetingDecisions : meetingAwards;
  const out: string[] = [];
  for (const meetingId of meetingIds) {
    let [row] = await db.select({ id: table.id }).from(table).where(eq(table.meetingId, meetingId));
    if (!row) {
      [row] = kind === 'item'
        ? await db.insert(meetingItems).values({ meetingId, number: 1, kind: 'remark', text: 'Матрица', topic: 'other' }).returning({ id: meetingItems.id })
        : kind === 'decision'
          ? await db.insert(meetingDecisions).values({ meetingId, number: 1, text: 'Шешім', responsible: 'Инспектор', dueDate: today }).returning({ id: meetingDecisions.id })
          : await db.insert(meetingAwards).values({ meetingId, recipientKind: 'citizen', recipientName: 'Тұрғын', reason: 'Көмек үшін', awardKind: 'other' }).returning({ id: meetingAwards.id });
    }
    out.push(row!.id);
  }
  return out;
}

/**
 * A participant and a scanned paper sheet (with its file stored) in each sample meeting, written
 * directly (the meetings are drafts, where the register refuses entries).
 */
export async function registerRecords(db: Db, dataDir: string, meetingIds: Iterable<string>, kind: 'participant' | 'sheet'): Promise<string[]> {
  const out: string[] = [];
  for (const meetingId of meetingIds) {
    if (kind === 'sheet') {
      let [row] = await db.select({ id: paperSheetsTable.id }).from(paperSheetsTable).where(eq(paperSheetsTable.meetingId, meetingId));
      if (!row) {
        const file = await storeFile(dataDir, PNG, 'image/png');
        [row] = await db.insert(paperSheetsTable).values({ meetingId, file, contentType: 'image/png', size: PNG.length }).returning({ id: paperSheetsTable.id });
      }
      out.push(row!.id);
    } else {
      let [row] = await db.select({ id: participantsTable.id }).from(participantsTable).where(eq(participantsTable.meetingId, meetingId));
      if (!row) {
        const now = new Date();
        [row] = await db.insert(participantsTable).values({
          meetingId, number: 1, fullName: 'Матрица Тұрғын', address: 'Абай к-сі, 1', category: 'resident', consentVersion: 'pd-2026-1', consentAt: now, arrivedAt: now,
          attendance: 'in_person', channel: 'staff', personKey: 'матрица тұрғын|абай к сі 1',
        }).returning({ id: participantsTable.id });
      }
      out.push(row!.id);
    }
  }
  return out;
}

/**
 * Report fixtures: each sample meeting's reporter, and an item of an earlier held
 * meeting of its district (written directly), which its report carries over.
 */
/** `residentQuestion`: a question a resident sent ahead of each sample meeting. */
export interface ReportFixtures { reporter: Map<string, string>; carried: Map<string, string>; residentQuestion: Map<string, string> }
export async function seedReportFixtures(db: Db, meetingDistrict: ReadonlyMap<string, string>): Promise<ReportFixtures> {
  const reportFixtures: ReportFixtures = { reporter: new Map(), carried: new Map(), residentQuestion: new Map() };
  for (const [meetingId, districtId] of meetingDistrict) {
    const [reporter] = await db.select().from(meetingInspectorsTable).where(eq(meetingInspectorsTable.meetingId, meetingId));
    reportFixtures.reporter.set(meetingId, reporter!.staffId);
    const path = (await districtPath(db, districtId))!;
    const startsAt = new Date(Date.now() - 100 * 86_400_000);
    const [earlier] = await db.insert(meetingsTable).values({
      number: `MATRIX-${meetingId.slice(0, 8)}`, status: 'held', setting: 'gathering', format: 'indoor', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000),
      startDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(startsAt), regionId: path.regionId, unitId: path.unitId!, pointId: path.pointId!,
    }).returning({ id: meetingsTable.id });
    await db.insert(meetingDistrictsTable).values({ meetingId: earlier!.id, districtId });
    const [item] = await db.insert(meetingItems).values({ meetingId: earlier!.id, number: 1, kind: 'complaint', text: 'Матрица', topic: 'other', resolution: 'to_check' }).returning({ id: meetingItems.id });
    reportFixtures.carried.set(meetingId, item!.id);
    const [question] = await db.insert(residentQuestionsTable).values({
      districtId, meetingId, kind: 'question', text: 'Матрица', tokenHash: createHash('sha256').update(`matrix-${meetingId}`).digest('hex'),
    }).returning({ id: residentQuestionsTable.id });
    reportFixtures.residentQuestion.set(meetingId, question!.id);
  }
  return reportFixtures;
}

/** A source with a stored attachment in each sample meeting (a DELETE in the matrix removes one; the next role gets a fresh one). */
export async function sourceRecords(db: Db, dataDir: string, meetingIds: Iterable<string>): Promise<string[]> {
  const out: string[] = [];
  for (const meetingId of meetingIds) {
    // Only sources with an attachment: sources added by the POST sample have none to download.
    let row = (await db.select({ id: reportSources.id, files: reportSources.files }).from(reportSources).where(eq(reportSources.meetingId, meetingId))).find((r) => r.files.length > 0);
    if (!row) {
      const file = await storeFile(dataDir, PNG, 'image/png');
      [row] = await db.insert(reportSources).values({ meetingId, kind: 'mass_media', title: 'Матрица', files: [{ file, name: 'скан.png', contentType: 'image/png', size: PNG.length }] }).returning({ id: reportSources.id, files: reportSources.files });
    }
    out.push(row!.id);
  }
  return out;
}

/** A complete video (a small file in the local video store) in each sample meeting; a DELETE marks one removed, so the next role gets a fresh one. */
export async function videoRecords(db: Db, dataDir: string, meetingIds: Iterable<string>): Promise<string[]> {
  const out: string[] = [];
  const dir = joinPath(dataDir, 'videos');
  mkdirSync(dir, { recursive: true });
  for (const meetingId of meetingIds) {
    let row = (await db.select({ id: videosTable.id, status: videosTable.status }).from(videosTable).where(eq(videosTable.meetingId, meetingId))).find((r) => r.status === 'complete');
    if (!row) {
      const key = crypto.randomUUID().replaceAll('-', '');
      const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(500)]);
      writeFileSync(joinPath(dir, key), bytes);
      [row] = await db.insert(videosTable).values({
        meetingId, uploadId: key, storage: 'file', storageKey: key, fileName: 'matrix.mp4', contentType: 'video/mp4', size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'), status: 'complete', completedAt: new Date(),
      }).returning({ id: videosTable.id, status: videosTable.status });
    }
    out.push(row!.id);
  }
  return out;
}

/**
 * Follow-up fixtures: in each sample meeting an item routed to a check and one
 * routed to a state body, with their check and forwarding, written directly (the meetings are
 * drafts). `verifyCheck` is the check of the meeting in ALM-KAR-P2-D01, inside every controller's territory.
 */
export interface FollowUpFixtures { check: Map<string, string>; forwarding: Map<string, string>; verifyCheck: string }
export async function seedFollowUpFixtures(db: Db, meetingDistrict: ReadonlyMap<string, string>, today: string): Promise<FollowUpFixtures> {
  const followupFixtures: FollowUpFixtures = { check: new Map(), forwarding: new Map(), verifyCheck: '' };
  for (const [meetingId, districtId] of meetingDistrict) {
    const [toCheck, toForward] = await db.insert(meetingItems).values([
      { meetingId, number: 901, kind: 'complaint', text: 'Матрица', topic: 'public_order', resolution: 'to_check' },
      { meetingId, number: 902, kind: 'complaint', text: 'Матрица', topic: 'housing', resolution: 'to_forward' },
    ]).returning({ id: meetingItems.id });
    const [check] = await db.insert(checksTable).values({ itemId: toCheck!.id, meetingId, openedOn: today, dueDate: today, originalDueDate: today }).returning({ id: checksTable.id });
    const [forwarding] = await db.insert(forwardingsTable).values({ itemId: toForward!.id, meetingId, dueDate: today }).returning({ id: forwardingsTable.id });
    followupFixtures.check.set(meetingId, check!.id);
    followupFixtures.forwarding.set(meetingId, forwarding!.id);
    const [district] = await db.select({ code: districts.code }).from(districts).where(eq(districts.id, districtId));
    if (district?.code === 'ALM-KAR-P2-D01') followupFixtures.verifyCheck = check!.id;
  }
  return followupFixtures;
}

/**
 * an agreement in each sample meeting, asked of its district's reporter (written directly:
 * the sample meetings cover one district, where nobody is asked). The meetings are drafts, so
 * each role in the matrix may answer it again.
 */
export async function agreementRecords(db: Db, meetingDistrict: ReadonlyMap<string, string>, today: string): Promise<string[]> {
  const out: string[] = [];
  for (const [meetingId, districtId] of meetingDistrict) {
    let [row] = await db.select({ id: meetingAgreementsTable.id }).from(meetingAgreementsTable).where(eq(meetingAgreementsTable.meetingId, meetingId));
    if (!row) {
      const [reporter] = await db.select().from(meetingInspectorsTable).where(eq(meetingInspectorsTable.meetingId, meetingId));
      [row] = await db.insert(meetingAgreementsTable).values({ meetingId, districtId, staffId: reporter!.staffId, askedAt: new Date(`${today}T00:00:00+05:00`) })
        .returning({ id: meetingAgreementsTable.id });
    }
    out.push(row!.id);
  }
  return out;
}
