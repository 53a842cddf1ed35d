import { INITIATIVE_SHARE } from '@esep/domain';
import { almatyInstant, almatyParts } from '../time.ts';
import type { MeetingDetail, MeetingFormat, MeetingPlanBody, Setting } from '../types.ts';

/** What the planning wizard edits; numbers are '' while empty. */
export interface PlanForm {
  /** The first is the district the plan starts from; the others are its neighbours. */
  districtIds: string[];
  /** Districts without an inspector for which the current user reports as acting. */
  acting: string[];
  setting: Setting;
  convenerAtuId: string | null;
  membersCount: number | '';
  initiatorsCount: number | '';
  /** Names of initiators, one a line. */
  initiators: string;
  format: MeetingFormat;
  onlineLink: string;
  weatherConsidered: boolean;
  venueName: string;
  venueAddress: string;
  venueCapacity: number | '';
  /** How to find the venue (entrance, floor, landmark), shown on the public meeting page; several lines. */
  directions: string;
  expectedParticipants: number | '';
  date: string;
  startTime: string;
  endTime: string;
  /** Issue 14: a practice meeting (never counted, held at once). */
  practice?: boolean;
}

export const STEPS = ['districts', 'setting', 'place', 'time', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** The step on which a field of the plan is entered; what the server refuses is shown there. */
const FIELD_STEP: Record<string, number> = {
  districtIds: 0, inspectors: 0, acting: 0,
  setting: 1, convenerAtuId: 1, membersCount: 1, initiatorsCount: 1, initiators: 1,
  format: 2, onlineLink: 2, weatherConsidered: 2, venueName: 2, venueAddress: 2, venueCapacity: 2, directions: 2, expectedParticipants: 2,
  startsAt: 3, endsAt: 3, date: 3, startTime: 3, endTime: 3,
};

export function stepOfField(field: string | null | undefined): number {
  return field && field in FIELD_STEP ? FIELD_STEP[field]! : STEPS.length - 1;
}

export function emptyPlan(districtId?: string): PlanForm {
  return {
    districtIds: districtId ? [districtId] : [], acting: [], setting: 'gathering', convenerAtuId: null,
    membersCount: '', initiatorsCount: '', initiators: '', format: 'indoor', onlineLink: '', weatherConsidered: false,
    venueName: '', venueAddress: '', venueCapacity: '', directions: '', expectedParticipants: '', date: '', startTime: '18:00', endTime: '19:30',
  };
}

/** The form of an existing meeting, for editing a draft or scheduled plan. */
export function planFromDetail(detail: MeetingDetail): PlanForm {
  const start = almatyParts(detail.startsAt);
  return {
    districtIds: detail.districts.map((d) => d.id),
    acting: detail.inspectors.filter((i) => i.acting).map((i) => i.districtId),
    setting: detail.setting, convenerAtuId: detail.convenerAtu?.id ?? null,
    membersCount: detail.membersCount ?? '', initiatorsCount: detail.initiatorsCount ?? '', initiators: detail.initiators.join('\n'),
    format: detail.format, onlineLink: detail.onlineLink ?? '', weatherConsidered: detail.weatherConsidered ?? false,
    venueName: detail.venueName ?? '', venueAddress: detail.venueAddress ?? '', directions: detail.directions ?? '',
    venueCapacity: detail.venueCapacity ?? '', expectedParticipants: detail.expectedParticipants ?? '',
    date: start.date, startTime: start.time, endTime: almatyParts(detail.endsAt).time,
  };
}

const num = (value: number | '') => (value === '' ? null : value);
const text = (value: string) => value.trim() || null;

export const hasVenue = (format: MeetingFormat) => format !== 'online';
export const hasLink = (format: MeetingFormat) => format === 'online' || format === 'hybrid';

/** The body of `POST /meetings` / `PUT /meetings/:id`; fields of other settings and formats are cleared. */
export function planBody(form: PlanForm, staffId: string | null): MeetingPlanBody {
  const initiative = form.setting === 'initiative_meeting';
  const venue = hasVenue(form.format);
  const acting = staffId ? form.acting.filter((id) => form.districtIds.includes(id)) : [];
  return {
    districtIds: form.districtIds,
    setting: form.setting,
    convenerAtuId: form.setting === 'akim_meeting' ? form.convenerAtuId : null,
    membersCount: initiative ? num(form.membersCount) : null,
    initiatorsCount: initiative ? num(form.initiatorsCount) : null,
    initiators: initiative ? form.initiators.split('\n').map((line) => line.trim()).filter(Boolean) : [],
    format: form.format,
    onlineLink: hasLink(form.format) ? text(form.onlineLink) : null,
    weatherConsidered: form.format === 'open_air' ? form.weatherConsidered : null,
    venueName: venue ? text(form.venueName) : null,
    venueAddress: venue ? text(form.venueAddress) : null,
    venueCapacity: venue ? num(form.venueCapacity) : null,
    // Issue 13: the way to the venue, for the public page; an online meeting has no venue to find.
    directions: venue ? text(form.directions) : null,
    expectedParticipants: num(form.expectedParticipants),
    startsAt: almatyInstant(form.date, form.startTime),
    endsAt: almatyInstant(form.date, form.endTime),
    ...(acting.length ? { inspectors: acting.map((districtId) => ({ districtId, staffId: staffId!, acting: true })) } : {}),
    ...(form.practice ? { practice: true } : {}),
  };
}

/** R-27.3: the initiators' share in per cent (one decimal), or null until both counts are known. */
export function initiativeSharePercent(form: Pick<PlanForm, 'membersCount' | 'initiatorsCount'>): number | null {
  if (form.membersCount === '' || form.initiatorsCount === '' || form.membersCount <= 0) return null;
  return Math.round((form.initiatorsCount / form.membersCount) * 1000) / 10;
}

export const belowInitiativeShare = (percent: number | null) => percent !== null && percent < INITIATIVE_SHARE * 100;

/** A field left empty that the step needs, with the rule that asks for it. */
export interface Missing { field: keyof PlanForm; key: 'districts' | 'convener' | 'members' | 'initiators' | 'link' | 'address' | 'weather' | 'date' | 'startTime' | 'endTime' | 'endBeforeStart'; rule: string | null }

/** What the user must still fill in on a step before going on (the server checks the rest). */
export function missingOnStep(form: PlanForm, step: number): Missing[] {
  const out: Missing[] = [];
  if (step === 0 && form.districtIds.length === 0) out.push({ field: 'districtIds', key: 'districts', rule: 'R-26' });
  if (step === 1 && form.setting === 'akim_meeting' && !form.convenerAtuId) out.push({ field: 'convenerAtuId', key: 'convener', rule: 'R-27.3' });
  if (step === 1 && form.setting === 'initiative_meeting') {
    if (form.membersCount === '') out.push({ field: 'membersCount', key: 'members', rule: 'R-27.3' });
    if (form.initiatorsCount === '') out.push({ field: 'initiatorsCount', key: 'initiators', rule: 'R-27.3' });
  }
  if (step === 2) {
    if (hasLink(form.format) && !form.onlineLink.trim()) out.push({ field: 'onlineLink', key: 'link', rule: 'R-27.2' });
    if (hasVenue(form.format) && !form.venueAddress.trim()) out.push({ field: 'venueAddress', key: 'address', rule: 'R-27.2' });
    if (form.format === 'open_air' && !form.weatherConsidered) out.push({ field: 'weatherConsidered', key: 'weather', rule: 'R-27.2' });
  }
  if (step === 3) {
    if (!form.date) out.push({ field: 'date', key: 'date', rule: null });
    if (!form.startTime) out.push({ field: 'startTime', key: 'startTime', rule: null });
    if (!form.endTime) out.push({ field: 'endTime', key: 'endTime', rule: null });
    else if (form.startTime && form.endTime <= form.startTime) out.push({ field: 'endTime', key: 'endBeforeStart', rule: null });
  }
  return out;
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Issue 14: the next meeting of a district starts from its last one — the same place, setting and
 * hours — on the same weekday, on the first such day that can still be announced today (R-27.1:
 * 10 calendar days; the 11th day leaves a day to spare).
 */
export function planFromLast(last: MeetingDetail, today: string): PlanForm {
  const plan = planFromDetail(last);
  const weekday = new Date(`${plan.date}T00:00:00Z`).getUTCDay();
  let date = addDays(today, 11);
  while (new Date(`${date}T00:00:00Z`).getUTCDay() !== weekday) date = addDays(date, 1);
  return { ...plan, acting: [], date };
}

/** Issue 14: a practice meeting now, at the district's usual place; it can be held at once. */
export function practicePlan(base: PlanForm, now: Date): PlanForm {
  const local = almatyParts(now.toISOString());
  const [h, m] = local.time.split(':').map(Number) as [number, number];
  const end = `${String(Math.min(h + 1, 23)).padStart(2, '0')}:${h + 1 > 23 ? '59' : String(m).padStart(2, '0')}`;
  return {
    ...base, practice: true, date: local.date, startTime: local.time, endTime: end,
    venueName: base.venueName, venueAddress: base.venueAddress || '—',
  };
}
