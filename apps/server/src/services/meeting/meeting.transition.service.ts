import {
  announcementsOf, insertMeetingEvent, meetingParts, meetingRow, planningDistricts, updateMeetingRow, voidAnnouncements,
} from '@esep/db';
import { almatyDate, almatyDateTime, planProblems, refusalMessage, transition, type ActionInput } from '@esep/domain';
import type { z } from 'zod';
import type { MeetingTransitionBody } from '@esep/contracts';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { askAgainForNewTime, outstandingOf } from './agreement.service.ts';
import { inviteRequired, recordPublication } from './meeting.announce.ts';
import { eventOf, fanOut, recordSubscriberAnnouncement } from '../subs/subscription.fanout.ts';

type Body = z.infer<typeof MeetingTransitionBody>;

/**
 * Applies one named action of the meeting's life cycle. The guard lives in the domain; a
 * refusal answers 409 with its reason and rule. Postponing or rescheduling to a new date voids
 * the notices given for the old date (R-27.1 then needs a fresh notice).
 */
export async function transitionMeeting(ctx: ServiceContext, id: string, body: Body): Promise<void> {
  const actor = requireActor(ctx);
  const now = ctx.now();
  await inTransaction(ctx, async (tx, audit) => {
    const row = await meetingRow(tx, id);
    if (!row) throw new AppError('not_found');
    const newStart = 'startsAt' in body && body.startsAt ? new Date(body.startsAt) : null;
    const newEnd = 'endsAt' in body && body.endsAt ? new Date(body.endsAt) : null;
    if (newStart && (!newEnd || newEnd <= newStart)) {
      throw ruleRefusal({ reason: 'end_before_start', rule: null, field: 'endsAt' }, refusalMessage('end_before_start'), 400);
    }
    // Issue 14: announcing records its publication and the R-26 invitations in the same step.
    if (body.action === 'announce' && ['draft', 'scheduled', 'postponed'].includes(row.status)) {
      if (body.publication) await recordPublication(tx, audit, row, body.publication, ctx.today, now);
      if (body.inviteRequired) await inviteRequired(tx, audit, row, ctx.locale ?? 'kk');
    }
    // One connection in a transaction: queries go one after another.
    const announcements = await announcementsOf(tx, [id]);
    const parts = await meetingParts(tx, [id]);
    const districtIds = parts.districts.map((d) => d.id);
    const { adjacency } = await planningDistricts(tx, districtIds);
    const problems = planProblems({
      // The convener's ATU kind was checked when the plan was saved; only its presence matters here.
      districtIds, adjacency, setting: row.setting, convenerAtuKind: row.convenerAtuId ? 'rural_district' : null,
      membersCount: row.membersCount, initiatorsCount: row.initiatorsCount, format: row.format, onlineLink: row.onlineLink,
      weatherConsidered: row.weatherConsidered, venueAddress: row.venueAddress,
      districtsWithoutInspector: districtIds.filter((d) => !parts.inspectors.some((i) => i.districtId === d)),
      startsAt: row.startsAt, endsAt: row.endsAt,
    });
    const input: ActionInput = body.action === 'postpone'
      ? { action: 'postpone', reason: body.reason, ...(newStart ? { newStart: { startDate: almatyDate(newStart), inFuture: newStart > now } } : {}) }
      : body.action === 'reschedule' ? { action: 'reschedule', newStart: { startDate: almatyDate(newStart!), inFuture: newStart! > now } }
      : body.action === 'cancel' ? { action: 'cancel', reason: body.reason }
      : { action: body.action };
    const result = transition({
      status: row.status, startDate: row.startDate, started: row.startsAt <= now,
      publications: announcements.map((a) => ({ publishedOn: a.publishedOn, voided: a.voidedAt != null })),
      planProblems: problems, protocolSigned: false, executionComplete: false,
      agreementsOutstanding: body.action === 'announce' ? await outstandingOf(tx, id) : [],
      practice: row.practice, startLocal: almatyDateTime(row.startsAt).slice(0, 16),
    }, input);
    if (!result.ok) throw ruleRefusal(result.refusal, refusalMessage(result.refusal.reason, result.refusal.params), 409);
    const reason = 'reason' in body ? body.reason : undefined;
    const after = await updateMeetingRow(tx, id, {
      status: result.to,
      ...(reason ? { reason } : {}),
      ...(newStart && newEnd ? { startsAt: newStart, endsAt: newEnd, startDate: almatyDate(newStart) } : {}),
    }, now);
    if (result.voidNotices) await voidAnnouncements(tx, id, now);
    // the colleagues agreed to the old date and time; a new one asks them again.
    if (newStart) await askAgainForNewTime(tx, actor, now, audit, id);
    await insertMeetingEvent(tx, {
      meetingId: id, action: body.action, fromStatus: row.status, toStatus: result.to, reason: reason ?? null,
      previousStartsAt: newStart ? row.startsAt : null, actorId: actor.id, at: now,
    });
    await audit({ action: `meeting.${body.action}`, entityType: 'meeting', entityId: id, before: { status: row.status, startsAt: row.startsAt }, after: { status: after?.status, startsAt: after?.startsAt, reason } });
    // Issue 13: the district's subscribers hear of it in the same transaction; an announcement told
    // to them counts as one of its publications.
    // Issue 14: residents never hear of a practice meeting.
    const event = row.practice ? null : eventOf(body.action, row.status);
    if (event) {
      const told = await fanOut(tx, ctx, ctx.jobs, id, event);
      if (event === 'announced' || event === 'changed') await recordSubscriberAnnouncement(tx, now, id, told);
      if (told) await audit({ action: 'subscription.fan_out', entityType: 'meeting', entityId: id, after: { event, subscribers: told } });
    }
  });
}
