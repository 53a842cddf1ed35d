import type { AgreementAnswerBody } from '@esep/contracts';
import {
  agreementById, agreementPartiesEach, agreementRowsOf, agreementsFor, agreementsOf, deleteAgreements, insertAgreements, meetingRow,
  staffIdOfUser, updateAgreement, type AgreementRow, type AgreementView, type Executor, type Tx,
} from '@esep/db';
import {
  AGREEMENT_OPEN_STATUSES, agreementsNeeded, answerRefusal, can, outstandingAgreements, refusalMessage, replanAgreements,
  type Actor, type MeetingStatus, type OutstandingAgreement, type Reporter,
} from '@esep/domain';
import type { z } from 'zod';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';

type Audit = Parameters<Parameters<typeof inTransaction>[1]>[1];

/** What a plan's transaction hands over to ask (again) for agreements. */
export interface AskInput {
  meetingId: string;
  districtIds: readonly string[];
  reporters: readonly Reporter[];
  /** The account that planned the meeting: its own staff record is not asked. */
  plannerUserId: string | null;
  /** The date or time changed: everyone is asked again. */
  timeChanged: boolean;
}

/**
 * asks every reporting inspector of a joint meeting other than the planner, keeping
 * answers that still hold (domain `replanAgreements`). Where the user planning may answer for an
 * inspector (his point lead, unit or regional head — or the inspector himself re-planning), his
 * plan is that inspector's agreement, recorded as given by him. Runs inside the plan's transaction.
 */
export async function askAgreements(tx: Tx, actor: Actor, now: Date, audit: Audit, input: AskInput): Promise<void> {
  const plannerStaffId = await staffIdOfUser(tx, input.plannerUserId ?? actor.id);
  const needed = agreementsNeeded(input.districtIds, input.reporters, plannerStaffId);
  await replaceAgreements(tx, actor, now, audit, input.meetingId, needed, input.timeChanged);
}

/** A postponement or rescheduling to a new date or time asks the same inspectors again. */
export async function askAgainForNewTime(tx: Tx, actor: Actor, now: Date, audit: Audit, meetingId: string): Promise<void> {
  const previous = await agreementRowsOf(tx, meetingId);
  if (previous.length === 0) return;
  await replaceAgreements(tx, actor, now, audit, meetingId, previous.map(({ districtId, staffId }) => ({ districtId, staffId })), true);
}

async function replaceAgreements(tx: Tx, actor: Actor, now: Date, audit: Audit, meetingId: string, needed: readonly Reporter[], timeChanged: boolean) {
  const previous = await agreementRowsOf(tx, meetingId);
  const { asked, dropped } = replanAgreements(previous, needed, timeChanged);
  if (asked.length === 0 && dropped.length === 0) return;
  await deleteAgreements(tx, dropped.map((d) => d.id));
  const parties = await agreementPartiesEach(tx, asked);
  const inserted = await insertAgreements(tx, asked.map((reporter, i) => {
    const answers = can(actor, 'update', { resource: 'agreement', askedOf: parties[i]! });
    return {
      meetingId, ...reporter, askedAt: now,
      status: answers ? 'accepted' as const : 'pending' as const, answeredBy: answers ? actor.id : null, answeredAt: answers ? now : null,
    };
  }));
  await audit({
    action: 'meeting.agreement.ask', entityType: 'meeting', entityId: meetingId,
    before: { agreements: dropped }, after: { agreements: inserted, timeChanged },
  });
}

/** those who have not agreed, with their names, for the guard of `announce`. */
export async function outstandingOf(db: Executor, meetingId: string): Promise<OutstandingAgreement[]> {
  const rows = await agreementsOf(db, [meetingId]);
  return outstandingAgreements(rows).map((r) => ({ districtId: r.districtId, staffId: r.staffId, fullName: r.staff.fullName, status: r.status as OutstandingAgreement['status'] }));
}

/** The agreements of a meeting as the meeting page shows them, each saying whether the user may answer it. */
export async function presentAgreements(ctx: Pick<ServiceContext, 'db'>, actor: Actor, rows: readonly AgreementView[], meetingStatus: (meetingId: string) => MeetingStatus) {
  const parties = await agreementPartiesEach(ctx.db, rows);
  return rows.map((row, i) => ({
    id: row.id, meetingId: row.meetingId,
    district: { id: row.districtId, ...row.district },
    staff: { id: row.staffId, ...row.staff },
    status: row.status, reason: row.reason,
    askedAt: row.askedAt.toISOString(), answeredAt: row.answeredAt?.toISOString() ?? null,
    answeredBy: row.answeredBy && row.answerer
      ? { id: row.answeredBy, displayName: row.answerer.displayName ?? '', onBehalf: row.answerer.staffId !== row.staffId }
      : null,
    canAnswer: AGREEMENT_OPEN_STATUSES.includes(meetingStatus(row.meetingId)) && can(actor, 'update', { resource: 'agreement', askedOf: parties[i]! }),
  }));
}

/** The inspector asked, or his leadership for him, accepts or declines (with a reason) — one transaction with its audit entry. */
export async function answerAgreement(ctx: ServiceContext, id: string, body: z.infer<typeof AgreementAnswerBody>) {
  const actor = requireActor(ctx);
  const now = ctx.now();
  const meetingId = await inTransaction(ctx, async (tx, audit) => {
    const before = await agreementById(tx, id);
    if (!before) throw new AppError('not_found');
    const meeting = await meetingRow(tx, before.meetingId);
    if (!meeting) throw new AppError('not_found');
    const refusal = answerRefusal(meeting.status, body);
    if (refusal) throw ruleRefusal(refusal, refusalMessage(refusal.reason), refusal.reason === 'wrong_status' ? 409 : 422);
    const after = await updateAgreement(tx, id, {
      status: body.answer, reason: body.answer === 'declined' ? body.reason : null, answeredBy: actor.id, answeredAt: now,
    });
    await audit({
      action: `meeting.agreement.${body.answer === 'accepted' ? 'accept' : 'decline'}`, entityType: 'meeting', entityId: before.meetingId,
      before: answerOf(before), after: answerOf(after!),
    });
    return before.meetingId;
  });
  const [row] = (await agreementsOf(ctx.db, [meetingId])).filter((r) => r.id === id);
  const meeting = await meetingRow(ctx.db, meetingId);
  return (await presentAgreements(ctx, actor, [row!], () => meeting!.status))[0]!;
}

const answerOf = (row: AgreementRow) => ({
  id: row.id, districtId: row.districtId, staffId: row.staffId, status: row.status, reason: row.reason, answeredBy: row.answeredBy,
});

const LEADERSHIP: readonly Actor['role'][] = ['point_lead', 'unit_head', 'regional_head'];

/**
 * "Awaiting my agreement": the agreements of meetings still being planned that the user answers —
 * those asked of him, and for leadership those of his districts and of the inspectors under him.
 * Answered ones come too (an inspector sees what his lead agreed for him).
 */
export async function myAgreements(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const staffId = await staffIdOfUser(ctx.db, actor.id);
  const rows = await agreementsFor(ctx.db, { staffId, scope: actor.scope, leads: LEADERSHIP.includes(actor.role) }, AGREEMENT_OPEN_STATUSES);
  const presented = await presentAgreements(ctx, actor, rows, (meetingId) => rows.find((r) => r.meetingId === meetingId)!.meeting.status);
  return {
    items: presented.map((agreement, i) => {
      const { meeting, plannerName } = rows[i]!;
      return { ...agreement, meeting: { ...meeting, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString() }, plannedBy: plannerName };
    }),
  };
}
