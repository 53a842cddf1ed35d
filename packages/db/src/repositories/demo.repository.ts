import type { Executor } from '../client.ts';
import { meetingAwards, meetingDecisions, meetingItems, participants } from '../schema/holding.schema.ts';

/**
 * Bulk inserts for the demo region's example meetings (the services write one record at a
 * time with their checks; the demo writes a finished meeting at once).
 */
export async function insertDemoHolding(db: Executor, rows: {
  participants: Array<typeof participants.$inferInsert>;
  items: Array<typeof meetingItems.$inferInsert>;
  decisions: Array<typeof meetingDecisions.$inferInsert>;
  awards: Array<typeof meetingAwards.$inferInsert>;
}) {
  const inserted = rows.participants.length ? await db.insert(participants).values(rows.participants).returning({ id: participants.id, number: participants.number }) : [];
  if (rows.items.length) await db.insert(meetingItems).values(rows.items);
  if (rows.decisions.length) await db.insert(meetingDecisions).values(rows.decisions);
  if (rows.awards.length) await db.insert(meetingAwards).values(rows.awards);
  return inserted;
}
