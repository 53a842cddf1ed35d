import { atuRef, invitationById, meetingParts, meetingRow, unitById, pointRef } from '@esep/db';
import { announcementTexts } from '../../documents/announcement.texts.ts';
import { invitationDocx, invitationPdf } from '../../documents/invitation.letter.ts';
import type { DocLang, MeetingDocumentData } from '../../documents/meeting-document.ts';
import { posterPdf, type PosterLang } from '../../documents/poster.pdf.ts';
import { AppError } from '../../http/app-error.ts';
import type { ServiceContext } from '../context.ts';

/** Gathers what the announcement texts, poster and letters say about a meeting. */
async function documentData(ctx: ServiceContext, meetingId: string): Promise<MeetingDocumentData> {
  const row = await meetingRow(ctx.db, meetingId);
  if (!row) throw new AppError('not_found');
  const [parts, point, unit] = await Promise.all([meetingParts(ctx.db, [meetingId]), pointRef(ctx.db, row.pointId), unitById(ctx.db, row.unitId)]);
  const atu = parts.districts[0] ? await atuRef(ctx.db, parts.districts[0].atuId) : null;
  return {
    number: row.number, startsAt: row.startsAt, endsAt: row.endsAt, format: row.format, setting: row.setting,
    venueName: row.venueName, venueAddress: row.venueAddress, onlineLink: row.onlineLink,
    districts: parts.districts.map((d) => ({ nameKk: d.nameKk, nameRu: d.nameRu })),
    inspectors: parts.inspectors.map((i) => {
      const district = parts.districts.find((d) => d.id === i.districtId);
      return { fullName: i.fullName, districtNameKk: district?.nameKk ?? '', districtNameRu: district?.nameRu ?? '', rank: i.rank, position: i.position };
    }),
    pointNameKk: point.nameKk, pointNameRu: point.nameRu, unitNameKk: unit?.nameKk ?? '', unitNameRu: unit?.nameRu ?? '',
    atuNameKk: atu?.nameKk ?? null, atuNameRu: atu?.nameRu ?? null,
    publicUrl: `${ctx.publicUrl ?? ''}/m/${row.id}`,
  };
}

/** ready-to-publish texts in Kazakh and Russian. */
export async function meetingAnnouncementTexts(ctx: ServiceContext, meetingId: string) {
  return announcementTexts(await documentData(ctx, meetingId));
}

/** A printable A4 poster with a QR code to the meeting's public page. */
export async function meetingPoster(ctx: ServiceContext, meetingId: string, lang: PosterLang) {
  return posterPdf(await documentData(ctx, meetingId), lang);
}

/** the invitation letter as DOCX or PDF. */
export async function invitationLetter(ctx: ServiceContext, invitationId: string, lang: DocLang, format: 'docx' | 'pdf') {
  const invitation = await invitationById(ctx.db, invitationId);
  if (!invitation) throw new AppError('not_found');
  const meeting = await documentData(ctx, invitation.meetingId);
  const data = {
    meeting, category: invitation.category, organisation: invitation.organisation, personName: invitation.personName,
    outgoingNumber: `${meeting.number}/${invitation.id.slice(0, 4).toUpperCase()}`, date: ctx.today,
  };
  return format === 'docx' ? invitationDocx(data, lang) : invitationPdf(data, lang);
}
