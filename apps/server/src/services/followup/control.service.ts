import type { z } from 'zod';
import type { ControlBoard, ControlEntry, ControlQuery, DecisionExecution } from '@esep/contracts';
import {
  checkById, checksOfMeetings, controlBoardPage, decisionById, decisionControlOf, decisionsWithControl, executionCounts, forwardingById,
  forwardingsOfMeetings, insertMeetingEvent, territoryRefs, lockMeetingForNumbers, meetingParts, meetingPaths, meetingRow, updateCheckRow, updateForwardingRow,
  updateMeetingRow, upsertDecisionControl,
} from '@esep/db';
import { almatyDate, can, forwardingComplete, refusalMessage, transition } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { futureDate, wrongStatus } from './check.service.ts';

/*
 * control over the execution of the protocol lies with the point lead (and the leadership
 * above him sees the same for its territory). His board lists, per protocol, its decisions,
 * checks and forwardings with due dates, overdue first; he verifies each one, and when all are
 * verified the protocol is executed and the meeting closes.
 */
type Entry = z.infer<typeof ControlEntry>;
type Board = z.infer<typeof ControlBoard>;
type Query = z.infer<typeof ControlQuery>;

const ORDER = { decision: 0, check: 1, forwarding: 2 } as const;
const byUrgency = (a: Entry, b: Entry) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || ORDER[a.kind] - ORDER[b.kind] || a.reference.localeCompare(b.reference);

/** Rows by meeting in one pass (the board's records of a page of meetings). */
function byMeeting<T extends { meetingId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.meetingId);
    if (list) list.push(row);
    else map.set(row.meetingId, [row]);
  }
  return map;
}

/**
 * One page of the board. Which meetings, in what order, how many in all and the summary of their
 * records are decided in the database over every meeting the filters select; only the page's
 * records are read and grouped here.
 */
export async function controlBoard(ctx: ServiceContext, query: Query): Promise<Board> {
  const actor = requireActor(ctx);
  const statuses = query.status === 'open' ? ['protocol_signed' as const] : query.status === 'closed' ? ['closed' as const] : ['protocol_signed' as const, 'closed' as const];
  const overdueOnly = query.overdue === 'true';
  const today = ctx.today;
  // The summary per territory one level down: regions of the country, units of a region, points of a unit.
  const level = query.districtId || query.pointId || query.staffId ? null : query.unitId ? 'point' as const : query.regionId ? 'unit' as const
    : ({ national: 'region', region: 'unit', unit: 'point' } as const)[actor.scope.level as 'national' | 'region' | 'unit'] ?? null;
  const board = await controlBoardPage(ctx.db, actor.scope, {
    statuses, regionId: query.regionId, unitId: query.unitId, pointId: query.pointId, staffId: query.staffId, districtId: query.districtId,
    kind: query.kind, overdue: overdueOnly,
  }, today, { page: query.page, pageSize: query.pageSize }, level);
  const names = new Map((level ? await territoryRefs(ctx.db, level, board.areas.map((a) => a.id)) : []).map((r) => [r.id, r]));
  const ids = board.meetings.map((m) => m.id);
  // One after another: the board may run on a single connection.
  const parts = await meetingParts(ctx.db, ids);
  const decisions = byMeeting(await decisionsWithControl(ctx.db, ids));
  const checks = byMeeting(await checksOfMeetings(ctx.db, ids));
  const forwardings = byMeeting(await forwardingsOfMeetings(ctx.db, ids));
  const districts = byMeeting(parts.districts);
  const inspectors = byMeeting(parts.inspectors);
  const ru = ctx.locale === 'ru' || ctx.locale === 'en';
  const meetings = board.meetings.map((m) => {
    const entries: Entry[] = [
      ...(decisions.get(m.id) ?? []).map((d): Entry => {
        const status = d.verifiedAt ? 'verified' : d.doneOn ? 'done' : 'open';
        return {
          kind: 'decision', id: d.id, reference: `${m.number} № ${d.number}`, text: d.text, dueDate: d.dueDate, status,
          overdue: status === 'open' && d.dueDate < today, responsible: d.responsible, doneOn: d.doneOn, verifiedAt: d.verifiedAt?.toISOString() ?? null,
        };
      }),
      ...(checks.get(m.id) ?? []).map((c): Entry => ({
        kind: 'check', id: c.id, reference: `${c.meetingNumber}/${c.itemNumber}`, text: c.itemText, dueDate: c.dueDate, status: c.status,
        overdue: c.status === 'open' && c.dueDate < today, responsible: c.assigneeName,
        doneOn: c.answerSentOn ?? (c.closedAt ? almatyDate(c.closedAt) : null), verifiedAt: c.verifiedAt?.toISOString() ?? null,
      })),
      ...(forwardings.get(m.id) ?? []).map((f): Entry => ({
        kind: 'forwarding', id: f.id, reference: `${f.meetingNumber}/${f.itemNumber}`, text: f.itemText, dueDate: f.dueDate, status: f.status,
        overdue: f.status === 'open' && f.dueDate < today, responsible: (ru ? f.bodyNameRu : f.bodyNameKk) ?? null,
        doneOn: f.sentOn, verifiedAt: f.verifiedAt?.toISOString() ?? null,
      })),
    ].sort(byUrgency);
    return {
      meetingId: m.id, number: m.number, date: m.startDate, status: m.status,
      districts: (districts.get(m.id) ?? []).map((d) => ({ id: d.id, code: d.code, nameKk: d.nameKk, nameRu: d.nameRu })),
      inspectors: (inspectors.get(m.id) ?? []).map((i) => ({ staffId: i.id, fullName: i.fullName })),
      total: m.total, verified: m.verified, overdue: m.overdue,
      entries: entries.filter((e) => (!query.kind || e.kind === query.kind) && (!overdueOnly || e.overdue)),
    };
  });
  const areas = level ? {
    level,
    items: board.areas.flatMap((a) => {
      const ref = names.get(a.id);
      return ref ? [{ id: a.id, code: ref.code, nameKk: ref.nameKk, nameRu: ref.nameRu, total: a.total, summary: a.summary }] : [];
    }).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  } : null;
  return { today, total: board.total, page: query.page, pageSize: query.pageSize, summary: board.summary, areas, meetings };
}

const NOT_DONE = {
  check: { kk: 'Тексеру әлі нәтижесімен жабылмаған', ru: 'Проверка ещё не закрыта с результатом', en: 'The check has not been closed with its result yet' },
  forwarding: {
    kk: 'Жіберу аяқталмаған: хат жіберіліп, өтініш берушіге хабарлануы керек',
    ru: 'Направление не завершено: письмо должно быть отправлено, а заявитель уведомлён',
    en: 'The forwarding is not complete: the letter must be sent and the initiator notified',
  },
  decision: { kk: 'Шешімнің орындалғаны белгіленбеген', ru: 'Исполнение решения не отмечено', en: 'The decision has not been marked as carried out' },
} as const;

async function meetingOfRecord(ctx: ServiceContext, kind: 'decision' | 'check' | 'forwarding', id: string): Promise<string | null> {
  if (kind === 'check') return (await checkById(ctx.db, id))?.meetingId ?? null;
  if (kind === 'forwarding') return (await forwardingById(ctx.db, id))?.meetingId ?? null;
  return (await decisionById(ctx.db, id))?.meetingId ?? null;
}

/**
 * the point lead marks a decision, check or forwarding verified once it is carried out;
 * the last one closes the meeting (protocol_signed → closed) through the domain's life cycle.
 */
export async function verifyRecord(ctx: ServiceContext, kind: 'decision' | 'check' | 'forwarding', id: string) {
  const actor = requireActor(ctx);
  const meetingId = await meetingOfRecord(ctx, kind, id);
  if (!meetingId) throw new AppError('not_found');
  const paths = await meetingPaths(ctx.db, meetingId);
  if (!can(actor, 'update', { resource: 'control', paths })) {
    // Outside the territory the record is not disclosed; inside, the role may not verify.
    throw new AppError(can(actor, 'read', { resource: 'meeting', paths }) ? 'forbidden' : 'not_found');
  }
  const now = ctx.now();
  return inTransaction(ctx, async (tx, audit) => {
    const meeting = await lockMeetingForNumbers(tx, meetingId);
    if (!meeting) throw new AppError('not_found');
    if (meeting.status !== 'protocol_signed') throw wrongStatus();
    let verifiedAt = now;
    if (kind === 'check') {
      const c = (await checkById(tx, id))!;
      if (c.status === 'verified') verifiedAt = c.verifiedAt!;
      else if (c.status !== 'done') throw ruleRefusal({ reason: 'not_done', rule: 'R-33' }, NOT_DONE.check, 409);
      else await updateCheckRow(tx, id, { status: 'verified', verifiedAt: now, verifiedBy: actor.id });
    } else if (kind === 'forwarding') {
      const f = (await forwardingById(tx, id))!;
      if (f.status === 'verified') verifiedAt = f.verifiedAt!;
      else if (!forwardingComplete({ sentOn: f.sentOn, initiatorNotifiedOn: f.initiatorNotifiedOn, anonymous: f.participantId == null })) {
        throw ruleRefusal({ reason: 'not_complete', rule: 'R-32.5' }, NOT_DONE.forwarding, 409);
      } else await updateForwardingRow(tx, id, { status: 'verified', verifiedAt: now, verifiedBy: actor.id });
    } else {
      const control = await decisionControlOf(tx, id);
      if (control?.verifiedAt) verifiedAt = control.verifiedAt;
      else if (!control?.doneOn) throw ruleRefusal({ reason: 'not_done', rule: 'R-33' }, NOT_DONE.decision, 409);
      else await upsertDecisionControl(tx, { decisionId: id, meetingId, verifiedAt: now, verifiedBy: actor.id });
    }
    await audit({ action: 'control.verify', entityType: 'meeting', entityId: meetingId, after: { kind, id } });
    const counts = await executionCounts(tx, meetingId);
    const executionComplete = counts.decisionsVerified >= counts.decisions && counts.checksVerified >= counts.toCheck && counts.forwardingsVerified >= counts.toForward;
    let meetingClosed = false;
    if (executionComplete) {
      const row = (await meetingRow(tx, meetingId))!;
      const result = transition({
        status: row.status, startDate: row.startDate, started: true, publications: [], planProblems: [], protocolSigned: true, executionComplete: true,
      }, { action: 'close' });
      if (!result.ok) throw ruleRefusal(result.refusal, refusalMessage(result.refusal.reason), 409);
      await updateMeetingRow(tx, meetingId, { status: result.to }, ctx.now());
      await insertMeetingEvent(tx, { meetingId, action: 'close', fromStatus: row.status, toStatus: result.to, reason: null, actorId: actor.id, at: now });
      await audit({ action: 'meeting.close', entityType: 'meeting', entityId: meetingId, before: { status: row.status }, after: { status: result.to, executed: counts } });
      meetingClosed = true;
    }
    return { kind, id, status: 'verified' as const, verifiedAt: verifiedAt.toISOString(), meetingClosed };
  });
}

const BEFORE_MEETING = { kk: 'Орындалған күн кездесу күнінен ерте болмауы керек', ru: 'Дата исполнения не может быть раньше даты встречи', en: 'The date carried out cannot be before the meeting date' };
const VERIFIED = {
  kk: 'Шешімнің орындалуы расталған: оны өзгертуге болмайды', ru: 'Исполнение решения уже подтверждено: его нельзя изменить', en: 'The decision\'s execution has been verified and can no longer be changed',
};

/** those who hold the meeting mark a decision carried out; the point lead then verifies it. */
export async function recordDecisionExecution(ctx: ServiceContext, decisionId: string, body: { doneOn: string; note?: string | null | undefined }): Promise<z.infer<typeof DecisionExecution>> {
  const decision = await decisionById(ctx.db, decisionId);
  if (!decision) throw new AppError('not_found');
  if (body.doneOn > ctx.today) throw futureDate('doneOn');
  return inTransaction(ctx, async (tx, audit) => {
    const meeting = await lockMeetingForNumbers(tx, decision.meetingId);
    if (!meeting) throw new AppError('not_found');
    if (meeting.status !== 'protocol_signed') throw wrongStatus();
    const row = (await meetingRow(tx, decision.meetingId))!;
    if (body.doneOn < row.startDate) throw ruleRefusal({ reason: 'before_meeting', rule: null, field: 'doneOn' }, BEFORE_MEETING, 422);
    const existing = await decisionControlOf(tx, decisionId);
    if (existing?.verifiedAt) throw ruleRefusal({ reason: 'already_verified', rule: 'R-33' }, VERIFIED, 409);
    const saved = await upsertDecisionControl(tx, { decisionId, meetingId: decision.meetingId, doneOn: body.doneOn, note: body.note ?? null });
    await audit({ action: 'decision.execution', entityType: 'meeting', entityId: decision.meetingId, after: { decisionId, doneOn: body.doneOn } });
    return { decisionId, meetingId: decision.meetingId, doneOn: saved.doneOn, note: saved.note, verifiedAt: saved.verifiedAt?.toISOString() ?? null, verifiedByName: null };
  });
}

/**
 * what was recorded of each decision's execution, for everyone who may read the meeting's
 * follow-up — the inspector who marked it reads it back, not only the point lead on his board.
 */
export async function decisionExecutions(ctx: ServiceContext, meetingId: string): Promise<Array<z.infer<typeof DecisionExecution>>> {
  return (await decisionsWithControl(ctx.db, [meetingId])).map((d) => ({
    decisionId: d.id, meetingId: d.meetingId, doneOn: d.doneOn, note: d.note, verifiedAt: d.verifiedAt?.toISOString() ?? null, verifiedByName: d.verifiedByName,
  }));
}
