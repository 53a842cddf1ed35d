import type { ControlKind, FollowUpStatus, ForwardingMissing, NoticeChannel } from './followup.api.ts';
import { PALETTE } from '../../app/design.ts';

/*
 * The follow-up API's enumerations, in the order the UI lists them. Written out rather than
 * imported from the contracts (whose zod schemas would come into the bundle with them);
 * `followup.locales.test.ts` checks they match.
 */
export const NOTICE_CHANNELS = ['in_person', 'phone', 'sms', 'email', 'post', 'messenger', 'egov'] as const satisfies readonly NoticeChannel[];
export const FOLLOW_UP_STATUSES = ['open', 'done', 'verified'] as const satisfies readonly FollowUpStatus[];
export const CONTROL_KINDS = ['decision', 'check', 'forwarding'] as const satisfies readonly ControlKind[];
export const FORWARDING_MISSING = ['body', 'sent', 'initiator_notice'] as const satisfies readonly ForwardingMissing[];
export const CALENDAR_DAY_KINDS = ['day_off', 'working_day'] as const;
export const RETENTION_KIND_LIST = ['video', 'paper_sheet', 'source_attachment', 'publication_proof'] as const;

/** The control board's summary: what is late, what is being worked on, done, and verified. */
export const BOARD_STATES = ['overdue', 'open', 'done', 'verified'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

export const BOARD_COLORS: Record<BoardState, string> = { overdue: PALETTE.danger, open: PALETTE.info, done: PALETTE.done, verified: PALETTE.success };
export const STATUS_COLORS: Record<FollowUpStatus, string> = { open: PALETTE.info, done: PALETTE.done, verified: PALETTE.success };

/** Where an entry stands on the board: overdue wins over open. */
export function boardState(entry: { status: FollowUpStatus; overdue: boolean }): BoardState {
  if (entry.status === 'open' && entry.overdue) return 'overdue';
  return entry.status;
}
