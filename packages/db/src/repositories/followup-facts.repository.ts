import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { meetingDecisions, meetingItems } from '../schema/holding.schema.ts';
import { checks, decisionControls, forwardings, protocols, videos } from '../schema/protocol.schema.ts';

/**
 * What the checklist needs about the protocol and its follow-up (R-32.1, R-32.3, R-32.4,
 * ), in one query of counts.
 */
export async function followUpFacts(db: Executor, meetingId: string) {
  const [row] = await db.select({
    protocolStatus: sql<string | null>`(select ${protocols.status}::text from ${protocols} where ${protocols.meetingId} = ${meetingId})`,
    protocolLate: sql<boolean | null>`(select ${protocols.late} from ${protocols} where ${protocols.meetingId} = ${meetingId})`,
    lateReason: sql<string | null>`(select ${protocols.lateReason} from ${protocols} where ${protocols.meetingId} = ${meetingId})`,
    videos: sql<number>`(select count(*)::int from ${videos} where ${videos.meetingId} = ${meetingId} and ${videos.status} = 'complete')`,
    toCheck: sql<number>`(select count(*)::int from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId} and ${meetingItems.resolution} = 'to_check')`,
    checks: sql<number>`(select count(*)::int from ${checks} where ${checks.meetingId} = ${meetingId})`,
    checksVerified: sql<number>`(select count(*)::int from ${checks} where ${checks.meetingId} = ${meetingId} and ${checks.status} = 'verified')`,
    toForward: sql<number>`(select count(*)::int from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId} and ${meetingItems.resolution} = 'to_forward')`,
    forwardings: sql<number>`(select count(*)::int from ${forwardings} where ${forwardings.meetingId} = ${meetingId})`,
    forwardingsNotified: sql<number>`(select count(*)::int from ${forwardings} f join ${meetingItems} i on i.id = f.item_id where f.meeting_id = ${meetingId} and f.sent_on is not null and (f.initiator_notified_on is not null or i.participant_id is null))`,
    forwardingsVerified: sql<number>`(select count(*)::int from ${forwardings} where ${forwardings.meetingId} = ${meetingId} and ${forwardings.status} = 'verified')`,
    decisions: sql<number>`(select count(*)::int from ${meetingDecisions} where ${meetingDecisions.meetingId} = ${meetingId})`,
    decisionsVerified: sql<number>`(select count(*)::int from ${decisionControls} where ${decisionControls.meetingId} = ${meetingId} and ${decisionControls.verifiedAt} is not null)`,
  }).from(sql`(select 1) as one`);
  return row!;
}
export type FollowUpFacts = Awaited<ReturnType<typeof followUpFacts>>;
