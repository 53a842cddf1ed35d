import type { Item, ItemBody } from '@esep/contracts';
import { insertItem, itemByClientKey, itemById, itemsOf, lockMeetingForNumbers, meetingPaths, meetingRow, nextInMeeting, participantByClientKey, participantById, topicByCode, updateItem, type ItemRow, type MeetingRow } from '@esep/db';
import { can, classificationProblem, itemOutcome, liveRecordingOpen, refusalMessage, type ItemResolution } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * every proposal and remark raised at the meeting is recorded under a number that never
 * changes (`<meeting number>/<n>`) and classified: answered at the meeting, to be checked or to
 * be forwarded. Items are never deleted — each one raised must be answered.
 */

const RECORDING_CLOSED = {
  kk: 'Кездесу барысы кездесу күнінен бастап хаттамаға қол қойылғанға дейін ғана жазылады',
  ru: 'Ход встречи записывается только со дня встречи и до подписания протокола',
  en: 'What happens at the meeting can be recorded only from the meeting day until the protocol is signed',
};
const ANSWER_REQUIRED = {
  kk: 'Кездесуде толық жауап берілген мәселеге берілген жауапты жазыңыз',
  ru: 'Для вопроса, на который ответили на встрече, запишите данный ответ',
  en: 'An item answered at the meeting needs the answer that was given',
};
const UNKNOWN_TOPIC = { kk: 'Мұндай тақырып жоқ немесе ол өшірілген', ru: 'Такой темы нет или она отключена', en: 'No such topic, or it is switched off' };
const UNKNOWN_PARTICIPANT = {
  kk: 'Қатысушы осы кездесудің тізілімінде жоқ', ru: 'Участника нет в реестре этой встречи', en: 'The participant is not in this meeting\'s register',
};

/** A write of the live screen: refused unless the meeting is being recorded now. */
export async function meetingOpenForRecording(ctx: ServiceContext, meetingId: string, rule: string): Promise<MeetingRow> {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  if (!liveRecordingOpen(meeting, ctx.today)) throw ruleRefusal({ reason: 'recording_closed', rule }, RECORDING_CLOSED, 409);
  return meeting;
}

/** Rechecked under the meeting's row lock: a status change racing with the write wins or loses cleanly. */
export function assertStillRecording(locked: { status: string } | null, meeting: MeetingRow, ctx: ServiceContext, rule: string) {
  if (!locked) throw new AppError('not_found');
  if (!liveRecordingOpen({ status: locked.status, startDate: meeting.startDate }, ctx.today)) {
    throw ruleRefusal({ reason: 'recording_closed', rule }, RECORDING_CLOSED, 409);
  }
}

/** Corrections and deletions stop once the protocol is signed. */
export function assertNotSigned(status: string) {
  if (status === 'protocol_signed' || status === 'closed' || status === 'cancelled') {
    throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
  }
}

/**
 * A change of the meeting's records, under the meeting's lock (ordered with a status change),
 * refused once the protocol is signed (R-32.1: it is frozen; changes are addenda).
 */
export async function whileUnsigned(ctx: ServiceContext, meetingId: string, change: Parameters<typeof inTransaction<void>>[1]): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, meetingId);
    if (!locked) throw new AppError('not_found');
    assertNotSigned(locked.status);
    await change(tx, audit);
  });
}

/** A unique index refused the row (PostgreSQL 23505), however the driver wraps the error. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth += 1) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Whether the actor may see who raised an item (the register holds personal data, R-32.2). */
export async function maySeeNames(ctx: ServiceContext, meetingId: string): Promise<boolean> {
  if (!ctx.actor) return false;
  return can(ctx.actor, 'read', { resource: 'participant', paths: await meetingPaths(ctx.db, meetingId) });
}

export function presentItem(row: ItemRow, withNames: boolean): Item {
  return {
    id: row.id, meetingId: row.meetingId, number: row.number, reference: `${row.meetingNumber}/${row.number}`, kind: row.kind,
    participantId: row.participantId, participantName: withNames ? row.participantName : null, text: row.text, topic: row.topic,
    resolution: row.resolution, answer: row.answer, outcome: itemOutcome({ resolution: row.resolution }),
    clientKey: row.clientKey, createdAt: row.createdAt.toISOString(),
  };
}

export async function listItems(ctx: ServiceContext, meetingId: string): Promise<Item[]> {
  const [rows, names] = await Promise.all([itemsOf(ctx.db, meetingId), maySeeNames(ctx, meetingId)]);
  return rows.map((r) => presentItem(r, names));
}

async function assertActiveTopic(ctx: ServiceContext, code: string) {
  const topic = await topicByCode(ctx.db, code);
  if (!topic || !topic.active) throw new AppError('validation_failed', [{ field: 'topic', reason: 'unknown_topic' }], 400, UNKNOWN_TOPIC);
}

function assertClassified(resolution: ItemResolution | null, answer: string | null) {
  if (classificationProblem({ resolution, answer }) === 'answer_required') {
    throw ruleRefusal({ reason: 'answer_required', rule: 'R-31', field: 'answer' }, ANSWER_REQUIRED, 422);
  }
}

/** Who raised the item: a participant of this meeting (by id or by the offline client's key), or nobody. */
async function raisedBy(ctx: ServiceContext, meetingId: string, input: ItemBody): Promise<string | null> {
  if (input.participantId) {
    const p = await participantById(ctx.db, input.participantId);
    if (!p || p.meetingId !== meetingId) throw new AppError('validation_failed', [{ field: 'participantId', reason: 'unknown_participant' }], 400, UNKNOWN_PARTICIPANT);
    return p.id;
  }
  if (input.participantClientKey) {
    const p = await participantByClientKey(ctx.db, meetingId, input.participantClientKey);
    if (!p) throw new AppError('validation_failed', [{ field: 'participantClientKey', reason: 'unknown_participant' }], 400, UNKNOWN_PARTICIPANT);
    return p.id;
  }
  return null;
}

/**
 * Records an item raised at the meeting. A retry with the same client key returns the item
 * stored the first time (`created: false`), never a second copy.
 */
export async function createItem(ctx: ServiceContext, meetingId: string, input: ItemBody): Promise<{ item: Item; created: boolean }> {
  const meeting = await meetingOpenForRecording(ctx, meetingId, 'R-31');
  const names = await maySeeNames(ctx, meetingId);
  const stored = async () => {
    const row = input.clientKey ? await itemByClientKey(ctx.db, meetingId, input.clientKey) : null;
    return row ? { item: presentItem(row, names), created: false } : null;
  };
  const earlier = await stored();
  if (earlier) return earlier;
  const resolution = input.resolution ?? null;
  const answer = input.answer ?? null;
  assertClassified(resolution, answer);
  await assertActiveTopic(ctx, input.topic);
  const participantId = await raisedBy(ctx, meetingId, input);
  try {
    const id = await inTransaction(ctx, async (tx, audit) => {
      assertStillRecording(await lockMeetingForNumbers(tx, meetingId), meeting, ctx, 'R-31');
      if (input.clientKey) {
        const again = await itemByClientKey(tx, meetingId, input.clientKey);
        if (again) return null;
      }
      const number = await nextInMeeting(tx, 'items', meetingId);
      const itemId = await insertItem(tx, {
        meetingId, number, kind: input.kind, participantId, text: input.text, topic: input.topic, resolution, answer,
        clientKey: input.clientKey ?? null, createdBy: ctx.actor?.id ?? null,
      });
      await audit({
        action: 'item.create', entityType: 'meeting', entityId: meetingId,
        after: { itemId, number, kind: input.kind, topic: input.topic, resolution, anonymous: participantId == null },
      });
      return itemId;
    });
    if (id == null) return (await stored())!;
    return { item: presentItem((await itemById(ctx.db, id))!, names), created: true };
  } catch (error) {
    // Two copies of one offline operation racing: the loser answers with the winner's row.
    if (input.clientKey && isUniqueViolation(error)) {
      const winner = await stored();
      if (winner) return winner;
    }
    throw error;
  }
}

/** Classifies (or reclassifies) an item while the meeting is being recorded, until the protocol is signed. */
export async function classifyItem(ctx: ServiceContext, itemId: string, input: { resolution: ItemResolution | null; answer?: string | null | undefined; topic?: string | undefined }): Promise<Item> {
  const row = await itemById(ctx.db, itemId);
  if (!row) throw new AppError('not_found');
  const meeting = await meetingRow(ctx.db, row.meetingId);
  if (!meeting) throw new AppError('not_found');
  assertNotSigned(meeting.status);
  const answer = input.answer === undefined ? row.answer : input.answer;
  assertClassified(input.resolution, answer);
  if (input.topic !== undefined && input.topic !== row.topic) await assertActiveTopic(ctx, input.topic);
  const topic = input.topic ?? row.topic;
  await whileUnsigned(ctx, row.meetingId, async (tx, audit) => {
    await updateItem(tx, itemId, { resolution: input.resolution, answer, topic }, ctx.now());
    await audit({
      action: 'item.classify', entityType: 'meeting', entityId: row.meetingId,
      before: { itemId, number: row.number, resolution: row.resolution, topic: row.topic, answered: row.answer != null },
      after: { itemId, number: row.number, resolution: input.resolution, topic, answered: answer != null },
    });
  });
  return presentItem((await itemById(ctx.db, itemId))!, await maySeeNames(ctx, row.meetingId));
}
