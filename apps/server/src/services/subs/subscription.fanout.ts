import { almatyDate, almatyDateTime, addDays, maskSubscriberAddress } from '@esep/domain';
import {
  announcedMeetingsOn, hasSubscriberAnnouncement, insertAnnouncement, insertDeliveries, meetingDistrictCodes, meetingRow,
  subscribersOfMeeting, type Executor,
} from '@esep/db';
import type { SubscriptionMessageKind } from '@esep/contracts';
import { QUEUES, type JobQueue } from '../../jobs/job.queue.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * Issue 13, part 4: what a meeting's change sends to the residents subscribed to its districts.
 * Called inside the transaction of the change itself (announce, postpone, cancel, protocol
 * signed), so the messages are queued exactly when the change commits, and never without it.
 * One delivery row per subscription, keyed (subscription, meeting, event, sequence): a retried
 * job, a second process or a second scan finds the key taken and queues nothing.
 */
export type SubscriberEvent = 'announced' | 'changed' | 'postponed' | 'cancelled' | 'reminder' | 'outcomes';

const WANTS: Record<SubscriberEvent, string> = {
  announced: 'announcements', changed: 'announcements', postponed: 'announcements', cancelled: 'announcements', reminder: 'reminder', outcomes: 'outcomes',
};

/** The part of the job queue the fan-out needs (absent: the rows wait for the sweep to wake them). */
export type Waker = Pick<JobQueue, 'send'> | undefined;

/** Queues one message per confirmed subscriber of the meeting's districts who wants `event`; answers how many subscribers. */
export async function fanOut(tx: Executor, ctx: Pick<ServiceContext, 'now'>, jobs: Waker, meetingId: string, event: SubscriberEvent): Promise<number> {
  const subs = await subscribersOfMeeting(tx, meetingId, WANTS[event]);
  if (!subs.length) return 0;
  const meeting = await meetingRow(tx, meetingId);
  if (!meeting) return 0;
  const codes = await meetingDistrictCodes(tx, meetingId);
  const codeOf = new Map(codes.map((d) => [d.id, d.code]));
  const local = almatyDateTime(meeting.startsAt);
  const params = {
    districts: codes.map((d) => d.code).join(', '),
    when: `${local.slice(0, 10)} ${local.slice(11, 16)}`,
    place: meeting.venueAddress ?? (meeting.format === 'online' ? 'online' : '—'),
  };
  const now = ctx.now();
  const kind: SubscriptionMessageKind = `sub_${event}`;
  const rows = subs.filter((s) => s.address).map((s) => {
    const code = codeOf.get(s.districtId) ?? codes[0]?.code ?? '';
    return {
      notificationId: null, userId: null, subscriptionId: s.id, kind, channel: s.channel,
      idempotencyKey: `sub:${s.id}:${meetingId}:${event}:${meeting.sequence}`,
      status: 'queued' as const, addressMask: s.addressMask ?? maskSubscriberAddress(s.channel, s.address!), attempts: 0, nextAttemptAt: now, error: null,
      payload: { meetingId, params: { ...params, link: event === 'outcomes' ? `/d/${code}/outcomes` : `/d/${code}` } },
      createdAt: now, updatedAt: now,
    };
  });
  const inserted = await insertDeliveries(tx, rows);
  if (jobs) for (const d of inserted) await jobs.send(tx, QUEUES.deliver, { deliveryId: d.id });
  return subs.length;
}

/**
 * Esep's own messages to the district's subscribers are one of the meeting's
 * announcement channels; the announcement fan-out records it with the date the messages were
 * queued (Almaty), once per announcement (a postponement voids it with the others), and only
 * when someone was told.
 */
export async function recordSubscriberAnnouncement(tx: Executor, now: Date, meetingId: string, subscribers: number): Promise<void> {
  if (subscribers < 1 || await hasSubscriberAnnouncement(tx, meetingId)) return;
  await insertAnnouncement(tx, {
    meetingId, channel: 'esep_page', outlet: `Esep: ${subscribers} subscribers`, publishedOn: almatyDate(now), reference: null, createdAt: now,
  });
}

/** The meeting action's message to subscribers, if it has one (only what residents were told of changes). */
export function eventOf(action: string, fromStatus: string): SubscriberEvent | null {
  if (action === 'announce') return fromStatus === 'postponed' ? 'changed' : 'announced';
  if (action === 'postpone' && fromStatus === 'announced') return 'postponed';
  if (action === 'cancel' && (fromStatus === 'announced' || fromStatus === 'postponed')) return 'cancelled';
  return null;
}

/** After 10:00 Almaty, the meetings of tomorrow remind their subscribers. */
export const DAY_BEFORE_FROM = '10:00';

/** The day-before scan (scheduled; every process may run it, the keys make it once). */
export async function scanDayBefore(ctx: ServiceContext, jobs: Waker): Promise<number> {
  const now = ctx.now();
  const local = almatyDateTime(now);
  if (local.slice(11, 16) < DAY_BEFORE_FROM) return 0;
  let told = 0;
  for (const m of await announcedMeetingsOn(ctx.db, addDays(almatyDate(now), 1))) {
    told += await inTransaction(ctx, (tx) => fanOut(tx, ctx, jobs, m.id, 'reminder'));
  }
  return told;
}
