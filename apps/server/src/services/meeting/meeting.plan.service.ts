import type { MeetingPlanBody } from '@esep/contracts';
import {
  atuRef, insertMeeting, insertMeetingEvent, meetingRow, nextNumber, planningDistricts, replaceMeetingDistricts, servingStaff,
  staffById, updateMeetingRow, type Executor,
} from '@esep/db';
import { almatyDate, planProblems, refusalMessage, withinScope, type Actor } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { askAgreements } from './agreement.service.ts';

const EDITABLE = ['draft', 'scheduled'] as const;

interface ValidPlan {
  body: MeetingPlanBody;
  startsAt: Date;
  endsAt: Date;
  startDate: string;
  districts: Awaited<ReturnType<typeof planningDistricts>>['rows'];
  reporters: Array<{ districtId: string; staffId: string; acting: boolean }>;
}

const nameOf = (rows: ValidPlan['districts'], id: string, locale: 'kk' | 'ru' | 'en') => {
  const d = rows.find((r) => r.id === id);
  return d ? (locale === 'kk' ? d.nameKk : d.nameRu) : id;
};

/**
 * Checks a plan against the rules and the user's territory. Every covered district must lie in
 * the user's police unit and at least one in his own territory; the rest is.
 * A meeting entered after the fact (`late`) has its time checked by the late-entry rules instead.
 */
async function validatePlan(db: Executor, actor: Actor, body: MeetingPlanBody, now: Date, options: { late?: boolean } = {}): Promise<ValidPlan> {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  // Issue 14: a practice meeting may start at once (it is held to learn, never counted).
  if (!options.late && !body.practice && startsAt <= now) throw ruleRefusal({ reason: 'start_in_past', rule: null, field: 'startsAt' }, refusalMessage('start_in_past'), 400);
  const startDate = almatyDate(startsAt);
  const districtIds = [...new Set(body.districtIds)];
  const { rows, adjacency } = await planningDistricts(db, districtIds);
  const paths = rows.map((r) => ({ regionId: r.regionId, unitId: r.unitId, pointId: r.pointId, districtId: r.id, atuIds: [r.atuId] }));
  const own = rows.filter((_, i) => withinScope(actor.scope, paths[i]!));
  const units = new Set(own.map((r) => r.unitId));
  const outside = districtIds.find((id) => {
    const row = rows.find((r) => r.id === id);
    return !row || (actor.scope.level !== 'national' && !units.has(row.unitId));
  });
  if (own.length === 0 || outside) {
    throw ruleRefusal({ reason: 'district_outside_territory', rule: 'R-2.2', field: 'districtIds', params: { districtId: outside ?? districtIds[0] } }, refusalMessage('district_outside_territory'));
  }
  // Reporting inspectors: the one assigned on the meeting date, or the acting one named.
  const serving = await servingStaff(db, districtIds, startDate);
  const reporters: ValidPlan['reporters'] = [];
  const without: string[] = [];
  for (const districtId of districtIds) {
    const given = body.inspectors?.find((i) => i.districtId === districtId);
    const assigned = serving.find((s) => s.districtId === districtId && s.role === 'inspector');
    if (given) {
      const member = await staffById(db, given.staffId);
      const district = rows.find((r) => r.id === districtId)!;
      if (!member || member.unit.id !== district.unitId) throw new AppError('validation_failed', [{ field: 'body.inspectors', reason: 'unknown staff member of this unit' }]);
      if (!given.acting && assigned?.staff.id !== given.staffId) {
        throw ruleRefusal({ reason: 'inspector_not_assigned', rule: 'R-2.2', field: 'inspectors' }, refusalMessage('inspector_not_assigned'));
      }
      reporters.push({ districtId, staffId: given.staffId, acting: given.acting });
    } else if (assigned) reporters.push({ districtId, staffId: assigned.staff.id, acting: false });
    else without.push(districtId);
  }
  const convener = body.convenerAtuId ? await atuRef(db, body.convenerAtuId) : null;
  const problems = planProblems({
    districtIds, adjacency, setting: body.setting, convenerAtuKind: convener?.kind ?? null,
    membersCount: body.membersCount ?? null, initiatorsCount: body.initiatorsCount ?? null, format: body.format,
    onlineLink: body.onlineLink ?? null, weatherConsidered: body.weatherConsidered ?? null, venueAddress: body.venueAddress ?? null,
    districtsWithoutInspector: without, startsAt, endsAt,
  });
  const first = problems[0];
  if (first) {
    // Name the district in each language rather than by its id.
    const districtId = first.params?.districtId as string | undefined;
    const say = (locale: 'kk' | 'ru' | 'en') =>
      refusalMessage(first.reason, { ...first.params, districtName: districtId ? nameOf(rows, districtId, locale) : undefined })[locale];
    const messages = { kk: say('kk'), ru: say('ru'), en: say('en') };
    throw ruleRefusal(first, messages, first.rule ? 422 : 400);
  }
  return { body, startsAt, endsAt, startDate, districts: rows, reporters };
}

export function planColumns(plan: ValidPlan) {
  const b = plan.body;
  const anchor = plan.districts.find((d) => d.id === b.districtIds[0]) ?? plan.districts[0]!;
  return {
    setting: b.setting, convenerAtuId: b.setting === 'akim_meeting' ? b.convenerAtuId ?? null : null,
    membersCount: b.setting === 'initiative_meeting' ? b.membersCount ?? null : null,
    initiatorsCount: b.setting === 'initiative_meeting' ? b.initiatorsCount ?? null : null,
    initiators: b.setting === 'initiative_meeting' ? b.initiators ?? [] : [],
    format: b.format, onlineLink: b.onlineLink ?? null, weatherConsidered: b.weatherConsidered ?? null,
    venueName: b.venueName ?? null, venueAddress: b.venueAddress ?? null, venueCapacity: b.venueCapacity ?? null,
    // Issue 13: directions left out of an edit keep what the page already shows.
    ...(b.directions !== undefined ? { directions: b.directions } : {}),
    expectedParticipants: b.expectedParticipants ?? null, startsAt: plan.startsAt, endsAt: plan.endsAt, startDate: plan.startDate,
    regionId: anchor.regionId, unitId: anchor.unitId, pointId: anchor.pointId,
  };
}

/** The next human-readable number in the first district's yearly series ("ALM-KAR-P2-D01-2026-07"). */
export async function meetingNumber(tx: Executor, plan: ValidPlan): Promise<string> {
  const anchor = plan.districts.find((d) => d.id === plan.body.districtIds[0])!;
  const year = plan.startDate.slice(0, 4);
  // Issue 14: practice meetings have a series of their own, so real numbers keep no gaps.
  const series = plan.body.practice ? `${anchor.code}-${year}-PR` : `${anchor.code}-${year}`;
  const seq = await nextNumber(tx, series);
  return `${series}-${String(seq).padStart(2, '0')}`;
}

/** Creates a draft meeting from a complete, valid plan. */
export async function planMeeting(ctx: ServiceContext, body: MeetingPlanBody): Promise<string> {
  const actor = requireActor(ctx);
  const plan = await validatePlan(ctx.db, actor, body, ctx.now());
  return inTransaction(ctx, async (tx, audit) => {
    const row = await insertMeeting(tx, { ...planColumns(plan), number: await meetingNumber(tx, plan), createdBy: actor.id, practice: body.practice ?? false });
    await replaceMeetingDistricts(tx, row.id, [...new Set(body.districtIds)], plan.reporters);
    await insertMeetingEvent(tx, { meetingId: row.id, action: 'create', fromStatus: null, toStatus: 'draft', actorId: actor.id, at: ctx.now() });
    await audit({ action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { ...row, districtIds: body.districtIds, reporters: plan.reporters } });
    // a joint meeting asks the other reporting inspectors to agree.
    await askAgreements(tx, actor, ctx.now(), audit, { meetingId: row.id, districtIds: body.districtIds, reporters: plan.reporters, plannerUserId: actor.id, timeChanged: false });
    return row.id;
  });
}

/** Changes the plan of a draft or scheduled meeting (a new time after announcing is a postponement). */
export async function changePlan(ctx: ServiceContext, id: string, body: MeetingPlanBody): Promise<void> {
  const actor = requireActor(ctx);
  const before = await meetingRow(ctx.db, id);
  if (!before) throw new AppError('not_found');
  if (!(EDITABLE as readonly string[]).includes(before.status)) {
    throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
  }
  // A practice meeting stays one (and a real one stays real) whatever the edit says.
  const plan = await validatePlan(ctx.db, actor, { ...body, practice: before.practice }, ctx.now());
  await inTransaction(ctx, async (tx, audit) => {
    const after = await updateMeetingRow(tx, id, planColumns(plan), ctx.now());
    await replaceMeetingDistricts(tx, id, [...new Set(body.districtIds)], plan.reporters);
    await insertMeetingEvent(tx, { meetingId: id, action: 'edit', fromStatus: before.status, toStatus: before.status, actorId: actor.id, at: ctx.now() });
    await audit({ action: 'meeting.update', entityType: 'meeting', entityId: id, before, after: { ...after, districtIds: body.districtIds, reporters: plan.reporters } });
    // new districts or reporters are asked; a new date or time asks everyone again.
    const timeChanged = before.startsAt.getTime() !== plan.startsAt.getTime() || before.endsAt.getTime() !== plan.endsAt.getTime();
    await askAgreements(tx, actor, ctx.now(), audit, { meetingId: id, districtIds: body.districtIds, reporters: plan.reporters, plannerUserId: before.createdBy, timeChanged });
  });
}

export { validatePlan, type ValidPlan };
