import { z } from 'zod';
import { AGREEMENT_STATUSES, MEETING_STATUSES } from '@esep/domain';
import { PlainText } from './text.contract.ts';

/** the agreement of a joint meeting's other reporting inspector. */
export const AGREEMENT_STATUS_VALUES = AGREEMENT_STATUSES;

const Ref = z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() });

export const MeetingAgreement = z.object({
  id: z.uuid(), meetingId: z.uuid(),
  district: Ref,
  /** The inspector asked: who reports on the district on the meeting date. */
  staff: z.object({ id: z.uuid(), code: z.string(), fullName: z.string() }),
  status: z.enum(AGREEMENT_STATUS_VALUES),
  /** Why he declined. */
  reason: z.string().nullable(),
  askedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  /** Who answered; `onBehalf` when it was not the inspector himself (his point lead or the leadership above). */
  answeredBy: z.object({ id: z.uuid(), displayName: z.string(), onBehalf: z.boolean() }).nullable(),
  /** The current user may answer it now (he is asked or answers for him, and the meeting is still being planned). */
  canAnswer: z.boolean(),
}).meta({ id: 'MeetingAgreement' });

/** Accept, or decline with the reason (the planner sees it and drops the district or cancels). */
export const AgreementAnswerBody = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accepted') }).strict(),
  z.object({ answer: z.literal('declined'), reason: PlainText(1000) }).strict(),
]).meta({ id: 'AgreementAnswer' });

/** `GET /agreements/mine`: an agreement the user answers, with its meeting. */
export const MyAgreement = MeetingAgreement.extend({
  meeting: z.object({
    id: z.uuid(), number: z.string(), status: z.enum(MEETING_STATUSES), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(),
    venueName: z.string().nullable(), venueAddress: z.string().nullable(),
  }),
  /** Who planned the meeting (his display name), when known. */
  plannedBy: z.string().nullable(),
}).meta({ id: 'MyAgreement' });
export const MyAgreements = z.object({ items: z.array(MyAgreement) }).meta({ id: 'MyAgreements' });
