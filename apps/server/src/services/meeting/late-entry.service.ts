import type { LateEntryBody, LateEntryCorrectionBody, ProtocolContent } from '@esep/contracts';
import {
  insertAnnouncement, insertLateEntry, insertMeeting, insertMeetingEvent, lockLateEntry, lockMeetingForNumbers, lockProtocol, meetingRow,
  personNameOfUser, replaceMeetingDistricts, updateLateEntry, updateMeetingRow, updateProtocolDraft, type Executor, type LateEntryRow,
} from '@esep/db';
import {
  LATE_ENTRY_MEETING_STATUS, lateEntryMessage, lateEntryProblems, lateEntryTransition, refusalMessage, type LateEntryInput, type Refusal,
} from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { assembleContent } from '../protocol/protocol.service.ts';
import { refreshDraftLateEntry } from './late-entry.content.ts';
import { meetingNumber, planColumns, validatePlan } from './meeting.plan.service.ts';

/*
 * A meeting entered after the fact (domain: meeting/late-entry.ts). The inspector enters what
 * took place — plan, publications, reason — and the meeting is created held; the point lead (or
 * the unit or regional head) confirms or returns it; the inspector corrects a returned
 * entry or withdraws it. Each step is one transaction with its meeting event and audit entry.
 */

function refusal(problem: Refusal, status: number): AppError {
  const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([key, value]) => [key, String(value)]));
  const messages = lateEntryMessage(problem.reason, params);
  // the author deciding on his own entry sees the entry but may not do this.
  if (status === 403) return new AppError('forbidden', { reason: problem.reason, rule: problem.rule }, 403, messages);
  return ruleRefusal(problem, problem.reason === 'reason_required' ? refusalMessage('reason_required') : messages, status);
}

/** The time and reason of an entry: ended, within the bound, explained (422 by a rule, 400 without one). */
function checkTiming(body: { startsAt: string; endsAt: string; lateReason: string }, now: Date) {
  const [problem] = lateEntryProblems({ startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt), now, reason: body.lateReason });
  if (problem) throw refusal(problem, problem.rule ? 422 : 400);
}

async function nameOf(ctx: ServiceContext, db: Executor, userId: string): Promise<string> {
  return (await personNameOfUser(db, userId)) ?? ctx.actorName ?? userId;
}

const presentEntry = (row: LateEntryRow) => ({
  status: row.status, reason: row.reason, enteredByName: row.enteredByName, decidedByName: row.decidedByName,
  decidedAt: row.decidedAt, returnReason: row.returnReason,
});

/** Enters a meeting that has already taken place; it is created held, its entry pending. */
export async function enterLateMeeting(ctx: ServiceContext, body: LateEntryBody): Promise<string> {
  const actor = requireActor(ctx);
  const now = ctx.now();
  checkTiming(body, now);
  const { lateReason, publications, ...planBody } = body;
  const plan = await validatePlan(ctx.db, actor, planBody, now, { late: true });
  // the publications are recorded as for any meeting — none after the meeting day — and
  // the notice is judged from their dates; entering late gives no notice of its own.
  publications.forEach((p, i) => {
    if (p.publishedOn > plan.startDate) {
      throw ruleRefusal({ reason: 'publication_after_meeting', rule: 'R-27.1', field: `publications.${i}.publishedOn` }, refusalMessage('publication_after_meeting'));
    }
  });
  const enteredByName = await nameOf(ctx, ctx.db, actor.id);
  return inTransaction(ctx, async (tx, audit) => {
    const row = await insertMeeting(tx, {
      ...planColumns(plan), status: LATE_ENTRY_MEETING_STATUS, number: await meetingNumber(tx, plan), createdBy: actor.id,
    });
    await replaceMeetingDistricts(tx, row.id, [...new Set(planBody.districtIds)], plan.reporters);
    await insertMeetingEvent(tx, { meetingId: row.id, action: 'enter_late', fromStatus: null, toStatus: row.status, reason: lateReason, actorId: actor.id, at: now });
    const entry = await insertLateEntry(tx, { meetingId: row.id, reason: lateReason, enteredBy: actor.id, enteredByName, enteredAt: now, updatedAt: now });
    const recorded = [];
    for (const p of publications) {
      recorded.push(await insertAnnouncement(tx, { meetingId: row.id, channel: p.channel, outlet: p.outlet, publishedOn: p.publishedOn, reference: p.reference ?? null, createdAt: now }));
    }
    await audit({
      action: 'meeting.enter_late', entityType: 'meeting', entityId: row.id,
      after: { ...row, districtIds: planBody.districtIds, reporters: plan.reporters, lateEntry: presentEntry(entry), publications: recorded },
    });
    return row.id;
  });
}

/**
 * One decision on an entry, under the meeting's lock: the guard lives in the domain; the entry
 * and, where there is one, the draft protocol's account of it change together.
 */
type Apply = (tx: Executor, entry: LateEntryRow, now: Date) => Promise<LateEntryRow | { entry: LateEntryRow; changes: Record<string, unknown> }>;

async function decide(ctx: ServiceContext, meetingId: string, input: LateEntryInput, apply: Apply) {
  const now = ctx.now();
  await inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, meetingId);
    if (!locked) throw new AppError('not_found');
    const entry = await lockLateEntry(tx, meetingId);
    if (!entry) throw refusal({ reason: 'not_late_entry', rule: null }, 409);
    const result = lateEntryTransition({ status: entry.status, enteredBy: entry.enteredBy, meetingStatus: locked.status }, input);
    if (!result.ok) throw refusal(result.refusal, result.status);
    const applied = await apply(tx, entry, now);
    const after = 'entry' in applied ? applied.entry : applied;
    const changes = 'entry' in applied ? applied.changes : {};
    const reason = 'reason' in input ? input.reason : null;
    if (result.meetingTo !== locked.status) await updateMeetingRow(tx, meetingId, { status: result.meetingTo, reason }, now);
    await insertMeetingEvent(tx, { meetingId, action: `late_entry.${input.action}`, fromStatus: locked.status, toStatus: result.meetingTo, reason, actorId: input.actorId, at: now });
    await refreshDraftLateEntry(tx, meetingId, after, input.actorId, now);
    await audit({
      action: `meeting.late_entry.${input.action}`, entityType: 'meeting', entityId: meetingId,
      before: { status: locked.status, lateEntry: presentEntry(entry) }, after: { status: result.meetingTo, lateEntry: presentEntry(after), ...changes },
    });
  });
}

/** the point lead (or the unit or regional head) confirms the entry; it now counts. */
export async function confirmLateEntry(ctx: ServiceContext, meetingId: string): Promise<void> {
  const actor = requireActor(ctx);
  await decide(ctx, meetingId, { action: 'confirm', actorId: actor.id }, async (tx, _entry, now) => (await updateLateEntry(tx, meetingId, {
    status: 'confirmed', decidedBy: actor.id, decidedByName: await nameOf(ctx, tx, actor.id), decidedAt: now, returnReason: null,
  }, now))!);
}

/** the lead returns the entry with his reason; the inspector corrects or withdraws it. */
export async function returnLateEntry(ctx: ServiceContext, meetingId: string, reason: string): Promise<void> {
  const actor = requireActor(ctx);
  await decide(ctx, meetingId, { action: 'return', actorId: actor.id, reason }, async (tx, _entry, now) => (await updateLateEntry(tx, meetingId, {
    status: 'returned', decidedBy: actor.id, decidedByName: await nameOf(ctx, tx, actor.id), decidedAt: now, returnReason: reason,
  }, now))!);
}

/** The inspector withdraws an entry that should not have been made: the meeting is cancelled. */
export async function withdrawLateEntry(ctx: ServiceContext, meetingId: string, reason: string): Promise<void> {
  const actor = requireActor(ctx);
  await decide(ctx, meetingId, { action: 'withdraw', actorId: actor.id, reason }, async (tx, _entry, now) => (await updateLateEntry(tx, meetingId, { status: 'withdrawn' }, now))!);
}

/**
 * The inspector corrects an entry (what took place, or the reason) and sends it for confirmation
 * again. The rules of the plan and the time bound apply as when it was entered; a draft protocol
 * is re-assembled from the corrected meeting, keeping the summary and remarks typed by hand.
 */
export async function correctLateEntry(ctx: ServiceContext, meetingId: string, body: LateEntryCorrectionBody): Promise<void> {
  const actor = requireActor(ctx);
  const now = ctx.now();
  checkTiming(body, now);
  const { lateReason, ...planBody } = body;
  const plan = await validatePlan(ctx.db, actor, planBody, now, { late: true });
  await decide(ctx, meetingId, { action: 'correct', actorId: actor.id }, async (tx, _entry, at) => {
    const previous = await meetingRow(tx, meetingId);
    const entry = (await updateLateEntry(tx, meetingId, {
      status: 'pending', reason: lateReason, decidedBy: null, decidedByName: null, decidedAt: null, returnReason: null,
    }, at))!;
    const meeting = (await updateMeetingRow(tx, meetingId, planColumns(plan), at))!;
    await replaceMeetingDistricts(tx, meetingId, [...new Set(planBody.districtIds)], plan.reporters);
    const protocol = await lockProtocol(tx, meetingId);
    if (protocol?.status === 'draft' && protocol.contentHash == null) {
      const old = protocol.content as ProtocolContent;
      const content = await assembleContent(tx, meeting, at, { reportSummary: old.reportSummary, remarks: old.remarks });
      await updateProtocolDraft(tx, meetingId, protocol.version, content, actor.id, at);
    }
    return { entry, changes: { meeting: { ...meeting, districtIds: planBody.districtIds, reporters: plan.reporters }, previous } };
  });
}
