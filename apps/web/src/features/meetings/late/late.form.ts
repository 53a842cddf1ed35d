import { emptyPlan, missingOnStep, planBody, planFromDetail, type PlanForm } from '../wizard/plan.ts';
import type { Channel, MeetingDetail } from '../types.ts';
import type { LateEntryBody, LateEntryCorrectionBody } from './late.api.ts';

/** A publication that announced the meeting, as typed. */
export interface PublicationForm { channel: Channel; outlet: string; publishedOn: string }

/** What the form of a meeting entered after the fact edits: the plan of what took place, the reason, the publications. */
export interface LateForm {
  plan: PlanForm;
  reason: string;
  publications: PublicationForm[];
}

export function emptyLateForm(districtId?: string): LateForm {
  return { plan: { ...emptyPlan(districtId), startTime: '18:00', endTime: '19:30' }, reason: '', publications: [] };
}

/** A returned or pending entry, to correct it (its publications stay on the meeting page). */
export function lateFormFromDetail(detail: MeetingDetail): LateForm {
  return { plan: planFromDetail(detail), reason: detail.enteredLate?.reason ?? '', publications: [] };
}

export function lateBody(form: LateForm, staffId: string | null): LateEntryBody {
  return {
    ...planBody(form.plan, staffId),
    lateReason: form.reason.trim(),
    publications: form.publications.map((p) => ({ channel: p.channel, outlet: p.outlet.trim(), publishedOn: p.publishedOn })),
  };
}

export function correctionBody(form: LateForm, staffId: string | null): LateEntryCorrectionBody {
  return { ...planBody(form.plan, staffId), lateReason: form.reason.trim() };
}

export type LateMissingKey =
  | 'districts' | 'convener' | 'members' | 'initiators' | 'link' | 'address' | 'weather'
  | 'date' | 'future' | 'startTime' | 'endTime' | 'endBeforeStart' | 'reason' | 'outlet' | 'publishedOn' | 'publishedAfter';

/** A field left empty or impossible, by its name in the form (`publications.0.outlet` for a publication). */
export interface LateMissing { field: string; key: LateMissingKey; rule: string | null }

/**
 * What must be filled in before sending (the server checks everything again): the plan's fields,
 * a day that has come (a coming meeting is planned, R-27.1), the reason, and publications made
 * on or before the meeting day.
 */
export function missingInLateForm(form: LateForm, today: string): LateMissing[] {
  const out: LateMissing[] = [0, 1, 2].flatMap((step) => missingOnStep(form.plan, step)).map((m) => ({ field: m.field, key: m.key as LateMissingKey, rule: m.rule }));
  const { date, startTime, endTime } = form.plan;
  if (!date) out.push({ field: 'date', key: 'date', rule: null });
  else if (date > today) out.push({ field: 'date', key: 'future', rule: 'R-27.1' });
  if (!startTime) out.push({ field: 'startTime', key: 'startTime', rule: null });
  if (!endTime) out.push({ field: 'endTime', key: 'endTime', rule: null });
  else if (startTime && endTime <= startTime) out.push({ field: 'endTime', key: 'endBeforeStart', rule: null });
  if (!form.reason.trim()) out.push({ field: 'lateReason', key: 'reason', rule: null });
  form.publications.forEach((p, i) => {
    if (!p.outlet.trim()) out.push({ field: `publications.${i}.outlet`, key: 'outlet', rule: 'R-27.1' });
    if (!p.publishedOn) out.push({ field: `publications.${i}.publishedOn`, key: 'publishedOn', rule: 'R-27.1' });
    else if (date && p.publishedOn > date) out.push({ field: `publications.${i}.publishedOn`, key: 'publishedAfter', rule: 'R-27.1' });
  });
  return out;
}
