import type { AwardBody, DecisionBody } from '@esep/contracts';
import {
  awardByClientKey, awardById, awardsOf, decisionByClientKey, decisionById, decisionsOf, deleteAward, deleteDecision, insertAward, insertDecision,
  lockMeetingForNumbers, nextInMeeting, type AwardRow, type DecisionRow,
} from '@esep/db';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { assertStillRecording, isUniqueViolation, meetingOpenForRecording, whileUnsigned } from './item.service.ts';

/*
 * decisions taken at the meeting, each with who answers for it and by when.
 * awards to active citizens, associations and organisations announced at the meeting.
 * Both are written from the live screen (idempotent by the client's key) and may be removed
 * if entered by mistake until the protocol is signed.
 */

const DUE_BEFORE_MEETING = {
  kk: 'Орындау мерзімі кездесу күнінен ерте болмауы керек',
  ru: 'Срок исполнения не может быть раньше даты встречи',
  en: 'The due date cannot be before the meeting date',
};

export function presentDecision(row: DecisionRow) {
  return {
    id: row.id, meetingId: row.meetingId, number: row.number, text: row.text, responsible: row.responsible, dueDate: row.dueDate,
    clientKey: row.clientKey, createdAt: row.createdAt.toISOString(),
  };
}
export type DecisionView = ReturnType<typeof presentDecision>;

export function presentAward(row: AwardRow) {
  return {
    id: row.id, meetingId: row.meetingId, recipientKind: row.recipientKind, recipientName: row.recipientName, reason: row.reason,
    awardKind: row.awardKind, clientKey: row.clientKey, createdAt: row.createdAt.toISOString(),
  };
}
export type AwardView = ReturnType<typeof presentAward>;

export async function listDecisions(ctx: ServiceContext, meetingId: string) {
  return (await decisionsOf(ctx.db, meetingId)).map(presentDecision);
}
export async function listAwards(ctx: ServiceContext, meetingId: string) {
  return (await awardsOf(ctx.db, meetingId)).map(presentAward);
}

/** Inserts once per client key: a retry (or a concurrent copy) answers with the first row. */
async function idempotent<R>(clientKey: string | undefined, existing: () => Promise<R | null>, write: () => Promise<R | null>): Promise<{ row: R; created: boolean }> {
  if (clientKey) {
    const earlier = await existing();
    if (earlier) return { row: earlier, created: false };
  }
  try {
    const row = await write();
    if (row) return { row, created: true };
    return { row: (await existing())!, created: false };
  } catch (error) {
    if (clientKey && isUniqueViolation(error)) {
      const winner = await existing();
      if (winner) return { row: winner, created: false };
    }
    throw error;
  }
}

export async function createDecision(ctx: ServiceContext, meetingId: string, input: DecisionBody): Promise<{ decision: DecisionView; created: boolean }> {
  const meeting = await meetingOpenForRecording(ctx, meetingId, 'R-32.1');
  const existing = () => (input.clientKey ? decisionByClientKey(ctx.db, meetingId, input.clientKey) : Promise.resolve(null));
  const earlier = await existing();
  if (earlier) return { decision: presentDecision(earlier), created: false };
  if (input.dueDate < meeting.startDate) {
    throw ruleRefusal({ reason: 'due_before_meeting', rule: 'R-32.1', field: 'dueDate' }, DUE_BEFORE_MEETING, 422);
  }
  const { row, created } = await idempotent(input.clientKey, existing, () => inTransaction(ctx, async (tx, audit) => {
    assertStillRecording(await lockMeetingForNumbers(tx, meetingId), meeting, ctx, 'R-32.1');
    if (input.clientKey && await decisionByClientKey(tx, meetingId, input.clientKey)) return null;
    const number = await nextInMeeting(tx, 'decisions', meetingId);
    const inserted = await insertDecision(tx, {
      meetingId, number, text: input.text, responsible: input.responsible, dueDate: input.dueDate,
      clientKey: input.clientKey ?? null, createdBy: ctx.actor?.id ?? null,
    });
    await audit({ action: 'decision.create', entityType: 'meeting', entityId: meetingId, after: { decisionId: inserted.id, number, dueDate: input.dueDate } });
    return inserted;
  }));
  return { decision: presentDecision(row), created };
}

export async function removeDecision(ctx: ServiceContext, decisionId: string): Promise<void> {
  const row = await decisionById(ctx.db, decisionId);
  if (!row) throw new AppError('not_found');
  await whileUnsigned(ctx, row.meetingId, async (tx, audit) => {
    await deleteDecision(tx, decisionId);
    await audit({ action: 'decision.delete', entityType: 'meeting', entityId: row.meetingId, before: { decisionId, number: row.number, dueDate: row.dueDate } });
  });
}

export async function createAward(ctx: ServiceContext, meetingId: string, input: AwardBody): Promise<{ award: AwardView; created: boolean }> {
  const meeting = await meetingOpenForRecording(ctx, meetingId, 'R-34');
  const existing = () => (input.clientKey ? awardByClientKey(ctx.db, meetingId, input.clientKey) : Promise.resolve(null));
  const { row, created } = await idempotent(input.clientKey, existing, () => inTransaction(ctx, async (tx, audit) => {
    // The lock orders this write with a status change and with a concurrent copy of itself.
    assertStillRecording(await lockMeetingForNumbers(tx, meetingId), meeting, ctx, 'R-34');
    if (input.clientKey && await awardByClientKey(tx, meetingId, input.clientKey)) return null;
    const inserted = await insertAward(tx, {
      meetingId, recipientKind: input.recipientKind, recipientName: input.recipientName, reason: input.reason, awardKind: input.awardKind,
      clientKey: input.clientKey ?? null, createdBy: ctx.actor?.id ?? null,
    });
    await audit({ action: 'award.create', entityType: 'meeting', entityId: meetingId, after: { awardId: inserted.id, recipientKind: input.recipientKind, awardKind: input.awardKind } });
    return inserted;
  }));
  return { award: presentAward(row), created };
}

export async function removeAward(ctx: ServiceContext, awardId: string): Promise<void> {
  const row = await awardById(ctx.db, awardId);
  if (!row) throw new AppError('not_found');
  await whileUnsigned(ctx, row.meetingId, async (tx, audit) => {
    await deleteAward(tx, awardId);
    await audit({ action: 'award.delete', entityType: 'meeting', entityId: row.meetingId, before: { awardId, recipientKind: row.recipientKind, awardKind: row.awardKind } });
  });
}
