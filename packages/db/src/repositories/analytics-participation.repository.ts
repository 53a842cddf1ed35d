import type { Scope } from '@esep/domain';
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { areaOf, countedMeetings, meetingsPerArea, territoryDistricts, type AnalyticsFilter, type AnalyticsLevel } from './analytics.sql.ts';

/*
 * Issue 15: participation — the registered participants of the meetings counted as the
 * compliance analytics count them, per quarter, area and meeting format.
 */

export interface ParticipationRow {
  quarterStart: string; area: string | null; format: string;
  meetings: number; participants: number; residents: number;
  /** Residents of the meetings covering a district (of the area) whose population is known. */
  residentsKnown: number;
}

/**
 * One row per quarter, area (null: the whole territory) and format that had a meeting: a joint
 * meeting counts once in the total and once per child it covers, with all its participants.
 */
export async function participationCounts(db: Executor, scope: Scope, filter: AnalyticsFilter, level: AnalyticsLevel | null, range: { from: string; to: string }): Promise<ParticipationRow[]> {
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    with d as (${territoryDistricts(scope, filter, level)}),
    m as (${countedMeetings(range, filter.formats)}),
    per as (${meetingsPerArea(level)}),
    pc as (
      select p.meeting_id, count(*)::int as participants, count(*) filter (where p.category = 'resident')::int as residents
      from participants p where p.meeting_id in (select id from m) group by p.meeting_id
    )
    select per.quarter_start::text as quarter_start, per.child as area, per.total, per.format,
      count(*)::int as meetings, coalesce(sum(pc.participants), 0)::int as participants, coalesce(sum(pc.residents), 0)::int as residents,
      coalesce(sum(pc.residents) filter (where per.known), 0)::int as residents_known
    from per left join pc on pc.meeting_id = per.id
    group by per.quarter_start, per.child, per.total, per.format`));
  return rows.map((r) => ({
    quarterStart: String(r.quarter_start).slice(0, 10), area: areaOf(r), format: String(r.format),
    meetings: Number(r.meetings), participants: Number(r.participants), residents: Number(r.residents), residentsKnown: Number(r.residents_known),
  }));
}
