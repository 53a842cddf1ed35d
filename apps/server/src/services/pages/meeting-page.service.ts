import { meetingPlaces, meetingRow, type MeetingPlace, type MeetingRow } from '@esep/db';
import type { ServiceContext } from '../context.ts';
import { publicFacts, type PublicMeeting } from '../holding/participant.service.ts';

/*
 * Issue 13: what the public meeting page (`/m/:id`, the poster's QR target) and its calendar
 * file show — the meeting's public facts, the districts and settlements it covers, and the
 * directions. No personal data: no participant, no inspector's name, no cancellation reason
 * (free text staff write for staff). Drafts are not public (R-27.1: a meeting is public once
 * it is planned for residents).
 */
export interface MeetingPageFacts extends Omit<PublicMeeting, 'status'> {
  status: MeetingRow['status'];
  directions: string | null;
  /** Bumped on every change of the meeting: the iCalendar SEQUENCE, as in the staff feeds. */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  places: MeetingPlace[];
  /**
   * The online link shown to everyone: it is printed on the poster once the meeting is
   * announced, so the page shows it from then on for an online or hybrid meeting, and
   * — as before — while self-registration is open. Only web links.
   */
  joinLink: string | null;
}

const WEB_LINK = /^https?:\/\//i;

export function publicJoinLink(row: Pick<MeetingRow, 'status' | 'format' | 'onlineLink'>, window: PublicMeeting['window']): string | null {
  if (!row.onlineLink || !WEB_LINK.test(row.onlineLink)) return null;
  if (row.format !== 'online' && row.format !== 'hybrid') return null;
  return row.status === 'announced' || (window === 'open' && row.status !== 'cancelled' && row.status !== 'postponed') ? row.onlineLink : null;
}

/** The public facts of one meeting for its page, or null when there is no such public meeting. */
export async function meetingPage(ctx: Pick<ServiceContext, 'db' | 'now'>, meetingId: string): Promise<MeetingPageFacts | null> {
  const row = await meetingRow(ctx.db, meetingId);
  if (!row || row.status === 'draft') return null;
  const facts = publicFacts(row, ctx.now());
  const places = await meetingPlaces(ctx.db, meetingId);
  return {
    ...facts, status: row.status, directions: row.directions, sequence: row.sequence, createdAt: row.createdAt, updatedAt: row.updatedAt,
    places, joinLink: publicJoinLink(row, facts.window),
  };
}
