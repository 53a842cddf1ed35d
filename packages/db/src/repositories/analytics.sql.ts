import type { Scope } from '@esep/domain';
import { sql, type SQL } from 'drizzle-orm';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { districtFilter, type BoardFilter } from './board.repository.ts';

/*
 * Issue 15: the SQL the analytics statements share (compliance, participation, items) — the
 * territory's districts with the child each belongs to, the quarters asked for, and the meetings
 * that count — so that the three endpoints count the same meetings in the same territory.
 */

/** The territory one level down whose figures are reported beside the total; null: none (a district). */
export type AnalyticsLevel = 'region' | 'unit' | 'point' | 'district';

/** What narrows the meetings counted besides the territory: their formats (none: every format). */
export interface AnalyticsFilter extends BoardFilter {
  formats?: readonly string[] | undefined;
}

const CHILD: Record<AnalyticsLevel, SQL> = {
  region: sql`${policeUnits.regionId}`, unit: sql`${policePoints.unitId}`, point: sql`${districts.pointId}`, district: sql`${districts.id}`,
};

/** The territory's districts (id, population) with the child each belongs to. */
export function territoryDistricts(scope: Scope, filter: BoardFilter, level: AnalyticsLevel | null): SQL {
  return sql`select ${districts.id} as id, ${districts.population} as population, ${level ? CHILD[level] : sql`null::uuid`} as child
    from ${districts}
      join ${policePoints} on ${policePoints.id} = ${districts.pointId}
      join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
    where ${districtFilter(scope, filter) ?? sql`true`}`;
}

export const quarterList = (quarterStarts: readonly string[]) => sql`(select unnest(array[${sql.join(quarterStarts.map((q) => sql`${q}::date`), sql`, `)}]) as quarter_start)`;

/** `format in (…)` over meetings aliased `m`, or true when every format counts. */
export const formatCondition = (formats: readonly string[] | undefined): SQL =>
  formats && formats.length > 0 ? sql`m.format::text in (${sql.join(formats.map((f) => sql`${f}`), sql`, `)})` : sql`true`;

/**
 * The meetings counted (expects the CTE `d` of territoryDistricts): held, protocol signed or
 * closed in the range; never practice or cancelled; an entry after the fact only once confirmed;
 * of the formats asked for. One row per meeting and child it covers (a joint meeting covering
 * districts of two children: two rows), with its quarter, format and whether one of the child's
 * districts it covers has a known population.
 */
export function countedMeetings(range: { from: string; to: string }, formats: readonly string[] | undefined): SQL {
  return sql`select m.id, date_trunc('quarter', m.start_date::timestamp)::date as quarter_start, d.child, m.status::text as status, m.start_date,
      m.format::text as format, bool_or(d.population is not null) as known
    from meetings m
      join meeting_districts md on md.meeting_id = m.id
      join d on d.id = md.district_id
      left join meeting_late_entries le on le.meeting_id = m.id
    where m.start_date >= ${range.from}::date and m.start_date <= ${range.to}::date and not m.practice
      and m.status in ('held', 'protocol_signed', 'closed') and (le.status is null or le.status = 'confirmed')
      and ${formatCondition(formats)}
    group by m.id, d.child`;
}

/**
 * Each counted meeting once for the whole territory (child null, total true) and once per child it
 * covers (expects the CTE `m` of countedMeetings): sums over these rows grouped by (quarter,
 * child, total) count a joint meeting once in the total and once per child.
 */
export const meetingsPerArea = (level: AnalyticsLevel | null) => sql`
  select id, quarter_start, null::uuid as child, true as total, format, bool_or(known) as known from m group by id, quarter_start, format
  ${level ? sql`union all select id, quarter_start, child, false as total, format, known from m` : sql``}`;

/** Area of a result row: null for the whole territory. */
export const areaOf = (row: Record<string, unknown>): string | null =>
  row.total === true || row.total === 't' || Number(row.total) === 1 ? null : (row.area as string);
