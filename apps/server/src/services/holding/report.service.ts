import type { CarriedItem, Report, ReportRevision, ReportSection, RichText } from '@esep/contracts';
import {
  atuRef, meetingParts, meetingPaths, meetingRow, pointRef, reportSectionsOf, revisionsOf, sectionRow, setCarryNote, staffIdOfUser, unitById, writeSection,
  currentSectionVersion, type MeetingRow, type ReportSectionRow,
} from '@esep/db';
import { can, quarterOf, REPORT_SECTIONS, type ReportSection as SectionKey } from '@esep/domain';
import type { z } from 'zod';
import type { DocLang, MeetingDocumentData } from '../../documents/meeting-document.ts';
import { venueText } from '../../documents/meeting-document.ts';
import { reportPdf, type ReportDocumentData } from '../../documents/report.pdf.ts';
import { AppError } from '../../http/app-error.ts';
import { carriedItems } from '../meeting/meeting.view.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { listSources, REPORT_OPEN, requireOpenMeeting } from './source.service.ts';
import { statisticsFor } from './statistics.service.ts';
import { reportersFrom } from '../meeting/reporters.ts';

/**
 * the report each reporting inspector gives — four sections in order, the district
 * statistics, and the items raised at earlier meetings with what became of them and what the
 * inspector says was done (R-30 ¶4: "including those received at the previous report").
 */

type Carried = Awaited<ReturnType<typeof carriedItems>>[number];

function presentSection(staffId: string, section: SectionKey, row: ReportSectionRow | undefined | null): z.infer<typeof ReportSection> {
  return {
    staffId, section, content: (row?.content as RichText | undefined) ?? null, version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null,
  };
}

function presentCarried(c: Carried, showNames: boolean): z.infer<typeof CarriedItem> {
  return {
    itemId: c.itemId, reference: `${c.meetingNumber}/${c.number}`, meetingId: c.meetingId, meetingNumber: c.meetingNumber, meetingDate: c.meetingDate,
    kind: c.kind, text: c.text, topic: c.topic, raisedBy: showNames ? c.participantName ?? null : null,
    resolution: c.resolution, answer: c.answer, outcome: c.outcome, followUp: null, note: c.note ?? null,
    residentsNotResolved: { count: c.residentsNotResolved, words: c.residentWords },
  };
}

async function loadMeeting(ctx: ServiceContext, meetingId: string) {
  const row = await meetingRow(ctx.db, meetingId);
  if (!row) throw new AppError('not_found');
  const [parts, paths] = await Promise.all([meetingParts(ctx.db, [meetingId]), meetingPaths(ctx.db, meetingId)]);
  return { row, parts, paths, districtIds: parts.districts.map((d) => d.id) };
}

export async function reportOf(ctx: ServiceContext, meetingId: string): Promise<z.infer<typeof Report>> {
  const actor = requireActor(ctx);
  const { row, parts, paths, districtIds } = await loadMeeting(ctx, meetingId);
  const q = quarterOf(row.startDate);
  const [sections, carried, statistics, sources] = await Promise.all([
    reportSectionsOf(ctx.db, meetingId), carriedItems(ctx, meetingId, districtIds, row.startsAt), statisticsFor(ctx, districtIds, q), listSources(ctx, meetingId),
  ]);
  const showNames = can(actor, 'read', { resource: 'participant', paths });
  return {
    meetingId,
    reporters: reportersFrom(parts).map((r) => ({
      staffId: r.staffId, fullName: r.fullName, districtIds: r.districtIds,
      sections: REPORT_SECTIONS.map((s) => presentSection(r.staffId, s, sections.find((x) => x.staffId === r.staffId && x.section === s))),
    })),
    // Earlier meetings first, each in the order its items were raised.
    carryOver: [...carried].sort((a, b) => a.meetingStartsAt.getTime() - b.meetingStartsAt.getTime() || a.number - b.number).map((c) => presentCarried(c, showNames)),
    statistics: parts.districts.map((d) => ({ district: { id: d.id, code: d.code, nameKk: d.nameKk, nameRu: d.nameRu }, year: q.year, quarter: q.quarter, rows: statistics.get(d.id)! })),
    sources,
    editable: can(actor, 'update', { resource: 'meeting', paths }) && (REPORT_OPEN as readonly string[]).includes(row.status),
  };
}

const CONFLICT = {
  kk: 'Бұл бөлімді сізден кейін басқа біреу сақтады. Соңғы нұсқаны жүктеп, өзгерістеріңізді қайта енгізіңіз.',
  ru: 'Этот раздел уже сохранил кто-то другой. Загрузите последнюю версию и внесите изменения снова.',
  en: 'Someone else saved this section in the meantime. Load the latest version and make your changes again.',
};
const OWN_SECTIONS_ONLY = {
  kk: 'Инспектор тек өз есебінің бөлімдерін өңдей алады',
  ru: 'Инспектор может редактировать только разделы своего отчёта',
  en: 'An inspector may edit only the sections of his own report',
};

/** Saves a section over the version the editor started from (409 when someone saved in between). */
export async function saveSection(ctx: ServiceContext, meetingId: string, staffId: string, section: SectionKey, input: { content: RichText; baseVersion: number }) {
  const actor = requireActor(ctx);
  await requireOpenMeeting(ctx, meetingId);
  const parts = await meetingParts(ctx.db, [meetingId]);
  if (!parts.inspectors.some((i) => i.id === staffId)) {
    throw new AppError('validation_failed', [{ field: 'querystring.staffId', reason: 'not a reporting inspector of this meeting', code: 'not_reporter' }]);
  }
  // An inspector writes his own report; leads and assistants may help with any of the meeting's.
  if (actor.role === 'inspector' && (await staffIdOfUser(ctx.db, actor.id)) !== staffId) throw new AppError('forbidden', null, 403, OWN_SECTIONS_ONLY);
  const version = await inTransaction(ctx, async (tx, audit) => {
    const saved = await writeSection(tx, { meetingId, staffId, section, content: input.content, baseVersion: input.baseVersion, userId: actor.id }, ctx.now());
    if (saved == null) throw new AppError('conflict', { currentVersion: await currentSectionVersion(tx, meetingId, staffId, section) }, 409, CONFLICT);
    await audit({ action: 'report.section', entityType: 'meeting', entityId: meetingId, after: { staffId, section, version: saved, characters: JSON.stringify(input.content).length } });
    return saved;
  });
  const row = await sectionRow(ctx.db, meetingId, staffId, section);
  return presentSection(staffId, section, row ?? { staffId, section, content: input.content, version, updatedAt: ctx.now(), updatedBy: null });
}

export async function sectionRevisions(ctx: ServiceContext, meetingId: string, staffId: string, section: SectionKey): Promise<Array<z.infer<typeof ReportRevision>>> {
  if (!(await meetingRow(ctx.db, meetingId))) throw new AppError('not_found');
  const rows = await revisionsOf(ctx.db, meetingId, staffId, section);
  return rows.map((r) => ({ version: r.version, content: r.content as RichText, savedAt: r.savedAt.toISOString(), savedBy: r.savedBy ?? null }));
}

/** R-30 ¶4: what was done about an item of an earlier meeting; an empty note removes it. */
export async function noteCarriedItem(ctx: ServiceContext, meetingId: string, itemId: string, note: string | null) {
  const actor = requireActor(ctx);
  const row = await requireOpenMeeting(ctx, meetingId);
  const [parts, paths] = await Promise.all([meetingParts(ctx.db, [meetingId]), meetingPaths(ctx.db, meetingId)]);
  const carried = (await carriedItems(ctx, meetingId, parts.districts.map((d) => d.id), row.startsAt)).find((c) => c.itemId === itemId);
  if (!carried) throw new AppError('not_found');
  await inTransaction(ctx, async (tx, audit) => {
    await setCarryNote(tx, meetingId, itemId, note, actor.id, ctx.now());
    await audit({ action: note == null ? 'report.carry_note.delete' : 'report.carry_note', entityType: 'meeting', entityId: meetingId, after: { itemId, reference: `${carried.meetingNumber}/${carried.number}`, characters: note?.length ?? 0 } });
  });
  return presentCarried({ ...carried, note }, can(actor, 'read', { resource: 'participant', paths }));
}

async function placeOf(ctx: ServiceContext, row: MeetingRow, parts: Awaited<ReturnType<typeof meetingParts>>) {
  const [point, unit] = await Promise.all([pointRef(ctx.db, row.pointId), unitById(ctx.db, row.unitId)]);
  const atu = parts.districts[0] ? await atuRef(ctx.db, parts.districts[0].atuId) : null;
  const doc: MeetingDocumentData = {
    number: row.number, startsAt: row.startsAt, endsAt: row.endsAt, format: row.format, setting: row.setting,
    venueName: row.venueName, venueAddress: row.venueAddress, onlineLink: row.onlineLink,
    districts: [], inspectors: [], pointNameKk: point.nameKk, pointNameRu: point.nameRu, unitNameKk: unit?.nameKk ?? '', unitNameRu: unit?.nameRu ?? '',
    atuNameKk: atu?.nameKk ?? null, atuNameRu: atu?.nameRu ?? null, publicUrl: '',
  };
  return {
    place: { kk: venueText(doc, 'kk'), ru: venueText(doc, 'ru') },
    unit: { kk: [doc.unitNameKk, point.nameKk].filter(Boolean).join(' · '), ru: [doc.unitNameRu, point.nameRu].filter(Boolean).join(' · ') },
  };
}

/** The handout PDF in Kazakh or Russian; participant names are never printed. */
export async function reportHandout(ctx: ServiceContext, meetingId: string, lang: DocLang): Promise<{ pdf: Buffer; number: string }> {
  const report = await reportOf(ctx, meetingId);
  const { row, parts } = await loadMeeting(ctx, meetingId);
  const districtName = (id: string) => {
    const d = parts.districts.find((x) => x.id === id);
    return { kk: d?.nameKk ?? '', ru: d?.nameRu ?? '' };
  };
  const data: ReportDocumentData = {
    number: row.number, startsAt: row.startsAt, endsAt: row.endsAt, ...(await placeOf(ctx, row, parts)),
    reporters: report.reporters.map((r) => ({ fullName: r.fullName, districts: r.districtIds.map(districtName), sections: r.sections.map((s) => ({ section: s.section, content: s.content })) })),
    statistics: report.statistics.map((s) => ({ district: { kk: s.district.nameKk, ru: s.district.nameRu }, year: s.year, quarter: s.quarter, rows: s.rows })),
    carryOver: report.carryOver.map((c) => ({ reference: c.reference, kind: c.kind, text: c.text, outcome: c.outcome, answer: c.answer, note: c.note, residentsNotResolved: c.residentsNotResolved })),
    sources: report.sources.map((s) => ({ kind: s.kind, title: s.title, sourceDate: s.sourceDate })),
  };
  return { pdf: await reportPdf(data, lang), number: row.number };
}
