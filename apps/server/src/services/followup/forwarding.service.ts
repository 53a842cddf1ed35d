import type { Forwarding, ForwardingPatchBody } from '@esep/contracts';
import {
  allStateBodies, firstReporter, forwardingById, meetingPaths, forwardingsOfMeetings, lockMeetingForNumbers, meetingParts, meetingRow, pointRef, staffById, stateBodyById, unitById,
  updateForwardingRow, type Executor, type ForwardingRow,
} from '@esep/db';
import { abilities, can, claimedTopics, competence, competentFlag, forwardingComplete, type Abilities, type Target, type TerritoryPath } from '@esep/domain';
import { forwardingLetterDocx, forwardingLetterPdf, type ForwardingLetterData } from '../../documents/forwarding.letter.ts';
import { forwardingNotice } from '../../documents/initiator.notice.ts';
import type { DocLang } from '../../documents/meeting-document.ts';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { maySeeNames } from '../holding/item.service.ts';
import { ALREADY_VERIFIED, futureDate, wrongStatus } from './check.service.ts';

/*
 * an item outside police competence is sent to the state body responsible for it, by
 * letter, within 3 working days (APPK art. 65), and the person who raised it is always told where
 * it went. The forwarding is complete only when both are recorded.
 */

/** Who signs the letter and the notice: the meeting's first reporting inspector. */
async function reporterOf(db: Executor, meetingId: string) {
  const staffId = await firstReporter(db, meetingId);
  return staffId ? staffById(db, staffId) : null;
}

const noticeItem = (row: ForwardingRow, inspectorName: string | null) => ({
  reference: `${row.meetingNumber}/${row.itemNumber}`, meetingDate: row.meetingDate, initiatorName: row.participantName, inspectorName,
});

/** the topics some active body of the directory is competent for — the clear ones. */
export async function clearTopics(db: Executor): Promise<Set<string>> {
  return claimedTopics(await allStateBodies(db, true));
}

/** Where the access policy finds a forwarding: its meeting's districts and the ATU of the body it was sent to. */
const targetOf = (row: ForwardingRow, paths: readonly TerritoryPath[]): Target =>
  ({ resource: 'followup', paths, sentTo: { atuIds: row.bodyAtuId ? [row.bodyAtuId] : [] } });

export function presentForwarding(row: ForwardingRow, today: string, inspectorName: string | null, clear: ReadonlySet<string>, may: Abilities): Forwarding {
  const anonymous = row.participantId == null;
  const complete = forwardingComplete({ sentOn: row.sentOn, initiatorNotifiedOn: row.initiatorNotifiedOn, anonymous });
  const missing: Forwarding['missing'] = [];
  if (!row.bodyId) missing.push('body');
  if (!row.sentOn) missing.push('sent');
  if (!anonymous && !row.initiatorNotifiedOn) missing.push('initiator_notice');
  const body = row.bodyId && row.bodyNameKk && row.bodyNameRu ? { nameKk: row.bodyNameKk, nameRu: row.bodyNameRu } : null;
  const letter = { number: row.letterNumber, date: row.letterDate };
  return {
    id: row.id, meetingId: row.meetingId, meetingNumber: row.meetingNumber, meetingDate: row.meetingDate,
    itemId: row.itemId, itemReference: `${row.meetingNumber}/${row.itemNumber}`, itemText: row.itemText, topic: row.topic, anonymous,
    bodyId: row.bodyId, bodyNameKk: row.bodyNameKk, bodyNameRu: row.bodyNameRu,
    competent: row.bodyTopics ? competentFlag(competence(row.bodyTopics, row.topic, clear)) : null, competenceReason: row.competenceReason,
    dueDate: row.dueDate, letterNumber: row.letterNumber, letterDate: row.letterDate, sentOn: row.sentOn,
    sentLate: row.sentOn ? row.sentOn > row.dueDate : null,
    initiatorNoticeText: row.initiatorNoticeText, initiatorChannel: row.initiatorChannel, initiatorNotifiedOn: row.initiatorNotifiedOn,
    status: row.status, complete, missing,
    overdue: row.status === 'open' && row.dueDate < today,
    noticeDraft: body && !anonymous
      ? { kk: forwardingNotice(noticeItem(row, inspectorName), body, letter, 'kk'), ru: forwardingNotice(noticeItem(row, inspectorName), body, letter, 'ru') }
      : null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    abilities: may,
  };
}

/**
 * The meeting's forwardings the user may read: all of them in his territory; for an akimat
 * outside it, those sent to its own bodies — each row is asked of the policy.
 */
export async function listForwardings(ctx: ServiceContext, meetingId: string): Promise<Forwarding[]> {
  const actor = requireActor(ctx);
  const paths = await meetingPaths(ctx.db, meetingId);
  const rows = (await forwardingsOfMeetings(ctx.db, [meetingId])).filter((r) => can(actor, 'read', targetOf(r, paths)));
  const reporter = rows.length ? await reporterOf(ctx.db, meetingId) : null;
  const clear = rows.length ? await clearTopics(ctx.db) : new Set<string>();
  // The notices name the initiator: only those who may read the register see them.
  const names = await maySeeNames(ctx, meetingId);
  return rows.map((r) => {
    const view = presentForwarding(r, ctx.today, reporter?.fullName ?? null, clear, abilities(actor, targetOf(r, paths)));
    return names ? view : { ...view, noticeDraft: null, initiatorNoticeText: null };
  });
}

const NOTHING = { kk: 'Өзгеріс көрсетілмеген', ru: 'Изменения не указаны', en: 'No change given' };
const UNKNOWN_BODY = { kk: 'Мұндай мемлекеттік орган анықтамалықта жоқ немесе ол өшірілген', ru: 'Такого государственного органа нет в справочнике или он отключён', en: 'No such state body in the directory, or it is switched off' };
const COMPETENCE_REASON = {
  kk: 'Таңдалған орган бұл тақырып бойынша құзыретті емес: неге оған жіберілетінін көрсетіңіз',
  ru: 'Выбранный орган не компетентен по этой теме: укажите, почему обращение направляется именно ему',
  en: 'The chosen body is not competent for this topic: give the reason for forwarding it there',
};
const BODY_REQUIRED = { kk: 'Алдымен өтініш жіберілетін органды таңдаңыз', ru: 'Сначала выберите орган, которому направляется обращение', en: 'First choose the body the item is forwarded to' };
const LETTER_REQUIRED = {
  kk: 'Хаттың нөмірін, күнін және жіберілген күнін көрсетіңіз', ru: 'Укажите номер и дату письма и дату отправки', en: 'Give the letter\'s number and date and the date it was sent',
};
const NOTICE_REQUIRED = {
  kk: 'Өтініш берушіге хабарланған күн мен тәсілді көрсетіңіз', ru: 'Укажите дату и способ уведомления заявителя', en: 'Give the date and the channel of the initiator\'s notice',
};
const ALREADY_SENT = { kk: 'Хат жіберілген: органды ауыстыруға болмайды', ru: 'Письмо уже отправлено: орган изменить нельзя', en: 'The letter has been sent: the body cannot be changed' };

/**
 * One step of a forwarding: choose the body (a body plainly wrong for the item's clear topic needs
 * a reason — warned, allowed; a topic like "other" names no body, so none is wrong), record the
 * letter sent, record the initiator's notice.
 */
export async function patchForwarding(ctx: ServiceContext, forwardingId: string, body: ForwardingPatchBody): Promise<Forwarding> {
  const keys = Object.keys(body).filter((k) => k !== 'lang' && (body as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) throw ruleRefusal({ reason: 'nothing_to_change', rule: null, field: 'body' }, NOTHING, 400);
  const row = await forwardingById(ctx.db, forwardingId);
  if (!row) throw new AppError('not_found');
  for (const field of ['letterDate', 'sentOn', 'initiatorNotifiedOn'] as const) {
    const value = body[field];
    if (value && value > ctx.today) throw futureDate(field);
  }
  const reporter = await reporterOf(ctx.db, row.meetingId);
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, row.meetingId);
    const current = await forwardingById(tx, forwardingId);
    if (!locked || !current) throw new AppError('not_found');
    if (current.status === 'verified') throw ruleRefusal({ reason: 'already_verified', rule: 'R-33' }, ALREADY_VERIFIED, 409);
    if (locked.status !== 'protocol_signed') throw wrongStatus();
    const patch: Parameters<typeof updateForwardingRow>[2] = {};
    const clear = await clearTopics(tx);
    let target = current.bodyId ? await stateBodyById(tx, current.bodyId) : null;
    if (body.bodyId !== undefined && body.bodyId !== current.bodyId) {
      if (current.sentOn) throw ruleRefusal({ reason: 'already_sent', rule: 'R-32.5', field: 'bodyId' }, ALREADY_SENT, 409);
      target = await stateBodyById(tx, body.bodyId);
      if (!target || !target.active) throw ruleRefusal({ reason: 'unknown_body', rule: null, field: 'bodyId' }, UNKNOWN_BODY, 422);
      patch.bodyId = target.id;
      patch.competenceReason = null;
    }
    if (body.bodyId !== undefined || body.competenceReason !== undefined) {
      if (!target) throw ruleRefusal({ reason: 'body_required', rule: 'R-32.5', field: 'bodyId' }, BODY_REQUIRED, 422);
      const reason = body.competenceReason !== undefined ? body.competenceReason : (patch.bodyId ? null : current.competenceReason);
      const verdict = competence(target.topics, current.topic, clear);
      if (verdict === 'not_competent' && !reason) {
        throw ruleRefusal({ reason: 'competence_reason_required', rule: 'R-32.5', field: 'competenceReason', params: { topic: current.topic } }, COMPETENCE_REASON, 422);
      }
      // A competent body needs no reason; for a topic that names no body ("other") one given is kept as a note.
      patch.competenceReason = verdict === 'competent' ? null : reason;
    }
    if (body.letterNumber !== undefined || body.letterDate !== undefined || body.sentOn !== undefined) {
      if (!target) throw ruleRefusal({ reason: 'body_required', rule: 'R-32.5', field: 'bodyId' }, BODY_REQUIRED, 422);
      const letterNumber = body.letterNumber ?? current.letterNumber;
      const letterDate = body.letterDate ?? current.letterDate;
      const sentOn = body.sentOn ?? current.sentOn;
      if (!letterNumber || !letterDate || !sentOn) {
        throw ruleRefusal({ reason: 'letter_required', rule: 'R-32.5', field: !letterNumber ? 'letterNumber' : !letterDate ? 'letterDate' : 'sentOn' }, LETTER_REQUIRED, 422);
      }
      Object.assign(patch, { letterNumber, letterDate, sentOn });
    }
    if (body.initiatorChannel !== undefined || body.initiatorNotifiedOn !== undefined || body.initiatorNoticeText !== undefined) {
      if (!target) throw ruleRefusal({ reason: 'body_required', rule: 'R-32.5', field: 'bodyId' }, BODY_REQUIRED, 422);
      const channel = body.initiatorChannel ?? current.initiatorChannel;
      const notifiedOn = body.initiatorNotifiedOn ?? current.initiatorNotifiedOn;
      if (!channel || !notifiedOn) {
        throw ruleRefusal({ reason: 'notice_required', rule: 'R-32.5', field: !channel ? 'initiatorChannel' : 'initiatorNotifiedOn' }, NOTICE_REQUIRED, 422);
      }
      const lang: DocLang = body.lang ?? (ctx.locale === 'ru' ? 'ru' : 'kk');
      const letter = { number: patch.letterNumber ?? current.letterNumber, date: patch.letterDate ?? current.letterDate };
      const text = body.initiatorNoticeText
        ?? forwardingNotice(noticeItem(current, reporter?.fullName ?? null), target, letter, lang);
      Object.assign(patch, { initiatorChannel: channel, initiatorNotifiedOn: notifiedOn, initiatorNoticeText: text });
    }
    const merged = { sentOn: patch.sentOn ?? current.sentOn, initiatorNotifiedOn: patch.initiatorNotifiedOn ?? current.initiatorNotifiedOn, anonymous: current.participantId == null };
    patch.status = forwardingComplete(merged) ? 'done' : 'open';
    await updateForwardingRow(tx, forwardingId, patch);
    const after = (await forwardingById(tx, forwardingId))!;
    await audit({
      action: 'forwarding.update', entityType: 'meeting', entityId: row.meetingId,
      before: { forwardingId, status: current.status, bodyId: current.bodyId, sentOn: current.sentOn, initiatorNotifiedOn: current.initiatorNotifiedOn },
      after: { forwardingId, changed: keys, status: after.status, bodyId: after.bodyId, sentOn: after.sentOn, initiatorNotifiedOn: after.initiatorNotifiedOn, withReason: after.competenceReason != null },
    });
    return presentForwarding(after, ctx.today, reporter?.fullName ?? null, clear, abilities(requireActor(ctx), targetOf(after, await meetingPaths(tx, after.meetingId))));
  });
}

/** the outgoing letter to the body, DOCX or PDF, in Kazakh or Russian. */
export async function forwardingLetter(ctx: ServiceContext, forwardingId: string, lang: DocLang, format: 'docx' | 'pdf'): Promise<Buffer> {
  const row = await forwardingById(ctx.db, forwardingId);
  if (!row) throw new AppError('not_found');
  const target = row.bodyId ? await stateBodyById(ctx.db, row.bodyId) : null;
  if (!target) throw ruleRefusal({ reason: 'body_required', rule: 'R-32.5', field: 'bodyId' }, BODY_REQUIRED, 422);
  const meeting = (await meetingRow(ctx.db, row.meetingId))!;
  const point = await pointRef(ctx.db, meeting.pointId);
  const unit = await unitById(ctx.db, meeting.unitId);
  const parts = await meetingParts(ctx.db, [row.meetingId]);
  const reporter = await reporterOf(ctx.db, row.meetingId);
  const reporterDistrict = parts.districts.find((d) => d.id === parts.inspectors.find((i) => i.id === reporter?.id)?.districtId) ?? parts.districts[0];
  const data: ForwardingLetterData = {
    letterNumber: row.letterNumber ?? `${row.meetingNumber}/${row.itemNumber}`,
    letterDate: row.letterDate ?? ctx.today,
    unitNameKk: unit?.nameKk ?? '', unitNameRu: unit?.nameRu ?? '', pointNameKk: point.nameKk, pointNameRu: point.nameRu,
    body: { nameKk: target.nameKk, nameRu: target.nameRu, contact: target.contact },
    item: { reference: `${row.meetingNumber}/${row.itemNumber}`, kind: row.itemKind, text: row.itemText, initiatorName: row.participantName, initiatorAddress: row.participantAddress },
    meeting: { number: row.meetingNumber, startsAt: row.meetingStartsAt },
    inspector: reporter ? { fullName: reporter.fullName, rank: reporter.rank ?? null, position: reporter.position, districtNameKk: reporterDistrict?.nameKk ?? '', districtNameRu: reporterDistrict?.nameRu ?? '' } : null,
  };
  return format === 'docx' ? forwardingLetterDocx(data, lang) : forwardingLetterPdf(data, lang);
}
