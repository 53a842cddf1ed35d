import { PARTICIPANT_CATEGORY_VALUES, richTextPlain, type ProtocolContent, type ProtocolView, type RichText } from '@esep/contracts';
import {
  addendaOf, awardsOf, decisionsOf, insertProtocolDraft, insertReminders, itemsOf, lateEntryOf, meetingParts, meetingPaths, meetingRow, participantsOf,
  pointRef, protocolRow, remindersOf, reportSectionsOf, signaturesOf, staffIdOfUser, staffIinOf, staffRefs, unitById, updateProtocolDraft,
  lockProtocol, type Executor, type MeetingRow, type ProtocolRow, type ProtocolSignatureRow,
} from '@esep/db';
import { can, canonicalJson, lateEntryAllowsSigning, REPORT_SECTIONS, signingTimeliness } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { sha256hex, signingPayload } from './signer.ts';
import { reportersFrom } from '../meeting/reporters.ts';
import { publicPdfHashes } from './signing-documents.ts';
import { lateEntryContentOf } from '../meeting/late-entry.content.ts';

/*
 * the protocol of a meeting. Esep assembles it from the meeting's records once the
 * meeting is held; the inspector edits the summary and remarks, or re-assembles it, while it is
 * a draft. The first signature freezes its canonical form; later changes are signed addenda.
 */

/** Meetings whose protocol exists or may be made. */
export const PROTOCOL_STATUSES: readonly MeetingRow['status'][] = ['held', 'protocol_signed', 'closed'];

export const MESSAGES = {
  wrong_status: {
    kk: 'Хаттама кездесу өткізілгеннен кейін ғана жасалады', ru: 'Протокол составляется только после проведения встречи', en: 'The protocol is made only once the meeting is held',
  },
  protocol_signed: {
    kk: 'Хаттамаға қол қойылған: өзгерістер қол қойылған қосымшамен енгізіледі (32-т. 1-б.)',
    ru: 'Протокол подписан: изменения вносятся подписанным дополнением (п. 32 ч. 1)',
    en: 'The protocol is signed: changes are made as signed addenda (R-32.1)',
  },
  conflict: {
    kk: 'Хаттаманы сізден кейін басқа біреу сақтады. Соңғы нұсқаны жүктеп, қайта өңдеңіз.',
    ru: 'Протокол уже сохранил кто-то другой. Загрузите последнюю версию и внесите изменения снова.',
    en: 'Someone else saved the protocol in the meantime. Load the latest version and make your changes again.',
  },
} as const;

/** The canonical SHA-256 of a protocol's content (what signatures cover). */
export const contentHashOf = (content: unknown) => sha256hex(canonicalJson(content));

const ROUTE = { answered: 'answered', to_check: 'check', to_forward: 'forwarding' } as const;
const OFFICIALS = ['police_leadership', 'akimat', 'maslikhat_deputy', 'invited_agency', 'organisation', 'media'];

/** The reporting inspectors of a meeting, each once, with the districts he reports on. */
export async function reportersOf(db: Executor, meetingId: string) {
  const parts = await meetingParts(db, [meetingId]);
  return { parts, reporters: reportersFrom(parts) };
}

/** The report's sections as plain text, to start the protocol's summary from. */
function summaryFromReport(sections: Awaited<ReturnType<typeof reportSectionsOf>>, order: readonly string[]): string {
  const parts: string[] = [];
  for (const staffId of order) {
    for (const section of REPORT_SECTIONS) {
      const row = sections.find((s) => s.staffId === staffId && s.section === section);
      if (!row?.content) continue;
      const text = richTextPlain(row.content as RichText).replace(/\s+/g, ' ').trim();
      if (text) parts.push(text.length > 600 ? `${text.slice(0, 600).trimEnd()}…` : text);
    }
  }
  return parts.join('\n\n');
}

/** Assembles the protocol's content from the meeting's records (one query after another: a transaction has one connection). */
export async function assembleContent(db: Executor, meeting: MeetingRow, assembledAt: Date, keep?: { reportSummary: string; remarks: string | null }): Promise<ProtocolContent> {
  const { parts, reporters } = await reportersOf(db, meeting.id);
  const staff = await staffRefs(db, reporters.map((r) => r.staffId));
  const point = await pointRef(db, meeting.pointId);
  const unit = await unitById(db, meeting.unitId);
  const participants = await participantsOf(db, meeting.id);
  const items = await itemsOf(db, meeting.id);
  const decisions = await decisionsOf(db, meeting.id);
  const awards = await awardsOf(db, meeting.id);
  const sections = keep ? [] : await reportSectionsOf(db, meeting.id);
  const lateEntry = await lateEntryContentOf(db, meeting.id);
  // Every category, with zeros: the count by category is complete.
  const byCategory = Object.fromEntries(PARTICIPANT_CATEGORY_VALUES.map((c) => [c, 0])) as Record<string, number>;
  for (const p of participants) byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
  return {
    meeting: {
      id: meeting.id, number: meeting.number, date: meeting.startDate, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(),
      format: meeting.format, setting: meeting.setting, venueName: meeting.venueName, venueAddress: meeting.venueAddress, onlineLink: meeting.onlineLink,
      districts: parts.districts.map((d) => ({ code: d.code, nameKk: d.nameKk, nameRu: d.nameRu })),
      point: { code: point.code, nameKk: point.nameKk, nameRu: point.nameRu },
      unit: { code: unit?.code ?? '', nameKk: unit?.nameKk ?? '', nameRu: unit?.nameRu ?? '' },
    },
    reporters: reporters.map((r) => {
      const s = staff.find((x) => x.id === r.staffId);
      return { staffId: r.staffId, fullName: r.fullName, rank: s?.rank ?? null, position: s?.position ?? 'inspector', districtCodes: r.districtCodes };
    }),
    participantCount: participants.length,
    participantsByCategory: byCategory as ProtocolContent['participantsByCategory'],
    attendance: {
      policeLeadership: participants.some((p) => p.category === 'police_leadership'),
      akimat: participants.some((p) => p.category === 'akimat'),
      // Officials attend in office: their names may stand in the public copy; residents' never do.
      officials: participants.filter((p) => OFFICIALS.includes(p.category))
        .map((p) => ({ category: p.category, fullName: p.fullName, organisation: p.organisation ?? null })),
    },
    reportSummary: keep ? keep.reportSummary : summaryFromReport(sections, reporters.map((r) => r.staffId)),
    decisions: decisions.map((d) => ({ number: d.number, text: d.text, responsible: d.responsible, dueDate: d.dueDate })),
    items: items.map((i) => ({
      number: i.number, reference: `${i.meetingNumber}/${i.number}`, kind: i.kind, topic: i.topic, text: i.text,
      // Who raised an item is never named in the protocol: only whether it came from a registered participant.
      raisedBy: i.participantId ? participants.find((p) => p.id === i.participantId)?.category ?? 'resident' : null,
      resolution: i.resolution, answer: i.answer, route: i.resolution ? ROUTE[i.resolution] : 'unclassified',
    })),
    awards: awards.map((a) => ({ recipientKind: a.recipientKind, recipientName: a.recipientName, reason: a.reason, awardKind: a.awardKind })),
    remarks: keep ? keep.remarks : null,
    assembledAt: assembledAt.toISOString(),
    // A meeting entered after the fact says so, and who confirmed it; others carry no such key.
    ...(lateEntry ? { lateEntry } : {}),
  };
}

/** remind the inspector to sign at the end of the meeting and in the evening (20:00 Almaty, or an hour after the end if later). */
export function reminderTimes(meeting: Pick<MeetingRow, 'startDate' | 'endsAt'>): Array<{ kind: string; dueAt: Date }> {
  const evening = new Date(`${meeting.startDate}T20:00:00+05:00`);
  const afterEnd = new Date(meeting.endsAt.getTime() + 3600_000);
  return [
    { kind: 'end_of_meeting', dueAt: meeting.endsAt },
    { kind: 'evening', dueAt: evening > afterEnd ? evening : afterEnd },
  ];
}

async function requireMeeting(db: Executor, meetingId: string) {
  const meeting = await meetingRow(db, meetingId);
  if (!meeting) throw new AppError('not_found');
  return meeting;
}

function wrongStatus(): AppError {
  return ruleRefusal({ reason: 'wrong_status', rule: 'R-32.1' }, MESSAGES.wrong_status, 409);
}

/** The protocol row, made (assembled, with its reminders) on first need once the meeting is held. */
export async function ensureProtocol(ctx: ServiceContext, meetingId: string): Promise<{ meeting: MeetingRow; protocol: ProtocolRow }> {
  const meeting = await requireMeeting(ctx.db, meetingId);
  const existing = await protocolRow(ctx.db, meetingId);
  if (existing) return { meeting, protocol: existing };
  if (!PROTOCOL_STATUSES.includes(meeting.status)) throw wrongStatus();
  await inTransaction(ctx, async (tx, audit) => {
    const content = await assembleContent(tx, meeting, ctx.now());
    if (!(await insertProtocolDraft(tx, { meetingId, content, updatedBy: ctx.actor?.id ?? null }))) return;
    await insertReminders(tx, reminderTimes(meeting).map((r) => ({ meetingId, ...r })));
    await audit({ action: 'protocol.assemble', entityType: 'meeting', entityId: meetingId, after: { version: 1, items: content.items.length, participantCount: content.participantCount } });
  });
  return { meeting, protocol: (await protocolRow(ctx.db, meetingId))! };
}

function presentSignature(s: ProtocolSignatureRow) {
  return {
    id: s.id, addendumId: s.addendumId, staffId: s.staffId, signerName: s.signerName, method: s.method,
    signedAt: s.signedAt.toISOString(), signedHash: s.signedHash, certificateSubject: s.certificateSubject,
  };
}

export const verifyUrlOf = (ctx: ServiceContext, meetingId: string) => `${(ctx.publicUrl ?? '').replace(/\/$/, '')}/v/${meetingId}`;

/** The protocol with its signatures, addenda, reminders and what the current user may do. */
export async function protocolView(ctx: ServiceContext, meetingId: string, options: { qualifiedAvailable: boolean }): Promise<ProtocolView> {
  const actor = requireActor(ctx);
  const { meeting, protocol } = await ensureProtocol(ctx, meetingId);
  const { reporters } = await reportersOf(ctx.db, meetingId);
  const signatures = await signaturesOf(ctx.db, meetingId);
  const addenda = await addendaOf(ctx.db, meetingId);
  const reminders = await remindersOf(ctx.db, meetingId);
  const paths = await meetingPaths(ctx.db, meetingId);
  const myStaffId = await staffIdOfUser(ctx.db, actor.id);
  const iinRecorded = myStaffId != null && (await staffIinOf(ctx.db, myStaffId)) != null;
  const mayUpdate = can(actor, 'update', { resource: 'protocol', paths });
  const signersOf = (addendumId: string | null) => reporters.map((r) => {
    const s = signatures.find((x) => x.staffId === r.staffId && x.addendumId === addendumId);
    return { staffId: r.staffId, fullName: r.fullName, signed: Boolean(s), signedAt: s?.signedAt.toISOString() ?? null };
  });
  const canSign = (addendumId: string | null) => mayUpdate && myStaffId != null && reporters.some((r) => r.staffId === myStaffId)
    && !signatures.some((x) => x.staffId === myStaffId && x.addendumId === addendumId);
  const content = protocol.content as ProtocolContent;
  const draft = protocol.status === 'draft';
  const lateNow = signingTimeliness(meeting.startDate, ctx.now()) === 'late';
  // a meeting entered after the fact is signed for once the lead has confirmed it.
  const offerSigning = draft && meeting.status === 'held' && lateEntryAllowsSigning((await lateEntryOf(ctx.db, meetingId))?.status ?? null);
  const contentHash = protocol.contentHash ?? contentHashOf(content);
  // the first signer signs the PDFs too — their hashes are known before they are stored.
  const pdfs = offerSigning && (!protocol.pdfKkHash || !protocol.pdfRuHash)
    ? await publicPdfHashes(content, contentHash, verifyUrlOf(ctx, meetingId))
    : { kk: protocol.pdfKkHash, ru: protocol.pdfRuHash };
  const protocolPayload = signingPayload({ meetingId, contentHash, pdfKkHash: pdfs.kk, pdfRuHash: pdfs.ru });
  return {
    meetingId, meetingNumber: meeting.number, meetingDate: meeting.startDate,
    status: protocol.status, version: protocol.version, content,
    contentHash: protocol.contentHash, pdfHashes: { kk: protocol.pdfKkHash, ru: protocol.pdfRuHash },
    signedAt: protocol.signedAt?.toISOString() ?? null,
    timeliness: protocol.status === 'signed' ? (protocol.late ? 'late' : 'on_time') : 'pending',
    lateReason: protocol.lateReason,
    verifyUrl: verifyUrlOf(ctx, meetingId),
    signers: signersOf(null),
    pendingSigners: reporters.filter((r) => !signatures.some((s) => s.staffId === r.staffId && s.addendumId === null)).map((r) => ({ staffId: r.staffId, fullName: r.fullName })),
    signatures: signatures.filter((s) => s.addendumId === null).map(presentSignature),
    addenda: addenda.map((a) => {
      const payload = signingPayload({ meetingId, addendumId: a.id, contentHash: a.contentHash });
      return {
        id: a.id, number: a.number, text: a.text, contentHash: a.contentHash, status: a.status, createdAt: a.createdAt.toISOString(),
        signers: signersOf(a.id), signatures: signatures.filter((s) => s.addendumId === a.id).map(presentSignature),
        signing: a.status === 'draft'
          ? { payload: payload.toString('base64'), payloadHash: sha256hex(payload), canSign: canSign(a.id), lateReasonRequired: false, qualifiedAvailable: options.qualifiedAvailable, iinRecorded }
          : null,
      };
    }),
    reminders: reminders.map((r) => ({ kind: r.kind, dueAt: r.dueAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
    signing: offerSigning
      ? { payload: protocolPayload.toString('base64'), payloadHash: sha256hex(protocolPayload), canSign: canSign(null), lateReasonRequired: lateNow, qualifiedAvailable: options.qualifiedAvailable, iinRecorded }
      : null,
    editable: draft && mayUpdate && protocol.contentHash == null,
  };
}

/** The draft's own text: summary and remarks, over the version the editor started from. */
export async function editProtocol(ctx: ServiceContext, meetingId: string, input: { reportSummary?: string | undefined; remarks?: string | null | undefined; baseVersion: number }) {
  const actor = requireActor(ctx);
  await ensureProtocol(ctx, meetingId);
  await inTransaction(ctx, async (tx, audit) => {
    const row = await lockProtocol(tx, meetingId);
    if (!row) throw new AppError('not_found');
    requireDraft(row);
    if (row.version !== input.baseVersion) throw new AppError('conflict', { currentVersion: row.version }, 409, MESSAGES.conflict);
    const content = row.content as ProtocolContent;
    const next: ProtocolContent = {
      ...content,
      ...(input.reportSummary !== undefined ? { reportSummary: input.reportSummary } : {}),
      ...(input.remarks !== undefined ? { remarks: input.remarks ?? null } : {}),
    };
    const saved = await updateProtocolDraft(tx, meetingId, input.baseVersion, next, actor.id, ctx.now());
    if (!saved) throw new AppError('conflict', { currentVersion: row.version }, 409, MESSAGES.conflict);
    await audit({ action: 'protocol.edit', entityType: 'meeting', entityId: meetingId, before: { version: row.version }, after: { version: saved.version, fields: Object.keys(input).filter((k) => k !== 'baseVersion') } });
  });
}

/** Re-reads the meeting's records into the draft, keeping the summary and remarks typed by hand. */
export async function reassembleProtocol(ctx: ServiceContext, meetingId: string) {
  const actor = requireActor(ctx);
  const { meeting } = await ensureProtocol(ctx, meetingId);
  await inTransaction(ctx, async (tx, audit) => {
    const row = await lockProtocol(tx, meetingId);
    if (!row) throw new AppError('not_found');
    requireDraft(row);
    const old = row.content as ProtocolContent;
    const content = await assembleContent(tx, meeting, ctx.now(), { reportSummary: old.reportSummary, remarks: old.remarks });
    const saved = await updateProtocolDraft(tx, meetingId, row.version, content, actor.id, ctx.now());
    if (!saved) throw new AppError('conflict', { currentVersion: row.version }, 409, MESSAGES.conflict);
    await audit({ action: 'protocol.reassemble', entityType: 'meeting', entityId: meetingId, before: { version: row.version }, after: { version: saved.version, items: content.items.length, participantCount: content.participantCount } });
  });
}

/** Signed, or a signature already fixed its content: only addenda from now on. */
export function requireDraft(row: ProtocolRow) {
  if (row.status === 'signed' || row.contentHash != null) {
    throw ruleRefusal({ reason: 'protocol_signed', rule: 'R-32.1' }, MESSAGES.protocol_signed, 409);
  }
}
