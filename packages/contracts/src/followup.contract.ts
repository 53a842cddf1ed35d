import { z } from 'zod';
import { Abilities } from './access.contract.ts';
import { IsoDate } from './list.contract.ts';
import { OptionalText, SearchText, Text } from './text.contract.ts';

/*
 * What follows the signed protocol: checks of items not answered in full, forwarding of
 * items outside police competence with the initiator's notice, the point lead's control
 * of the protocol's execution and the working-day calendar the terms are counted on.
 */
export const FOLLOW_UP_STATUS_VALUES = ['open', 'done', 'verified'] as const;
export const FollowUpStatus = z.enum(FOLLOW_UP_STATUS_VALUES);

/** How an answer or a notice reached the person who raised the item. */
export const NOTICE_CHANNEL_VALUES = ['in_person', 'phone', 'sms', 'email', 'post', 'messenger', 'egov'] as const;
export const NoticeChannel = z.enum(NOTICE_CHANNEL_VALUES);

export const NoticeText = z.object({ kk: z.string(), ru: z.string() }).meta({ id: 'NoticeText' });

// ─── Checks ─────────────────────────────────────────────────────────
export const FollowUpCheck = z.object({
  id: z.uuid(), meetingId: z.uuid(), meetingNumber: z.string(), meetingDate: IsoDate,
  itemId: z.uuid(), itemReference: z.string(), itemText: z.string(), topic: z.string(),
  /** No one to answer: the item was raised anonymously. */
  anonymous: z.boolean(),
  assigneeStaffId: z.uuid().nullable(), assigneeName: z.string().nullable(),
  openedOn: IsoDate, dueDate: IsoDate, originalDueDate: IsoDate,
  extended: z.boolean(), extensionReason: z.string().nullable(), extensionNoticeOn: IsoDate.nullable(),
  result: z.string().nullable(), answerText: z.string().nullable(), answerSentOn: IsoDate.nullable(), answerChannel: z.string().nullable(),
  status: FollowUpStatus, overdue: z.boolean(),
  closedAt: z.iso.datetime().nullable(), verifiedAt: z.iso.datetime().nullable(),
}).meta({ id: 'FollowUpCheck' });
export type FollowUpCheck = z.infer<typeof FollowUpCheck>;

/**
 * One change to a check: reassign (point lead and above), extend once by up to two months with a
 * reason (the initiator is told), or record the result and the answer sent (closes the check).
 */
export const CheckPatchBody = z.object({
  assigneeStaffId: z.uuid().optional(),
  extendTo: IsoDate.optional(),
  reason: OptionalText(2000),
  result: OptionalText(5000),
  answerText: OptionalText(5000),
  answerSentOn: IsoDate.nullable().optional(),
  answerChannel: NoticeChannel.nullable().optional(),
  /** `done` closes the check (needs a result). */
  status: z.literal('done').optional(),
  /** Language of the generated notice to the initiator. */
  lang: z.enum(['kk', 'ru']).optional(),
}).strict().meta({ id: 'CheckPatch' });
export type CheckPatchBody = z.infer<typeof CheckPatchBody>;

export const CheckPatchResult = FollowUpCheck.extend({
  /** When the term was extended: the notice to the initiator, in Kazakh and Russian (null when anonymous). */
  extensionNotice: NoticeText.nullable(),
}).meta({ id: 'CheckPatchResult' });

export const FollowUpsOpened = z.object({ checks: z.number().int(), forwardings: z.number().int() }).meta({ id: 'FollowUpsOpened' });

// ─── State bodies ───────────────────────────────────────────────────
export const StateBody = z.object({
  id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string(), topics: z.array(z.string()),
  regionId: z.uuid().nullable(), atuId: z.uuid().nullable(), contact: z.string().nullable(), active: z.boolean(),
  /**
   * With `topic`: whether the body is competent for it — false only when the topic is clear
   * and the body does not list it; null when the topic ("other", or one no body lists) names no body.
   */
  competent: z.boolean().nullable(),
  /** With `districtId`: whether the body covers the district's territory. */
  coversDistrict: z.boolean().nullable(),
}).meta({ id: 'StateBody' });
export type StateBody = z.infer<typeof StateBody>;

export const StateBodyBody = z.object({
  code: z.string().trim().min(2).max(60).regex(/^[A-Za-z0-9._-]+$/),
  nameKk: Text(500), nameRu: Text(500),
  topics: z.array(Text(60)).min(1).max(50),
  regionId: z.uuid().nullable().optional(), atuId: z.uuid().nullable().optional(),
  contact: OptionalText(500),
  active: z.boolean().optional(),
}).strict().meta({ id: 'StateBodyEdit' });
export type StateBodyBody = z.infer<typeof StateBodyBody>;

export const StateBodyQuery = z.object({
  topic: SearchText(60).optional(),
  districtId: z.uuid().optional(),
  q: SearchText(200).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
}).strict();

// ─── Forwardings ────────────────────────────────────────────────────
export const FORWARDING_MISSING_VALUES = ['body', 'sent', 'initiator_notice'] as const;

export const Forwarding = z.object({
  id: z.uuid(), meetingId: z.uuid(), meetingNumber: z.string(), meetingDate: IsoDate,
  itemId: z.uuid(), itemReference: z.string(), itemText: z.string(), topic: z.string(), anonymous: z.boolean(),
  bodyId: z.uuid().nullable(), bodyNameKk: z.string().nullable(), bodyNameRu: z.string().nullable(),
  /**
   * Whether the chosen body is competent for the item's topic: false (a reason is needed) only for a
   * clear topic the body does not list; null until one is chosen, or when the topic names no body ("other").
   */
  competent: z.boolean().nullable(), competenceReason: z.string().nullable(),
  dueDate: IsoDate, letterNumber: z.string().nullable(), letterDate: IsoDate.nullable(), sentOn: IsoDate.nullable(),
  /** Sent after the 3 working days (APPK art. 65). */
  sentLate: z.boolean().nullable(),
  initiatorNoticeText: z.string().nullable(), initiatorChannel: z.string().nullable(), initiatorNotifiedOn: IsoDate.nullable(),
  status: FollowUpStatus,
  /** Sent, and the initiator told; only then is the forwarding done. */
  complete: z.boolean(),
  missing: z.array(z.enum(FORWARDING_MISSING_VALUES)),
  overdue: z.boolean(),
  /** The generated notice to the initiator naming the body (null until a body is chosen, or when anonymous). */
  noticeDraft: NoticeText.nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  /** What the user may do with it (`export`: download the letter to the body), from the access policy. */
  abilities: Abilities,
}).meta({ id: 'Forwarding' });
export type Forwarding = z.infer<typeof Forwarding>;

export const ForwardingPatchBody = z.object({
  bodyId: z.uuid().optional(),
  /** Why a body not competent for the item's clear topic is chosen anyway (for "other": an optional note). */
  competenceReason: OptionalText(2000),
  letterNumber: Text(100).optional(),
  letterDate: IsoDate.optional(),
  sentOn: IsoDate.optional(),
  initiatorNoticeText: OptionalText(5000),
  initiatorChannel: NoticeChannel.optional(),
  initiatorNotifiedOn: IsoDate.optional(),
  /** Language of the generated notice when no text is given. */
  lang: z.enum(['kk', 'ru']).optional(),
}).strict().meta({ id: 'ForwardingPatch' });
export type ForwardingPatchBody = z.infer<typeof ForwardingPatchBody>;

export const LetterQuery = z.object({ lang: z.enum(['kk', 'ru']).default('kk') }).strict();

// ─── Control ──────────────────────────────────────────────────────────
export const CONTROL_KIND_VALUES = ['decision', 'check', 'forwarding'] as const;
export const ControlKind = z.enum(CONTROL_KIND_VALUES);

/**
 * The board is a page of meetings (`page`, `pageSize` ≤ 100); `total` and `summary` count every
 * meeting and record the filters select, not only the page.
 */
export const ControlQuery = z.object({
  regionId: z.uuid().optional(), pointId: z.uuid().optional(), unitId: z.uuid().optional(), staffId: z.uuid().optional(), districtId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Only decisions, checks or forwardings. */
  kind: ControlKind.optional(),
  /** `open`: protocols being executed (protocol_signed); `closed`: executed ones; `all`. */
  status: z.enum(['open', 'closed', 'all']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const ControlEntry = z.object({
  kind: ControlKind, id: z.uuid(), reference: z.string(), text: z.string(),
  dueDate: IsoDate, status: FollowUpStatus, overdue: z.boolean(),
  responsible: z.string().nullable(),
  /** Decisions: when it was carried out; checks: when closed; forwardings: when sent. */
  doneOn: IsoDate.nullable(),
  verifiedAt: z.iso.datetime().nullable(),
}).meta({ id: 'ControlEntry' });

export const ControlMeeting = z.object({
  meetingId: z.uuid(), number: z.string(), date: IsoDate, status: z.string(),
  districts: z.array(z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() })),
  inspectors: z.array(z.object({ staffId: z.uuid(), fullName: z.string() })),
  total: z.number().int(), verified: z.number().int(), overdue: z.number().int(),
  entries: z.array(ControlEntry),
}).meta({ id: 'ControlMeeting' });

/** The records the filters select, by where they stand: open past the due date, open, done (to verify), verified. */
export const ControlSummary = z.object({
  overdue: z.number().int(), open: z.number().int(), done: z.number().int(), verified: z.number().int(),
}).meta({ id: 'ControlSummary' });

export const ControlBoard = z.object({
  today: IsoDate,
  /** Meetings the filters select (all pages). */
  total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  summary: ControlSummary,
  /**
   * The same per territory one level down — regions for the country, units for a region, points for
   * a unit (a meeting counts where its own first district lies) — null below a unit.
   */
  areas: z.object({
    level: z.enum(['region', 'unit', 'point']),
    items: z.array(z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string(), total: z.number().int(), summary: ControlSummary })),
  }).nullable(),
  /** This page: meetings with an overdue record first, then by the earliest due date. */
  meetings: z.array(ControlMeeting),
}).meta({ id: 'ControlBoard' });

export const VerifyBody = z.object({ kind: ControlKind, id: z.uuid() }).strict().meta({ id: 'ControlVerify' });
export const VerifyResult = z.object({
  kind: ControlKind, id: z.uuid(), status: z.literal('verified'), verifiedAt: z.iso.datetime(),
  /** Every decision, check and forwarding verified: the meeting moved to closed. */
  meetingClosed: z.boolean(),
}).meta({ id: 'VerifyResult' });

export const DecisionExecutionBody = z.object({ doneOn: IsoDate, note: OptionalText(2000) }).strict().meta({ id: 'DecisionExecutionEdit' });
/** What is recorded of a decision's execution: one shape for the mark and for reading it back. */
export const DecisionExecution = z.object({
  decisionId: z.uuid(), meetingId: z.uuid(), doneOn: IsoDate.nullable(), note: z.string().nullable(), verifiedAt: z.iso.datetime().nullable(),
  /** Who verified it (the point lead or above); null until verified. */
  verifiedByName: z.string().nullable(),
}).meta({ id: 'DecisionExecution' });

// ─── Working-day calendar ────────────────────────────────────────────────────
export const CALENDAR_DAY_KIND_VALUES = ['day_off', 'working_day'] as const;
export const CalendarDay = z.object({ date: IsoDate, kind: z.enum(CALENDAR_DAY_KIND_VALUES), note: z.string().nullable() }).meta({ id: 'CalendarDay' });
export const WorkingCalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export const WorkingCalendarPutQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const WorkingCalendarBody = z.object({
  days: z.array(z.object({ date: IsoDate, kind: z.enum(CALENDAR_DAY_KIND_VALUES), note: OptionalText(200) }).strict()).max(366),
}).strict().meta({ id: 'WorkingCalendarEdit' });
export const WorkingCalendarYear = z.object({
  year: z.number().int(),
  /** Rows configured for the year; false: the defaults computed from the law are shown. */
  configured: z.boolean(),
  days: z.array(CalendarDay),
  /** After a change: open checks and unsent forwardings whose due dates were recomputed. */
  moved: z.number().int().optional(),
}).meta({ id: 'WorkingCalendarYear' });
