import type { CheckPatchBody, FollowUpCheck as Check } from '@esep/contracts';
import {
  checkById, checksOfMeetings, firstReporter, insertChecks, insertForwardings, itemsAwaitingFollowUp, lockMeetingForNumbers, meetingParts, meetingPaths, meetingRow,
  staffById, updateCheckRow, type CheckRow, type Tx,
} from '@esep/db';
import { can, checkDueDate, extensionProblem, forwardingDueDate, latestExtension, refusalMessage, type ExtensionRefusal } from '@esep/domain';
import { extensionNotice } from '../../documents/initiator.notice.ts';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { maySeeNames } from '../holding/item.service.ts';
import { loadCalendar } from './working-calendar.service.ts';

/*
 * every item not answered in full at the meeting is checked — by the reporting
 * inspector unless the point lead reassigns it — within 15 working days (APPK art. 76), once
 * extendable by up to two months with a reason and a notice to the initiator; it is closed with
 * its result and the answer sent to the initiator.
 */

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/**
 * Opens the follow-up of a signed protocol: a check for every item routed to a check, a
 * forwarding for every item routed to a state body. Idempotent: items that already have one are
 * skipped. Runs inside the caller's transaction (the signing, or the explicit route).
 */
export async function openFollowUps(tx: Tx, meetingId: string, today: string): Promise<{ checks: number; forwardings: number }> {
  const meeting = await meetingRow(tx, meetingId);
  if (!meeting) throw new AppError('not_found');
  const items = await itemsAwaitingFollowUp(tx, meetingId);
  if (items.length === 0) return { checks: 0, forwardings: 0 };
  const cal = await loadCalendar(tx, [yearOf(today), yearOf(meeting.startDate)]);
  const assigneeStaffId = await firstReporter(tx, meetingId);
  const due = checkDueDate(cal, today);
  const forwardDue = forwardingDueDate(cal, meeting.startDate);
  const checks = await insertChecks(tx, items.filter((i) => i.resolution === 'to_check').map((i) => ({
    itemId: i.id, meetingId, assigneeStaffId, openedOn: today, dueDate: due, originalDueDate: due,
  })));
  const forwardings = await insertForwardings(tx, items.filter((i) => i.resolution === 'to_forward').map((i) => ({
    itemId: i.id, meetingId, dueDate: forwardDue,
  })));
  return { checks, forwardings };
}

export function wrongStatus() {
  return ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
}
export const ALREADY_VERIFIED = {
  kk: 'Жазба бөлімше басшысымен тексеріліп, расталған: оны өзгертуге болмайды',
  ru: 'Запись уже проверена и подтверждена начальником пункта: её нельзя изменить',
  en: 'The record has been verified by the point lead and can no longer be changed',
};
const FUTURE_DATE = { kk: 'Күн болашақта болмауы керек', ru: 'Дата не может быть в будущем', en: 'The date cannot be in the future' };
export const futureDate = (field: string) => ruleRefusal({ reason: 'date_in_future', rule: null, field }, FUTURE_DATE, 422);

/** with APPK art. 76: the follow-up exists once the protocol is signed. */
export async function openFollowUpsFor(ctx: ServiceContext, meetingId: string) {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  if (meeting.status !== 'protocol_signed') throw wrongStatus();
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, meetingId);
    if (locked?.status !== 'protocol_signed') throw wrongStatus();
    const opened = await openFollowUps(tx, meetingId, ctx.today);
    if (opened.checks + opened.forwardings > 0) {
      await audit({ action: 'followup.open', entityType: 'meeting', entityId: meetingId, after: opened });
    }
    return opened;
  });
}

export function presentCheck(row: CheckRow, today: string): Check {
  return {
    id: row.id, meetingId: row.meetingId, meetingNumber: row.meetingNumber, meetingDate: row.meetingDate,
    itemId: row.itemId, itemReference: `${row.meetingNumber}/${row.itemNumber}`, itemText: row.itemText, topic: row.topic,
    anonymous: row.participantId == null,
    assigneeStaffId: row.assigneeStaffId, assigneeName: row.assigneeName,
    openedOn: row.openedOn, dueDate: row.dueDate, originalDueDate: row.originalDueDate,
    extended: row.extended, extensionReason: row.extensionReason, extensionNoticeOn: row.extensionNoticeOn,
    result: row.result, answerText: row.answerText, answerSentOn: row.answerSentOn, answerChannel: row.answerChannel,
    status: row.status, overdue: row.status === 'open' && row.dueDate < today,
    closedAt: row.closedAt?.toISOString() ?? null, verifiedAt: row.verifiedAt?.toISOString() ?? null,
  };
}

export async function listChecks(ctx: ServiceContext, meetingId: string): Promise<Check[]> {
  const rows = await checksOfMeetings(ctx.db, [meetingId]);
  // The answer is a letter to the person who raised the item: only the register's readers see it.
  const names = rows.length > 0 && await maySeeNames(ctx, meetingId);
  return rows.map((r) => {
    const view = presentCheck(r, ctx.today);
    return names ? view : { ...view, answerText: null };
  });
}

const EXTENSION: Record<ExtensionRefusal, (p: { latest: string }) => Record<'kk' | 'ru' | 'en', string>> = {
  already_extended: () => ({
    kk: 'Тексеру мерзімі бір рет қана ұзартылады (ӘРПК 76-бабы)', ru: 'Срок проверки продлевается только один раз (ст. 76 АППК)',
    en: 'A check\'s term can be extended only once (APPK art. 76)',
  }),
  reason_required: () => ({ kk: 'Мерзімді ұзарту себебін көрсетіңіз', ru: 'Укажите причину продления срока', en: 'Give the reason for the extension' }),
  not_later: () => ({ kk: 'Жаңа мерзім қазіргі мерзімнен кейін болуы керек', ru: 'Новый срок должен быть позже текущего', en: 'The new due date must be later than the current one' }),
  too_long: ({ latest }) => ({
    kk: `Мерзім бастапқы мерзімнен бастап екі айдан аспайтындай ұзартылады: ең кеші ${latest}`,
    ru: `Срок продлевается не более чем на два месяца от первоначального: не позднее ${latest}`,
    en: `The term can be extended by at most two months from the original due date: ${latest} at the latest`,
  }),
};
const RESULT_REQUIRED = {
  kk: 'Тексеру нәтижесін жазбай оны жабуға болмайды', ru: 'Проверку нельзя закрыть без результата', en: 'A check cannot be closed without its result',
};
const ANSWER_REQUIRED = {
  kk: 'Өтініш берушіге жауап жіберілген күн мен тәсілді көрсетіңіз', ru: 'Укажите дату и способ направления ответа заявителю',
  en: 'Give the date and the channel by which the answer was sent to the initiator',
};
const REASSIGN_FORBIDDEN = {
  kk: 'Тексеруді басқа қызметкерге тек УПП басшысы немесе жоғары басшылық бере алады',
  ru: 'Передать проверку другому сотруднику может только начальник УПП или вышестоящее руководство',
  en: 'Only the point lead or higher leadership may reassign a check',
};
const UNKNOWN_STAFF = { kk: 'Мұндай қызметкер жоқ', ru: 'Такого сотрудника нет', en: 'No such staff member' };
const OUTSIDE_TERRITORY = {
  kk: 'Тексеруді тек кездесу өткен учаскелік полиция пунктінің қызметкеріне немесе кездесуде есеп берген инспекторға беруге болады',
  ru: 'Проверку можно передать только сотруднику участкового пункта полиции, где прошла встреча, или отчитывавшемуся на ней инспектору',
  en: 'A check can be reassigned only to staff of the police point the meeting was held in, or to an inspector who reported at it',
};
const NOT_OPEN = {
  kk: 'Жабылған тексерудің мерзімін ұзартуға болмайды', ru: 'Срок закрытой проверки продлить нельзя', en: 'A closed check cannot be extended',
};
const NOTHING = { kk: 'Өзгеріс көрсетілмеген', ru: 'Изменения не указаны', en: 'No change given' };

/** One change to a check: reassign, extend, or record the result (closes it). */
export async function patchCheck(ctx: ServiceContext, checkId: string, body: CheckPatchBody) {
  const actor = requireActor(ctx);
  const keys = Object.keys(body).filter((k) => k !== 'lang' && (body as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) throw ruleRefusal({ reason: 'nothing_to_change', rule: null, field: 'body' }, NOTHING, 400);
  const row = await checkById(ctx.db, checkId);
  if (!row) throw new AppError('not_found');
  if (body.assigneeStaffId !== undefined) {
    // the point lead (and the leadership above him) decides who checks.
    const paths = await meetingPaths(ctx.db, row.meetingId);
    if (!can(actor, 'update', { resource: 'control', paths })) {
      throw new AppError('forbidden', { reason: 'reassign_by_lead', rule: 'R-33', field: 'assigneeStaffId' }, 403, REASSIGN_FORBIDDEN);
    }
    const assignee = await staffById(ctx.db, body.assigneeStaffId);
    if (!assignee) throw ruleRefusal({ reason: 'unknown_staff', rule: null, field: 'assigneeStaffId' }, UNKNOWN_STAFF, 422);
    // the check stays with the meeting's territory — staff of a police point the meeting
    // covers, or one of its reporting inspectors (an acting one may come from another point).
    const ofPoint = assignee.point != null && paths.some((p) => p.pointId === assignee.point!.id);
    if (!ofPoint && !(await meetingParts(ctx.db, [row.meetingId])).inspectors.some((i) => i.id === assignee.id)) {
      throw ruleRefusal({ reason: 'assignee_outside_territory', rule: 'R-32.4', field: 'assigneeStaffId' }, OUTSIDE_TERRITORY, 422);
    }
  }
  if (body.answerSentOn && body.answerSentOn > ctx.today) throw futureDate('answerSentOn');
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, row.meetingId);
    const current = await checkById(tx, checkId);
    if (!locked || !current) throw new AppError('not_found');
    if (current.status === 'verified') throw ruleRefusal({ reason: 'already_verified', rule: 'R-33' }, ALREADY_VERIFIED, 409);
    if (locked.status !== 'protocol_signed') throw wrongStatus();
    const patch: Parameters<typeof updateCheckRow>[2] = {};
    if (body.assigneeStaffId !== undefined) patch.assigneeStaffId = body.assigneeStaffId;
    let extended: { to: string; reason: string } | null = null;
    if (body.extendTo !== undefined) {
      if (current.status !== 'open') throw ruleRefusal({ reason: 'check_closed', rule: 'R-32.4', field: 'extendTo' }, NOT_OPEN, 409);
      const reason = body.reason ?? '';
      const problem = extensionProblem(current, body.extendTo, reason);
      if (problem) {
        const latest = latestExtension(current.originalDueDate);
        throw ruleRefusal({ reason: problem, rule: 'R-32.4', field: problem === 'reason_required' ? 'reason' : 'extendTo', params: { latest } }, EXTENSION[problem]({ latest }), 422);
      }
      Object.assign(patch, { dueDate: body.extendTo, extended: true, extensionReason: reason, extensionNoticeOn: ctx.today });
      extended = { to: body.extendTo, reason };
    }
    const answerGiven = body.result !== undefined || body.answerText !== undefined || body.answerSentOn !== undefined || body.answerChannel !== undefined;
    if (body.status === 'done' || answerGiven) {
      const result = body.result !== undefined ? body.result : current.result;
      if (!result) throw ruleRefusal({ reason: 'result_required', rule: 'R-32.4', field: 'result' }, RESULT_REQUIRED, 422);
      const sentOn = body.answerSentOn !== undefined ? body.answerSentOn : current.answerSentOn;
      const channel = body.answerChannel !== undefined ? body.answerChannel : current.answerChannel;
      // The initiator is answered; an anonymous item has no one to answer.
      if (current.participantId != null && (!sentOn || !channel)) {
        throw ruleRefusal({ reason: 'answer_required', rule: 'R-32.4', field: sentOn ? 'answerChannel' : 'answerSentOn' }, ANSWER_REQUIRED, 422);
      }
      Object.assign(patch, {
        result, answerText: body.answerText !== undefined ? body.answerText : (current.answerText ?? (current.participantId != null ? result : null)),
        answerSentOn: sentOn ?? null, answerChannel: channel ?? null, status: 'done' as const, closedAt: current.closedAt ?? ctx.now(),
      });
    }
    await updateCheckRow(tx, checkId, patch);
    const after = (await checkById(tx, checkId))!;
    await audit({
      action: 'check.update', entityType: 'meeting', entityId: row.meetingId,
      before: { checkId, status: current.status, dueDate: current.dueDate, assigneeStaffId: current.assigneeStaffId },
      after: { checkId, changed: keys, status: after.status, dueDate: after.dueDate, assigneeStaffId: after.assigneeStaffId, extended: after.extended },
    });
    const notice = extended && after.participantId != null
      ? (() => {
        const item = { reference: `${after.meetingNumber}/${after.itemNumber}`, meetingDate: after.meetingDate, initiatorName: after.participantName, inspectorName: after.assigneeName };
        return { kk: extensionNotice(item, extended.to, extended.reason, 'kk'), ru: extensionNotice(item, extended.to, extended.reason, 'ru') };
      })()
      : null;
    return { ...presentCheck(after, ctx.today), extensionNotice: notice };
  });
}
