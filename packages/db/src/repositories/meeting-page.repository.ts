import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { meetingDistricts } from '../schema/meeting.schema.ts';
import { atus, districts } from '../schema/org.schema.ts';

/**
 * Issue 13: the districts a meeting covers with the settlement (ATU) each lies in, for the
 * public meeting page's title ("Шамалған ауылдық округі, №11 әкімшілік учаске") and its links to
 * the district pages. Names and codes only: nothing about people.
 */
export async function meetingPlaces(db: Executor, meetingId: string) {
  return db.select({
    code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu, atuNameKk: atus.nameKk, atuNameRu: atus.nameRu,
  }).from(meetingDistricts)
    .innerJoin(districts, eq(districts.id, meetingDistricts.districtId))
    .innerJoin(atus, eq(atus.id, districts.atuId))
    .where(eq(meetingDistricts.meetingId, meetingId))
    .orderBy(asc(districts.code));
}
export type MeetingPlace = Awaited<ReturnType<typeof meetingPlaces>>[number];
