import { z } from 'zod';
import { PlainText } from './text.contract.ts';

/*
 * A meeting entered after the fact (held during an outage or without a connection): its entry,
 * as the meeting page shows it, and the bodies of the point lead's decisions. The bodies that
 * enter and correct the meeting itself extend the plan (meeting.contract.ts).
 */
export const LATE_ENTRY_STATUS_VALUES = ['pending', 'confirmed', 'returned', 'withdrawn'] as const;
export const LATE_ENTRY_ACTION_VALUES = ['confirm', 'return', 'correct', 'withdraw'] as const;

/** Why the meeting is entered after the fact, or why the lead returns it. */
export const LateReason = PlainText(1000);

export const LateEntryView = z.object({
  status: z.enum(LATE_ENTRY_STATUS_VALUES),
  reason: z.string(),
  /** When and by whom it was entered (the name as it was then). */
  enteredAt: z.iso.datetime(), enteredOn: z.string(), enteredBy: z.string(),
  /** Who must confirm it: the point lead of the meeting's point, when it has one. */
  confirmer: z.string().nullable(),
  /** The last decision: confirmed or returned, by whom, when, and a return's reason. */
  decidedAt: z.iso.datetime().nullable(), decidedBy: z.string().nullable(), returnReason: z.string().nullable(),
  /** What the current user may do with the entry now. */
  actions: z.array(z.enum(LATE_ENTRY_ACTION_VALUES)),
}).meta({ id: 'LateEntry' });
export type LateEntryView = z.infer<typeof LateEntryView>;

/** The lead returns an entry, or the inspector withdraws it: the reason is required. */
export const LateEntryReasonBody = z.object({ reason: LateReason }).strict().meta({ id: 'LateEntryReason' });
