import { z } from 'zod';
import { IsoDate } from './list.contract.ts';
import {
  AWARD_KIND_VALUES, AWARD_RECIPIENT_VALUES, ITEM_KIND_VALUES, ITEM_RESOLUTION_VALUES, PARTICIPANT_CATEGORY_VALUES,
} from './holding.contract.ts';
import { OptionalText, Text } from './text.contract.ts';

/*
 * what the protocol of a meeting records. Esep assembles it from the meeting (plan,
 * register, report, items, decisions, awards); while it is a draft the inspector may edit the
 * summary and remarks and re-assemble it; the first signature freezes its canonical form.
 */
const Named = z.object({ code: z.string(), nameKk: z.string(), nameRu: z.string() });

export const ProtocolContent = z.object({
  meeting: z.object({
    id: z.uuid(), number: z.string(), date: IsoDate, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }),
    format: z.string(), setting: z.string(), venueName: z.string().nullable(), venueAddress: z.string().nullable(), onlineLink: z.string().nullable(),
    districts: z.array(Named), point: Named, unit: Named,
  }),
  /** The reporting inspectors, who sign (a joint meeting has several). */
  /**
   * Rank and position are codes (staff.titles.ts; documents print their labels). Protocols signed
   * before issue 14 hold the rank as it was typed, usually the Kazakh label: signed content is never
   * rewritten, so readers relabel it with rankLabel/positionLabel.
   */
  reporters: z.array(z.object({ staffId: z.uuid(), fullName: z.string(), rank: z.string().nullable(), position: z.string(), districtCodes: z.array(z.string()) })),
  /** the size of the register, by category; names only in the internal annex. */
  participantCount: z.number().int(),
  participantsByCategory: z.partialRecord(z.enum(PARTICIPANT_CATEGORY_VALUES), z.number().int()),
  /** who of the required officials attended. */
  attendance: z.object({
    policeLeadership: z.boolean(), akimat: z.boolean(),
    officials: z.array(z.object({ category: z.string(), fullName: z.string(), organisation: z.string().nullable() })),
  }),
  /** The report's summary (typed by the inspector; pre-filled from the report's section headings). */
  reportSummary: z.string(),
  decisions: z.array(z.object({ number: z.number().int(), text: z.string(), responsible: z.string(), dueDate: IsoDate })),
  items: z.array(z.object({
    number: z.number().int(), reference: z.string(), kind: z.enum(ITEM_KIND_VALUES), topic: z.string(), text: z.string(),
    /** Anonymous, or "a resident" — the public copy never names anyone without consent. */
    raisedBy: z.string().nullable(),
    resolution: z.enum(ITEM_RESOLUTION_VALUES).nullable(), answer: z.string().nullable(),
    /** answered at the meeting / a check (R-32.4) / forwarded. */
    route: z.enum(['answered', 'check', 'forwarding', 'unclassified']),
  })),
  awards: z.array(z.object({ recipientKind: z.enum(AWARD_RECIPIENT_VALUES), recipientName: z.string(), reason: z.string(), awardKind: z.enum(AWARD_KIND_VALUES) })),
  remarks: z.string().nullable(),
  assembledAt: z.iso.datetime(),
  /**
   * Only for a meeting entered after the fact: when, by whom and why, and who confirmed it.
   * Absent otherwise, so the content (and hash) of every other protocol is unchanged.
   */
  lateEntry: z.object({
    enteredAt: z.iso.datetime(), enteredBy: z.string(), reason: z.string(),
    confirmedAt: z.iso.datetime().nullable(), confirmedBy: z.string().nullable(),
  }).optional(),
}).meta({ id: 'ProtocolContent' });
export type ProtocolContent = z.infer<typeof ProtocolContent>;

/** The parts of a draft protocol the inspector edits himself. */
export const ProtocolEditBody = z.object({
  reportSummary: Text(20_000, { multiline: true, min: 0 }).optional(),
  remarks: OptionalText(20_000),
  baseVersion: z.number().int().min(1).max(2 ** 31 - 1),
}).strict().meta({ id: 'ProtocolEdit' });
