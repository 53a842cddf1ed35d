import { addDays, almatyDate, quarterEnd, quarterOf, quarterStart, type MeetingStatus, type Quarter, type StructureData } from '@esep/domain';
import { random } from './national.ts';

/**
 * The national data set's meetings (issue 11): for each district most of the last 12 quarters
 * (ending with the current one, from the injected `now`), one meeting each, with the kinds of
 * non-compliance the boards exist to show — quarters missed, notices given late, the
 * akimat not invited, protocols signed after the meeting day, protocols left
 * unsigned, follow-up past due — and some joint meetings of two adjacent districts
 * and akim-convened ones.
 *
 * States follow the domain's state machine (meeting.lifecycle.ts): a meeting before today was
 * announced with a notice of ≥ 10 days and then held, its protocol signed and, once every
 * follow-up was verified, closed; a late notice is only possible on a meeting entered after the
 * fact (late-entry.ts: created `held`, never announced through Esep). Meetings from today on are
 * scheduled, or announced once their notice is published. Everything is drawn from mulberry32
 * seeded per (seed, district, quarter), so the plan is the same on every machine and engine.
 */

export interface Ids { districts: Map<string, string>; staff: Map<string, string>; points: Map<string, string>; units: Map<string, string>; regions: Map<string, string>; atus: Map<string, string>; users: Map<string, string> }

export interface MeetingPlan {
  /** Position in generation order: the key of every derived row's id and random stream. */
  index: number;
  id: string;
  number: string;
  status: MeetingStatus;
  setting: 'gathering' | 'akim_meeting';
  /** District indices (into StructureData.districts), the first is the planner's; two for a joint meeting. */
  districts: number[];
  /** The reporting inspector's staff code per district. */
  inspectors: string[];
  startDate: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  /** Days before the start the notice was published (null: none). */
  noticeDays: number | null;
  invitedPolice: boolean;
  invitedAkimat: boolean;
  attendedPolice: boolean;
  attendedAkimat: boolean;
  participants: number;
  items: number;
  decisions: number;
  /** Protocol: none, a draft, or signed at this instant. */
  protocol: 'none' | 'draft' | 'signed';
  signedAt: Date | null;
  late: boolean;
  lateEntry: null | 'pending' | 'confirmed';
  /** Follow-up of a signed protocol: all verified (closed), or being executed. */
  executing: boolean;
  cancelReason: string | null;
}

export interface DistrictInfo {
  code: string; pointCode: string; unitCode: string; regionCode: string; atuCode: string;
  /** Inspector assignments, oldest first (R-2.2: one at a time). */
  inspectors: Array<{ staff: string; from: string; to: string | null }>;
  /** The next district of the point's chain (adjacent, R-27.4), if any. */
  next: number | null;
}

const DAY = 86_400_000;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Deterministic ids: the seed, the table and a running number. Sequential within a table, so
 * COPY appends to each primary-key index instead of writing all over it.
 */
export const uid = (seed: number, table: number, n: number) =>
  `${hex(seed >>> 0, 8)}-${hex(table, 4)}-4${hex(Math.floor(n / 2 ** 36) & 0xfff, 3)}-8${hex(Math.floor(n / 2 ** 24) & 0xfff, 3)}-${hex(n % 2 ** 24, 6).padStart(12, '0')}`;

/** A random stream per (seed, a, b, salt). */
export function streamOf(seed: number, a: number, b = 0, salt = 0) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [a, b, salt]) h = Math.imul(h ^ (v + 0x7f4a7c15), 0x85ebca6b) >>> 0, h = (h ^ (h >>> 13)) >>> 0;
  return random(h);
}

export function districtInfo(data: StructureData): DistrictInfo[] {
  const pointUnit = new Map(data.points.map((p) => [p.code, p.unitCode]));
  const unitRegion = new Map(data.units.map((u) => [u.code, u.regionCode]));
  const index = new Map(data.districts.map((d, i) => [d.code, i]));
  const assignments = new Map<string, DistrictInfo['inspectors']>();
  for (const a of data.assignments) {
    if (a.role !== 'inspector') continue;
    const list = assignments.get(a.districtCode) ?? [];
    list.push({ staff: a.staffCode, from: a.from, to: a.to });
    assignments.set(a.districtCode, list);
  }
  const next = new Map<string, string>();
  for (const a of data.adjacency) next.set(a.districtCode, a.adjacentCode);
  return data.districts.map((d) => {
    const n = next.get(d.code);
    const nextDistrict = n !== undefined ? data.districts[index.get(n)!]! : null;
    return {
      code: d.code, pointCode: d.pointCode, unitCode: pointUnit.get(d.pointCode)!, regionCode: unitRegion.get(pointUnit.get(d.pointCode)!)!, atuCode: d.atuCode,
      inspectors: (assignments.get(d.code) ?? []).sort((x, y) => x.from.localeCompare(y.from)),
      // A joint meeting stays within the point: the chain's link to the next point is not used.
      next: nextDistrict && nextDistrict.pointCode === d.pointCode ? index.get(n!)! : null,
    };
  });
}

export const inspectorOn = (d: DistrictInfo, date: string) => d.inspectors.find((a) => a.from <= date && (a.to === null || date <= a.to))?.staff ?? null;

/** The last 12 quarters, oldest first, ending with the one `today` is in. */
export function lastQuarters(today: string, count = 12): Quarter[] {
  const quarters: Quarter[] = [];
  let q = quarterOf(today);
  for (let i = 0; i < count; i++) {
    quarters.unshift(q);
    q = q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
  }
  return quarters;
}

/** 18:30 or 11:00 in Almaty (UTC+5) on a calendar date. */
const at = (date: string, evening: boolean) => new Date(`${date}T${evening ? '18:30' : '11:00'}:00+05:00`);

export function planMeetings(data: StructureData, seed: number, now: Date): { plans: MeetingPlan[]; counters: Map<string, number> } {
  const today = almatyDate(now);
  const quarters = lastQuarters(today);
  const infos = districtInfo(data);
  const plans: MeetingPlan[] = [];
  const counters = new Map<string, number>();
  const absorbed = new Set<string>();

  const add = (r: () => number, districts: number[], inspectors: string[], startDate: string, setting: MeetingPlan['setting'], cancelled: boolean) => {
    const index = plans.length;
    const year = startDate.slice(0, 4);
    const scope = `${infos[districts[0]!]!.code}-${year}`;
    const seq = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, seq);
    const startsAt = at(startDate, r() < 0.7);
    const past = startDate < today;
    const lateEntry = past && !cancelled && r() < 0.06 ? (r() < 0.2 && daysAgo(startDate) < 60 ? 'pending' : 'confirmed') : null;
    const plan: MeetingPlan = {
      index, id: uid(seed, 1, index), number: `${scope}-${String(seq).padStart(2, '0')}`, status: 'scheduled', setting, districts, inspectors,
      startDate, startsAt, endsAt: new Date(startsAt.getTime() + (90 + Math.floor(r() * 4) * 30) * 60_000),
      createdAt: new Date(startsAt.getTime() - (lateEntry ? -(1 + Math.floor(r() * 20)) * DAY : (14 + Math.floor(r() * 30)) * DAY)),
      noticeDays: null, invitedPolice: r() < 0.97, invitedAkimat: r() < 0.88, attendedPolice: false, attendedAkimat: false,
      participants: 0, items: 0, decisions: 0, protocol: 'none', signedAt: null, late: false, lateEntry, executing: false, cancelReason: null,
    };
    if (plan.createdAt > now) plan.createdAt = new Date(now.getTime() - (lateEntry ? 3_600_000 : DAY));
    if (cancelled) {
      plan.status = 'cancelled';
      plan.cancelReason = r() < 0.5 ? 'Ауа райының қолайсыздығы / Неблагоприятные погодные условия' : 'Үй-жай берілмеді / Помещение не предоставлено';
      plans.push(plan);
      return plan;
    }
    if (lateEntry) {
      // Entered after the fact: never announced through Esep; a notice, if any, was late.
      plan.noticeDays = r() < 0.7 ? 1 + Math.floor(r() * 9) : null;
    } else {
      plan.noticeDays = 10 + Math.floor(r() * 16);
      if (plan.createdAt.getTime() > at(addDays(startDate, -plan.noticeDays), false).getTime()) plan.createdAt = new Date(at(addDays(startDate, -plan.noticeDays), false).getTime() - 2 * DAY);
    }
    if (!past) {
      // Ahead: announced once its notice is out; some still only scheduled — at risk.
      const publishOn = addDays(startDate, -plan.noticeDays!);
      if (publishOn <= today && r() < 0.88) plan.status = 'announced';
      else plan.noticeDays = null;
      if (plan.createdAt > now) plan.createdAt = new Date(now.getTime() - DAY);
      plans.push(plan);
      return plan;
    }
    if (plan.createdAt > now) plan.createdAt = new Date(now.getTime() - 3_600_000);
    plan.attendedPolice = plan.invitedPolice && r() < 0.9;
    plan.attendedAkimat = plan.invitedAkimat && r() < 0.8;
    plan.participants = 25 + Math.floor(r() * 31);
    plan.items = 5 + Math.floor(r() * 7);
    plan.decisions = 1 + Math.floor(r() * 3);
    const ago = daysAgo(startDate);
    const unsigned = lateEntry === 'pending' || (lateEntry && plan.createdAt.getTime() + 2 * DAY > now.getTime()) || (ago <= 1 ? r() < 0.6 : r() < 0.03);
    if (unsigned) {
      plan.status = 'held';
      plan.protocol = 'draft';
    } else {
      // most protocols are signed on the meeting day; some days later, with a reason.
      plan.late = ago >= 2 && r() < 0.12;
      plan.signedAt = plan.late
        ? at(addDays(startDate, Math.min(1 + Math.floor(r() * 5), Math.max(1, ago - 1))), false)
        : new Date(plan.endsAt.getTime() + (20 + Math.floor(r() * 60)) * 60_000);
      if (lateEntry) {
        // Signed only once the entry is confirmed (a day after it was made): always after the meeting day.
        plan.late = true;
        plan.signedAt = new Date(plan.createdAt.getTime() + 2 * DAY);
      }
      if (plan.signedAt > now) plan.signedAt = new Date(now.getTime() - 3_600_000);
      plan.protocol = 'signed';
      // executed and closed after months; recent ones still being executed.
      plan.executing = ago < 75 || (ago < 240 && r() < 0.35) || r() < 0.02;
      plan.status = plan.executing ? 'protocol_signed' : 'closed';
    }
    plans.push(plan);
    return plan;
  };
  const daysAgo = (date: string) => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY);

  infos.forEach((d, i) => {
    quarters.forEach((q, qi) => {
      if (absorbed.has(`${i}:${qi}`)) return;
      const r = streamOf(seed, i, qi, 1);
      const current = qi === quarters.length - 1;
      // Missed quarters; in the current one some districts have nothing planned yet.
      if (r() < (current ? 0.1 : 0.06)) return;
      const first = quarterStart(q);
      const span = Math.round((Date.parse(`${quarterEnd(q)}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY) + 1;
      const startDate = addDays(first, Math.floor(r() * (span - 3)));
      const inspector = inspectorOn(d, startDate);
      if (!inspector) return; // no inspector served the district then: the quarter is missed
      const districts = [i];
      const inspectors = [inspector];
      const joint = d.next !== null && r() < 0.05 ? inspectorOn(infos[d.next]!, startDate) : null;
      if (joint && !absorbed.has(`${d.next}:${qi}`)) {
        districts.push(d.next!);
        inspectors.push(joint);
        absorbed.add(`${d.next}:${qi}`);
      }
      // A meeting cancelled before the one held (from its plan: scheduled → cancelled).
      if (r() < 0.03 && startDate > addDays(first, 10)) add(r, [i], [inspector], addDays(startDate, -7), 'gathering', true);
      add(r, districts, inspectors, startDate, 'gathering', false);
      // a meeting convened by the rural district's akim, later in the quarter.
      const extra = addDays(startDate, 20 + Math.floor(r() * 20));
      if (r() < 0.09 && extra <= quarterEnd(q) && inspectorOn(d, extra) === inspector) add(r, [i], [inspector], extra, 'akim_meeting', false);
    });
  });
  return { plans, counters };
}

export const meetingSummary = (plans: MeetingPlan[]) => {
  const by = <K extends string>(key: (p: MeetingPlan) => K) => plans.reduce<Record<string, number>>((acc, p) => ((acc[key(p)] = (acc[key(p)] ?? 0) + 1), acc), {});
  return { total: plans.length, status: by((p) => p.status), late: plans.filter((p) => p.late).length, joint: plans.filter((p) => p.districts.length > 1).length };
};
