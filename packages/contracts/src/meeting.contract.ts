import { COMPLIANCE_LINES } from '@esep/domain';
import { z } from 'zod';
import { Abilities } from './access.contract.ts';
import { MeetingAgreement } from './agreement.contract.ts';
import { LATE_ENTRY_STATUS_VALUES, LateEntryView, LateReason } from './late-entry.contract.ts';
import { Instant, IsoDate, listQuery, page } from './list.contract.ts';
import { OptionalLine, OptionalText, PlainText, refuseControl, Text } from './text.contract.ts';

export const MEETING_STATUS_VALUES = ['draft', 'scheduled', 'announced', 'held', 'protocol_signed', 'closed', 'postponed', 'cancelled'] as const;
export const MEETING_ACTION_VALUES = ['schedule', 'announce', 'hold', 'signProtocol', 'close', 'postpone', 'reschedule', 'cancel'] as const;
export const SETTING_VALUES = ['gathering', 'akim_meeting', 'initiative_meeting'] as const;
export const FORMAT_VALUES = ['indoor', 'open_air', 'online', 'hybrid'] as const;
export const CHANNEL_VALUES = ['mass_media', 'social_network', 'organisation', 'esep_page'] as const;
export const INVITATION_CATEGORY_VALUES = [
  'police_leadership', 'akimat', 'maslikhat_deputy', 'public', 'health_care', 'labour_social', 'education_science',
  'agriculture', 'housing_communal', 'organisation', 'mass_media',
] as const;
/** categories that must be invited; the rest are by agreement. */
export const REQUIRED_INVITATION_CATEGORIES = ['police_leadership', 'akimat'] as const;
export const INVITATION_STATUS_VALUES = ['draft', 'sent', 'accepted', 'declined', 'attended', 'absent'] as const;
export const OBLIGATION_STATUS_VALUES = ['met', 'held', 'scheduled', 'at_risk', 'open', 'missed'] as const;
export const MEETING_TASK_VALUES = ['plan', 'announce', 'invite', 'prepare', 'hold', 'protocol', 'followup'] as const;
export const TASK_STATUS_VALUES = ['done', 'current', 'available', 'waiting', 'todo', 'blocked', 'skipped'] as const;
export const NEXT_ACTION_VALUES = ['announce', 'invite', 'edit_plan', 'open_live', 'hold', 'open_protocol', 'follow_up', 'none'] as const;
export const CHECK_STATUS_VALUES = ['met', 'not_met', 'pending', 'not_applicable'] as const;

/** Issue 13: the longest `directions` (the way to the venue) a plan may carry; the web form limits its field to it. */
export const MEETING_DIRECTIONS_MAX = 1000;

const Ref = z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() });
const StaffRef = z.object({ id: z.uuid(), code: z.string(), fullName: z.string() });
const Localised = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
/**
 * A meeting's district with the settlement (administrative-territorial unit) it lies in: screens
 * title a meeting by them and its date ("Шамалған а.о., №11 учаске — 17 желтоқсан, 18:00"), not
 * by its registration number (issue 14).
 */
export const MeetingDistrict = Ref.extend({ atu: z.object({ nameKk: z.string(), nameRu: z.string() }) });

export const MeetingInspectorInput = z.object({ districtId: z.uuid(), staffId: z.uuid(), acting: z.boolean().default(false) }).strict();

/** The plan of a meeting: one schema for create (all fields) and edit (partial). */
export const MeetingPlanBody = z.object({
  districtIds: z.array(z.uuid()).min(1).max(12),
  setting: z.enum(SETTING_VALUES),
  convenerAtuId: z.uuid().nullable().optional(),
  membersCount: z.number().int().min(1).max(1_000_000).nullable().optional(),
  initiatorsCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
  initiators: z.array(Text(200)).max(500).optional(),
  format: z.enum(FORMAT_VALUES),
  onlineLink: z.url().max(500).superRefine(refuseControl(false)).nullable().optional(),
  weatherConsidered: z.boolean().nullable().optional(),
  venueName: OptionalLine(300),
  venueAddress: OptionalLine(500),
  venueCapacity: z.number().int().min(1).max(100_000).nullable().optional(),
  /** Issue 13: how to find the venue (entrance, landmark, bus stop) for the public meeting page; omitted = unchanged. */
  directions: OptionalText(MEETING_DIRECTIONS_MAX),
  expectedParticipants: z.number().int().min(1).max(100_000).nullable().optional(),
  startsAt: Instant,
  endsAt: Instant,
  /** Acting inspectors for vacant districts, or explicit reporters; others come from assignments. */
  inspectors: z.array(MeetingInspectorInput).max(12).optional(),
  /** Issue 14: a practice meeting (set at creation only): never counted, held at once. */
  practice: z.boolean().optional(),
}).strict().meta({ id: 'MeetingPlan' });
export type MeetingPlanBody = z.infer<typeof MeetingPlanBody>;

export const MeetingTransitionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('schedule') }).strict(),
  z.object({
    action: z.literal('announce'),
    /** Issue 14: the publication that gives notice, recorded in the same step. */
    publication: z.lazy(() => AnnouncementBody).optional(),
    /** Issue 14: invite the unit head and the akimat in Esep in the same step; Esep sends them. */
    inviteRequired: z.boolean().optional(),
  }).strict(),
  z.object({ action: z.literal('hold') }).strict(),
  z.object({ action: z.literal('postpone'), reason: PlainText(1000), startsAt: Instant.optional(), endsAt: Instant.optional() }).strict(),
  z.object({ action: z.literal('reschedule'), startsAt: Instant, endsAt: Instant }).strict(),
  z.object({ action: z.literal('cancel'), reason: PlainText(1000) }).strict(),
]).meta({ id: 'MeetingTransition' });

export const Check = z.object({
  key: z.string(), rule: z.string(), status: z.enum(CHECK_STATUS_VALUES), message: z.string(), reference: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
}).meta({ id: 'Check' });

export const Announcement = z.object({
  id: z.uuid(), channel: z.enum(CHANNEL_VALUES), outlet: z.string(), publishedOn: IsoDate, reference: z.string().nullable(),
  counts: z.boolean(), voided: z.boolean(), createdAt: z.iso.datetime(), hasProof: z.boolean(),
}).meta({ id: 'Announcement' });
export const AnnouncementBody = z.object({
  channel: z.enum(CHANNEL_VALUES), outlet: Text(300), publishedOn: IsoDate,
  reference: OptionalText(1000),
}).strict().meta({ id: 'AnnouncementCreate' });

export const Invitation = z.object({
  id: z.uuid(), meetingId: z.uuid(), category: z.enum(INVITATION_CATEGORY_VALUES), required: z.boolean(),
  organisation: z.string(), personName: z.string(), contact: z.string().nullable(), status: z.enum(INVITATION_STATUS_VALUES),
  addresseeUserId: z.uuid().nullable(), respondedAt: z.iso.datetime().nullable(), note: z.string().nullable(),
}).meta({ id: 'Invitation' });
export const InvitationBody = z.object({
  category: z.enum(INVITATION_CATEGORY_VALUES), organisation: Text(300),
  personName: Text(200), contact: OptionalLine(200),
  addresseeUserId: z.uuid().nullable().optional(),
}).strict().meta({ id: 'InvitationCreate' });
export const InvitationStatusBody = z.object({
  status: z.enum(INVITATION_STATUS_VALUES), note: OptionalText(1000),
}).strict().meta({ id: 'InvitationStatusChange' });
export const InvitationAnswerBody = z.object({
  answer: z.enum(['accepted', 'declined']), note: OptionalText(1000),
}).strict().meta({ id: 'InvitationAnswer' });

export const Conflict = z.object({
  kind: z.enum(['inspector_overlap', 'venue_double_booked', 'same_quarter']),
  meetingId: z.uuid(), number: z.string(), startsAt: z.iso.datetime(),
}).meta({ id: 'Conflict' });

export const MeetingEvent = z.object({
  action: z.string(), fromStatus: z.enum(MEETING_STATUS_VALUES).nullable(), toStatus: z.enum(MEETING_STATUS_VALUES),
  reason: z.string().nullable(), previousStartsAt: z.iso.datetime().nullable(), at: z.iso.datetime(),
});

export const MeetingSummary = z.object({
  id: z.uuid(), number: z.string(), status: z.enum(MEETING_STATUS_VALUES), setting: z.enum(SETTING_VALUES), format: z.enum(FORMAT_VALUES),
  startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), startDate: IsoDate,
  /** The same instants as Asia/Almaty reads them, with the offset: what a screen shows, never computed by a client. */
  startsAtLocal: z.iso.datetime({ offset: true }).describe('startsAt in Asia/Almaty, e.g. 2026-12-24T18:00:00+05:00'),
  endsAtLocal: z.iso.datetime({ offset: true }).describe('endsAt in Asia/Almaty'),
  venueName: z.string().nullable(), venueAddress: z.string().nullable(),
  districts: z.array(MeetingDistrict), inspectors: z.array(StaffRef.extend({ districtId: z.uuid(), acting: z.boolean() })),
  point: Ref,
  /** Set when the meeting was entered after the fact: the flag lists and calendars show. */
  lateEntry: z.enum(LATE_ENTRY_STATUS_VALUES).nullable(),
  /** Issue 14: a practice meeting — never counted, marked wherever it is shown. */
  practice: z.boolean(),
}).meta({ id: 'MeetingSummary' });

export const MeetingDetail = MeetingSummary.extend({
  convenerAtu: Ref.nullable(), membersCount: z.number().int().nullable(), initiatorsCount: z.number().int().nullable(),
  initiators: z.array(z.string()), onlineLink: z.string().nullable(), weatherConsidered: z.boolean().nullable(),
  venueCapacity: z.number().int().nullable(), expectedParticipants: z.number().int().nullable(),
  directions: z.string().nullable(),
  reason: z.string().nullable(), sequence: z.number().int(),
  notice: z.object({ deadline: IsoDate, daysLeft: z.number().int(), given: z.boolean() }),
  checklist: z.array(Check), announcements: z.array(Announcement), invitations: z.array(Invitation),
  events: z.array(MeetingEvent), conflicts: z.array(Conflict),
  /** R-27.4: the other reporting inspectors' agreements to a joint meeting (empty: none asked). */
  agreements: z.array(MeetingAgreement),
  availableActions: z.array(z.enum(MEETING_ACTION_VALUES)), abilities: Abilities,
  publicUrl: z.string(),
  /** the size of the participant register. */
  participantCount: z.number().int(),
  holding: z.object({ items: z.number().int(), unclassified: z.number().int(), decisions: z.number().int(), awards: z.number().int(), carried: z.number().int() }),
  /** The entry after the fact: reason, who and when, and its confirmation. */
  enteredLate: LateEntryView.nullable(),
  /** Issue 14: the outlet of the districts' last publication, the default of this meeting's (R-27.1). */
  lastPublication: z.object({ channel: z.enum(CHANNEL_VALUES), outlet: z.string() }).nullable(),
  /** Issue 14: the meeting as a task list, and the next action that succeeds now (`from`: when it becomes possible). */
  tasks: z.object({
    steps: z.array(z.object({ key: z.enum(MEETING_TASK_VALUES), status: z.enum(TASK_STATUS_VALUES), rule: z.string() })),
    next: z.object({ action: z.enum(NEXT_ACTION_VALUES), step: z.enum(MEETING_TASK_VALUES).nullable(), from: z.iso.datetime().nullable(), fromLocal: z.string().nullable() }),
  }),
}).meta({ id: 'MeetingDetail' });

export const MeetingListQuery = listQuery(['startsAt', 'number', 'status']).extend({
  from: IsoDate.optional(), to: IsoDate.optional(), districtId: z.uuid().optional(), pointId: z.uuid().optional(),
  unitId: z.uuid().optional(), staffId: z.uuid().optional(), status: z.enum(MEETING_STATUS_VALUES).optional(),
  /** Meetings entered after the fact (`any`), or those in one state — `pending` is the lead's queue. */
  lateEntry: z.enum(['any', ...LATE_ENTRY_STATUS_VALUES]).optional(),
  /** Issue 15: the meetings of a region (its own region). */
  regionId: z.uuid().optional(),
  /**
   * Issue 15: only the meetings the analytics count — held, protocol signed or closed; not practice;
   * an entry after the fact once confirmed — the list behind an analytics figure.
   */
  counted: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  /**
   * Issue 15: the meetings behind a checklist line's figure — those judged for the line (R-27.1,
   * ), met or not met with `met`.
   */
  rule: z.enum(COMPLIANCE_LINES.map((l) => l.rule)).optional(),
  met: z.enum(['true', 'false']).optional(),
}).strict();
export const MeetingPage = page(MeetingSummary).meta({ id: 'MeetingPage' });

/** A quarter, e.g. 2026-Q4, of the years dates may fall in (YEAR_MIN–YEAR_MAX). */
export const QuarterKey = z.string().regex(/^(19|2\d)\d\d-Q[1-4]$/, 'YYYY-Qn');
/**
 * The quarter board is a page of districts: `status`, `q` (district code or name) and
 * the territory filters select them, `sort` orders them (`status`: by severity, missed last;
 * `-status` worst first). Counts are exact over every district the territory filters and `q`
 * select, whatever the page and the status filter.
 */
export const ObligationQuery = listQuery(['code', 'nameKk', 'nameRu', 'status']).extend({
  quarter: QuarterKey.optional(), regionId: z.uuid().optional(), pointId: z.uuid().optional(), unitId: z.uuid().optional(), districtId: z.uuid().optional(),
  status: z.enum(OBLIGATION_STATUS_VALUES).optional(),
  /** Keyset paging: `nextCursor` of the previous page (then `page` is not used). */
  cursor: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/).optional(),
}).strict();
const ObligationCounts = z.record(z.enum(OBLIGATION_STATUS_VALUES), z.number().int());
export const CONFLICT_KIND_VALUES = ['inspector_overlap', 'venue_double_booked', 'same_quarter'] as const;
/** At most this many clashes are listed; `conflicts.total` and `conflicts.counts` count them all. */
export const BOARD_CONFLICT_LIMIT = 100;
export const ObligationBoard = z.object({
  quarter: QuarterKey, today: IsoDate, atRiskDays: z.number().int(), lastAnnounceDate: IsoDate,
  /** Districts by status (before the status filter). */
  counts: ObligationCounts,
  /** Districts the filters select (all pages), and this page of them. */
  total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  /** The cursor of the page after this one (keyset: stable however far one pages), null on the last page. */
  nextCursor: z.string().nullable(),
  districts: z.array(z.object({
    district: Ref, point: Ref, inspector: StaffRef.nullable(), status: z.enum(OBLIGATION_STATUS_VALUES),
    daysToAnnounce: z.number().int().nullable(), meetings: z.array(z.object({
      id: z.uuid(), number: z.string(), status: z.enum(MEETING_STATUS_VALUES), startsAt: z.iso.datetime(),
      /** Entered after the fact: counts for the quarter once confirmed. */
      lateEntry: z.enum(LATE_ENTRY_STATUS_VALUES).nullable(),
    })),
  })),
  /** The same counts per territory one level down (regions for the country, units for a region, points for a unit); null below. */
  areas: z.object({
    level: z.enum(['region', 'unit', 'point']),
    items: z.array(Ref.extend({ total: z.number().int(), counts: ObligationCounts })),
  }).nullable(),
  /**
   * Inspectors by status (all of them), and those answering for this page's districts: for a police
   * unit or less (null on a region's or the country's board, which drills down to them).
   */
  inspectors: z.object({
    total: z.number().int(), counts: ObligationCounts,
    items: z.array(z.object({ staff: StaffRef, status: z.enum(OBLIGATION_STATUS_VALUES), districtIds: z.array(z.uuid()) })),
  }).nullable(),
  /** Clashes between the quarter's meetings of the territory: all counted, the earliest listed; for a police unit or less, like `inspectors`. */
  conflicts: z.object({
    total: z.number().int(), counts: z.record(z.enum(CONFLICT_KIND_VALUES), z.number().int()),
    items: z.array(Conflict.extend({ withMeetingId: z.uuid(), withNumber: z.string() })),
  }).nullable(),
}).meta({ id: 'ObligationBoard' });

export const PreferredHoursBody = z.array(z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
}).strict()).max(14).meta({ id: 'PreferredHours' });

/**
 * A meeting entered after the fact: the plan of what took place, why it is entered late, and the
 * publications that announced it (R-27.1: judged from their dates exactly as for any meeting).
 */
export const LateEntryBody = MeetingPlanBody.extend({
  lateReason: LateReason,
  publications: z.array(AnnouncementBody).max(20).default([]),
}).strict().meta({ id: 'LateEntryCreate' });
export type LateEntryBody = z.infer<typeof LateEntryBody>;

/** The inspector corrects an entry (pending or returned) and sends it for confirmation again. */
export const LateEntryCorrectionBody = MeetingPlanBody.extend({ lateReason: LateReason }).strict().meta({ id: 'LateEntryCorrection' });
export type LateEntryCorrectionBody = z.infer<typeof LateEntryCorrectionBody>;

export { Localised };
