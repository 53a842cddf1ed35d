import {
  agreementsOf, announcementsOf, atuRef, earlierItems, followUpFacts, holdingCounts, invitationsOf, lateEntryOf, lateEntryStatuses, meetingConflicts, meetingEventsOf, meetingParts,
  lastPublicationOf, meetingRow, meetingTarget, notResolvedFor, planningDistricts, pointLeadName, pointRef, preferredHoursOf, type InvitationRow, type LateEntryRow, type MeetingRow,
} from '@esep/db';
import {
  abilities, almatyDate, almatyDateTime, availableActions, meetingTasks, can, carryOver, checklist, FINAL_OUTCOMES, itemOutcome, lateEntryActions, noticeDaysLeft, noticeDeadline,
  noticeGiven, publicationCounts, quarterEnd, quarterOf, quarterStart, ruleReference, type Actor, type InvitationState, type LateEntryChecklistFacts, type Locale,
  type RuleId, type TerritoryPath,
} from '@esep/domain';
import { REQUIRED_INVITATION_CATEGORIES } from '@esep/contracts';
import { requireActor, type ServiceContext } from '../context.ts';
import { presentAgreements } from './agreement.service.ts';

type Parts = Awaited<ReturnType<typeof meetingParts>>;

/** The list form of meetings, with districts, inspectors and point — in a fixed number of queries. */
export async function presentSummaries(ctx: ServiceContext, rows: readonly MeetingRow[]) {
  const parts = await meetingParts(ctx.db, rows.map((r) => r.id));
  const late = await lateEntryStatuses(ctx.db, rows.map((r) => r.id));
  const points = new Map<string, Awaited<ReturnType<typeof pointRef>>>();
  for (const id of new Set(rows.map((r) => r.pointId))) points.set(id, await pointRef(ctx.db, id));
  return rows.map((row) => summary(row, parts, points.get(row.pointId)!, late.get(row.id) ?? null));
}

function summary(row: MeetingRow, parts: Parts, point: Awaited<ReturnType<typeof pointRef>>, lateEntry: LateEntryRow['status'] | null) {
  return {
    id: row.id, number: row.number, status: row.status, setting: row.setting, format: row.format,
    startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), startDate: row.startDate,
    startsAtLocal: almatyDateTime(row.startsAt), endsAtLocal: almatyDateTime(row.endsAt),
    venueName: row.venueName, venueAddress: row.venueAddress,
    districts: parts.districts.filter((d) => d.meetingId === row.id)
      .map(({ id, code, nameKk, nameRu, atuNameKk, atuNameRu }) => ({ id, code, nameKk, nameRu, atu: { nameKk: atuNameKk, nameRu: atuNameRu } })),
    inspectors: parts.inspectors.filter((i) => i.meetingId === row.id).map(({ id, code, fullName, districtId, acting }) => ({ id, code, fullName, districtId, acting })),
    point, lateEntry, practice: row.practice,
  };
}

/**
 * The entry after the fact as the meeting page shows it, with what this user may do with it:
 * the lead of the territory confirms or returns it, never its own author; those who hold
 * the meeting correct or withdraw it while it is unconfirmed.
 */
function presentLateEntry(actor: Actor, row: MeetingRow, entry: LateEntryRow, paths: TerritoryPath[], confirmer: string | null) {
  const decides = can(actor, 'update', { resource: 'late_entry', paths }) && actor.id !== entry.enteredBy;
  const holds = can(actor, 'update', { resource: 'meeting', paths });
  const actions = row.status === 'held'
    ? lateEntryActions(entry.status).filter((a) => (a === 'confirm' || a === 'return' ? decides : holds))
    : [];
  return {
    status: entry.status, reason: entry.reason,
    enteredAt: entry.enteredAt.toISOString(), enteredOn: almatyDate(entry.enteredAt), enteredBy: entry.enteredByName, confirmer,
    decidedAt: entry.decidedAt?.toISOString() ?? null, decidedBy: entry.decidedByName, returnReason: entry.returnReason,
    actions,
  };
}

function lateEntryFacts(entry: LateEntryRow, confirmer: string | null): LateEntryChecklistFacts {
  return {
    status: entry.status, enteredOn: almatyDate(entry.enteredAt), enteredBy: entry.enteredByName, reason: entry.reason, confirmer,
    decidedBy: entry.decidedByName, decidedOn: entry.decidedAt ? almatyDate(entry.decidedAt) : null, returnReason: entry.returnReason,
  };
}

export function presentInvitation(row: InvitationRow) {
  return {
    id: row.id, meetingId: row.meetingId, category: row.category,
    required: (REQUIRED_INVITATION_CATEGORIES as readonly string[]).includes(row.category),
    organisation: row.organisation, personName: row.personName, contact: row.contact, status: row.status,
    addresseeUserId: row.addresseeUserId, respondedAt: row.respondedAt?.toISOString() ?? null, note: row.note,
  };
}

/** an invitation counts once it is sent (not a draft) and not declined. */
const invitedTo = (states: readonly InvitationState[]) => states.some((s) => s !== 'draft' && s !== 'declined');

function presentTasks(tasks: ReturnType<typeof meetingTasks>) {
  const { from } = tasks.next;
  return { steps: tasks.steps, next: { ...tasks.next, from: from?.toISOString() ?? null, fromLocal: from ? almatyDateTime(from) : null } };
}

/** Everything the meeting page shows, including its compliance checklist in the user's language. */
export async function meetingDetail(ctx: ServiceContext, id: string) {
  const actor = requireActor(ctx);
  const locale: Locale = ctx.locale ?? 'kk';
  const row = await meetingRow(ctx.db, id);
  if (!row) return null;
  // The page's reads start as soon as what each one needs is known, not phase by phase: the
  // longest chain (the meeting, its districts, then the clash check or the carried items) sets
  // the time, not the sum of every phase's slowest read.
  const quarter = quarterOf(row.startDate);
  const partsRead = meetingParts(ctx.db, [id]);
  const byDistricts = partsRead.then((parts) => {
    const districtIds = parts.districts.map((d) => d.id);
    return Promise.all([
      planningDistricts(ctx.db, districtIds), preferredHoursOf(ctx.db, districtIds), carriedItems(ctx, id, districtIds, row.startsAt),
      lastPublicationOf(ctx.db, districtIds, id),
    ]);
  });
  const lateRead = lateEntryOf(ctx.db, id);
  const agreementsRead = agreementsOf(ctx.db, [id]);
  const [parts, point, announcementRows, invitationRows, events, target, convener, agreementRows, [{ adjacency }, hours, carried, lastPublication], conflicts, counts, fu, late, confirmer, agreements] = await Promise.all([
    partsRead, pointRef(ctx.db, row.pointId), announcementsOf(ctx.db, [id]), invitationsOf(ctx.db, [id]),
    meetingEventsOf(ctx.db, id), meetingTarget(ctx.db, id), row.convenerAtuId ? atuRef(ctx.db, row.convenerAtuId) : null,
    agreementsRead, byDistricts,
    meetingConflicts(ctx.db, row, quarterStart(quarter), quarterEnd(quarter)),
    holdingCounts(ctx.db, id), followUpFacts(ctx.db, id), lateRead,
    // who must confirm an entry after the fact — the lead of the meeting's point, by name.
    lateRead.then((entry) => (entry ? pointLeadName(ctx.db, row.pointId) : null)),
    agreementsRead.then((rows) => presentAgreements(ctx, actor, rows, () => row.status)),
  ]);
  const districtIds = parts.districts.map((d) => d.id);
  const publications = announcementRows.map((a) => ({ publishedOn: a.publishedOn, voided: a.voidedAt != null }));
  const states = (category: string) => invitationRows.filter((i) => i.category === category).map((i) => i.status as InvitationState);
  const checks = checklist({
    status: row.status, today: ctx.today, startDate: row.startDate, startsAt: row.startsAt, endsAt: row.endsAt,
    districtIds, adjacency, setting: row.setting, membersCount: row.membersCount, initiatorsCount: row.initiatorsCount,
    format: row.format, venueCapacity: row.venueCapacity, expectedParticipants: row.expectedParticipants,
    preferredHours: hours.map((h) => ({ days: h.days, from: h.fromTime, to: h.toTime })),
    publications, requiredInvitations: { policeLeadership: states('police_leadership'), akimat: states('akimat') },
    agreements: agreementRows.map((a) => ({ fullName: a.staff.fullName, status: a.status })),
    holding: {
      participants: counts.participants, withoutConsent: 0,
      present: { policeLeadership: counts.policeLeadership, akimat: counts.akimat },
      items: counts.items, unclassified: counts.unclassified,
      carried: carried.length,
      // an item is answered for when it is settled or the report says what was done.
      carriedUnaddressed: carried.filter((c) => (!FINAL_OUTCOMES.includes(c.outcome) || c.residentsNotResolved > 0) && !c.note?.trim()).length,
    },
    followUp: {
      protocolStatus: fu.protocolStatus === 'signed' || fu.protocolStatus === 'draft' ? fu.protocolStatus : null,
      late: fu.protocolLate, lateReason: fu.lateReason, videos: fu.videos,
      toCheck: fu.toCheck, checks: fu.checks, toForward: fu.toForward, forwardings: fu.forwardings, forwardingsNotified: fu.forwardingsNotified,
      controlTotal: fu.decisions + fu.checks + fu.forwardings, controlVerified: fu.decisionsVerified + fu.checksVerified + fu.forwardingsVerified,
    },
    ...(late ? { lateEntry: lateEntryFacts(late, confirmer) } : {}),
  });
  return {
    ...summary(row, parts, point, late?.status ?? null),
    convenerAtu: convener ? { id: convener.id, code: convener.code, nameKk: convener.nameKk, nameRu: convener.nameRu } : null,
    membersCount: row.membersCount, initiatorsCount: row.initiatorsCount, initiators: row.initiators ?? [],
    onlineLink: row.onlineLink, weatherConsidered: row.weatherConsidered, venueCapacity: row.venueCapacity,
    expectedParticipants: row.expectedParticipants, directions: row.directions, reason: row.reason, sequence: row.sequence,
    notice: { deadline: noticeDeadline(row.startDate), daysLeft: noticeDaysLeft(ctx.today, row.startDate), given: noticeGiven(publications, row.startDate) },
    checklist: checks.map((c) => ({ key: c.key, rule: c.rule, status: c.status, message: c.message[locale], reference: ruleReference(c.rule as RuleId, locale), params: c.params })),
    announcements: announcementRows.map((a) => ({
      id: a.id, channel: a.channel, outlet: a.outlet, publishedOn: a.publishedOn, reference: a.reference,
      counts: a.voidedAt == null && publicationCounts(a.publishedOn, row.startDate), voided: a.voidedAt != null, createdAt: a.createdAt.toISOString(),
      hasProof: a.proofFile != null,
    })),
    invitations: invitationRows.map(presentInvitation),
    events: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, previousStartsAt: e.previousStartsAt?.toISOString() ?? null, at: e.at.toISOString() })),
    conflicts: conflicts.map((c) => ({ kind: c.kind, meetingId: c.meetingId, number: c.number, startsAt: c.startsAt.toISOString() })),
    agreements,
    availableActions: availableActions(row.status),
    abilities: abilities(actor, { resource: 'meeting', ...(target ?? { paths: [] }) }),
    publicUrl: `${ctx.publicUrl ?? ''}/m/${row.id}`,
    // the number of participants is the size of the register, never typed.
    participantCount: counts.participants,
    holding: { items: counts.items, unclassified: counts.unclassified, decisions: counts.decisions, awards: counts.awards, carried: carried.length },
    enteredLate: late ? presentLateEntry(actor, row, late, target?.paths ?? [], confirmer) : null,
    lastPublication,
    tasks: presentTasks(meetingTasks({
      status: row.status, now: ctx.now(), startsAt: row.startsAt, endsAt: row.endsAt, startDate: row.startDate, publications,
      invited: { policeLeadership: invitedTo(states('police_leadership')), akimat: invitedTo(states('akimat')) },
      participants: counts.participants, items: counts.items,
      protocolStatus: fu.protocolStatus === 'signed' || fu.protocolStatus === 'draft' ? fu.protocolStatus : null,
      practice: row.practice, lateEntry: late != null,
    })),
  };
}

/**
 * the items of earlier meetings of these districts the report must carry, each with its
 * outcome so far (check and forwarding facts join with ).
 */
export async function carriedItems(ctx: Pick<ServiceContext, 'db'>, meetingId: string, districtIds: readonly string[], startsAt: Date) {
  const [rows, verdicts] = await Promise.all([earlierItems(ctx.db, meetingId, districtIds, startsAt), notResolvedFor(ctx.db, meetingId, districtIds, startsAt)]);
  // Issue 13: a resident's "not resolved" carries the item to the next report of her
  // district whatever its outcome, with her words (never her name); several verdicts, all words.
  const residents = new Map<string, string[]>();
  for (const v of verdicts) residents.set(v.itemId!, [...(residents.get(v.itemId!) ?? []), ...(v.words ? [v.words] : [])]);
  const candidates = rows.map((r) => ({
    ...r, outcome: itemOutcome({ resolution: r.resolution }),
    residentsNotResolved: residents.has(r.itemId) ? verdicts.filter((v) => v.itemId === r.itemId).length : 0,
    residentWords: residents.get(r.itemId) ?? [],
  }));
  const carried = carryOver(districtIds, startsAt, candidates);
  const forced = candidates.filter((c) => c.residentsNotResolved > 0 && !carried.includes(c));
  return [...carried, ...forced].sort((a, b) => a.meetingStartsAt.getTime() - b.meetingStartsAt.getTime() || a.itemId.localeCompare(b.itemId));
}

