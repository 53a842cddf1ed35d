import type { Scope } from '@esep/domain';
import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { districtQuarterCompliance as dqc } from '../schema/analytics.schema.ts';
import { areaOf, formatCondition, quarterList, territoryDistricts, type AnalyticsFilter, type AnalyticsLevel } from './analytics.sql.ts';
import { scopeCondition } from './scope.repository.ts';

export type { AnalyticsFilter, AnalyticsLevel } from './analytics.sql.ts';

/*
 * Issue 15 (part 1): compliance analytics computed from the records, one statement per figure
 * group, scoped to the user's territory (and the narrower filter) by the same condition as the
 * quarter board. Each statement answers per quarter for the whole territory and per territory one
 * level down (GROUPING SETS), so the service never adds figures up itself: a joint meeting
 * covering districts of two children counts once for each child and once for the territory.
 * Participation and items: analytics-participation.repository.ts, analytics-items.repository.ts.
 */

/** The territory's districts' population (null: none known) as a whole (area null) and per child. */
export interface AreaRow { area: string | null; districts: number; population: number | null }

export async function territoryAreas(db: Executor, scope: Scope, filter: AnalyticsFilter, level: AnalyticsLevel | null): Promise<AreaRow[]> {
  const rows = rowsOf<{ area: string | null; total: number; districts: number; population: number | null }>(await db.execute(sql`
    with d as (${territoryDistricts(scope, filter, level)})
    select d.child as area, grouping(d.child) as total, count(*)::int as districts, sum(d.population)::bigint as population
    from d group by grouping sets ((), (d.child))`));
  return rows.filter((r) => level !== null || Number(r.total) === 1)
    .map((r) => ({ area: areaOf(r), districts: Number(r.districts), population: r.population == null ? null : Number(r.population) }));
}

/** One row per quarter (area null: the whole territory) and per quarter and child. */
export interface ObligationRow { quarterStart: string; area: string | null; districts: number; met: number }

/**
 * R-22.13 per quarter: the territory's districts, and those with a held and signed meeting in the
 * quarter — read from district_quarter_facts (kept current by triggers in the same transaction;
 * practice meetings and unconfirmed entries after the fact are already left out there).
 */
export async function obligationCounts(db: Executor, scope: Scope, filter: AnalyticsFilter, level: AnalyticsLevel | null, quarterStarts: readonly string[]): Promise<ObligationRow[]> {
  // Narrowed to some formats, the rollup (which counts every format) cannot answer: the signed
  // meetings of those formats are read from the records, under the same conditions.
  const signed = filter.formats && filter.formats.length > 0
    ? sql`left join lateral (select count(*) as signed from meeting_districts md join meetings m on m.id = md.meeting_id
        left join meeting_late_entries le on le.meeting_id = m.id
        where md.district_id = d.id and m.start_date >= q.quarter_start and m.start_date < (q.quarter_start + interval '3 months')::date
          and m.status in ('protocol_signed', 'closed') and not m.practice and (le.status is null or le.status = 'confirmed')
          and ${formatCondition(filter.formats)}) f on true`
    : sql`left join district_quarter_facts f on f.quarter_start = q.quarter_start and f.district_id = d.id
        -- The quarters again as constants: the planner then reads only their facts (the key's first
        -- column), not every quarter's (national: 131,292 rows for 12,000; 67 → 15 ms).
        and f.quarter_start in (${sql.join(quarterStarts.map((q) => sql`${q}::date`), sql`, `)})`;
  const rows = rowsOf<{ quarter_start: string; area: string | null; total: number; districts: number; met: number }>(await db.execute(sql`
    with d as (${territoryDistricts(scope, filter, level)})
    select q.quarter_start::text as quarter_start, d.child as area, grouping(d.child) as total,
      count(*)::int as districts, count(*) filter (where f.signed > 0)::int as met
    from ${quarterList(quarterStarts)} q cross join d
      ${signed}
    group by grouping sets ((q.quarter_start), (q.quarter_start, d.child))`));
  return rows.filter((r) => level !== null || Number(r.total) === 1)
    .map((r) => ({ quarterStart: String(r.quarter_start).slice(0, 10), area: Number(r.total) === 1 ? null : r.area, districts: Number(r.districts), met: Number(r.met) }));
}

const LINE_NAMES = ['notice', 'presence', 'registration', 'video', 'protocol_same_day', 'checks_opened', 'initiators_notified', 'control'] as const;

export type ChecklistLineName = (typeof LINE_NAMES)[number];

/**
 * When a line is judged and when it is met, over the columns of district_quarter_compliance (one
 * place for the counts and for the meetings behind them): a line still pending or not applicable
 * is not judged — the video before the meeting is closed (R-32.1), the protocol of a meeting held
 * today (R-32.3, it may still be signed today), checks and forwardings before the protocol is
 * signed or the meeting closed (R-32.4, R-32.5); the control (R-33) once the protocol is signed.
 */
function lineDefinition(name: ChecklistLineName, today: string): { judged: SQL | string; met: string } {
  switch (name) {
    case 'notice': return { judged: 'true', met: 'notice' };
    case 'presence': return { judged: 'true', met: 'present' };
    case 'registration': return { judged: 'true', met: 'registered' };
    case 'video': return { judged: "video or status = 'closed'", met: 'video' };
    case 'protocol_same_day': return { judged: sql`protocol_signed or start_date < ${today}::date`, met: 'protocol_on_time' };
    case 'checks_opened': return { judged: "to_check and (checks_opened or status in ('protocol_signed', 'closed'))", met: 'checks_opened' };
    case 'initiators_notified': return { judged: "to_forward and (initiators_notified or status = 'closed')", met: 'initiators_notified' };
    case 'control': return { judged: "status in ('protocol_signed', 'closed')", met: "status = 'closed'" };
  }
}

/**
 * Issue 15, the meetings behind a line's figure: a condition on a meeting (its id given) that the
 * line is judged for it and met (or, `met` false, not met) — as checklistCounts counts it.
 */
export function checklistLineCondition(meetingId: SQL | AnyColumn, name: ChecklistLineName, met: boolean | undefined, today: string): SQL {
  const d = lineDefinition(name, today);
  const judged = typeof d.judged === 'string' ? sql.raw(d.judged) : d.judged;
  const outcome = met === undefined ? sql`true` : met ? sql.raw(`(${d.met})`) : sql.raw(`not (${d.met})`);
  return sql`exists (select 1 from district_quarter_compliance x where x.meeting_id = ${meetingId} and (${judged}) and ${outcome})`;
}

/** Met and judged meetings of each checklist line, per quarter (area null) and per quarter and child. */
export interface ChecklistRow {
  quarterStart: string; area: string | null; meetings: number;
  lines: Record<'notice' | 'presence' | 'registration' | 'video' | 'protocol_same_day' | 'checks_opened' | 'initiators_notified' | 'control', { met: number; judged: number }>;
}

/**
 * The checklist lines over the meetings held in the range (held, protocol signed or closed; not
 * practice meetings; an entry after the fact only once confirmed), judged as the meeting's
 * checklist judges a held meeting (checklist.ts): a line still `pending` (video not yet uploaded
 * before the meeting is closed, checks and forwardings before their deadline) or `not_applicable`
 * (nothing to check or forward) is not judged. R-33: the control is judged once the protocol is
 * signed and met when the meeting is closed (all follow-up verified).
 * Read from district_quarter_compliance (one row per counting meeting and district, with the
 * district's place in the structure, kept by triggers in the same transaction as the records;
 * migration 0021): a joint meeting counts once for the territory and once for each child holding
 * one of its districts.
 * `range`: from the first day of a quarter to the last day of a quarter. `today`: the protocol of a
 * meeting held today may still be signed today (R-32.3) — finished here.
 */
export async function checklistCounts(db: Executor, scope: Scope, filter: AnalyticsFilter, level: AnalyticsLevel | null, range: { from: string; to: string }, today: string): Promise<ChecklistRow[]> {
  const line = (name: string, judged: SQL | string, met: string) => {
    const j = typeof judged === 'string' ? sql.raw(judged) : judged;
    return sql`count(*) filter (where (${j}) and (${sql.raw(met)}))::int as ${sql.raw(`${name}_met`)}, count(*) filter (where ${j})::int as ${sql.raw(`${name}_judged`)}`;
  };
  const lines = sql`count(*)::int as meetings, ${sql.join(LINE_NAMES.map((n) => { const d = lineDefinition(n, today); return line(n, d.judged, d.met); }), sql`, `)}`;
  // The territory by the structure copied into each row (no join); the child one level down likewise.
  const where = and(
    scopeCondition(scope, { regionId: dqc.regionId, unitId: dqc.unitId, pointId: dqc.pointId, districtId: dqc.districtId, atuId: dqc.atuId }),
    filter.regionId ? eq(dqc.regionId, filter.regionId) : undefined,
    filter.unitId ? eq(dqc.unitId, filter.unitId) : undefined,
    filter.pointId ? eq(dqc.pointId, filter.pointId) : undefined,
    filter.districtId ? eq(dqc.districtId, filter.districtId) : undefined,
    // The rollup counts every format: narrowed to some, each row's meeting is looked up.
    filter.formats && filter.formats.length > 0 ? sql`exists (select 1 from meetings m where m.id = ${dqc.meetingId} and ${formatCondition(filter.formats)})` : undefined,
  );
  const child = level ? { region: dqc.regionId, unit: dqc.unitId, point: dqc.pointId, district: dqc.districtId }[level] : sql`null::uuid`;
  const facts = sql.raw('quarter_start, meeting_id, start_date, status, notice, present, registered, video, protocol_signed, protocol_on_time, to_check, checks_opened, to_forward, initiators_notified');
  const columns = ['meetings', ...LINE_NAMES.flatMap((n) => [`${n}_met`, `${n}_judged`])];
  const sums = sql.raw(columns.map((c) => `sum(${c})::int as ${c}`).join(', '));
  // A joint meeting has a row in each of its districts: made one per child and one for the whole
  // territory before counting. The others (all but ~4 %) have one row each: counted once per child,
  // and the territory's total is the children's sums plus its joint meetings. (count(distinct …)
  // per line sorted the rows once per line: 5× slower.)
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    with r as (
      select ${child} as child, ${dqc.joint} as joint, ${facts}
      from ${dqc}
      where ${dqc.quarterStart} >= ${range.from}::date and ${dqc.quarterStart} <= ${range.to}::date ${where ? sql`and ${where}` : sql``}
    ),
    single as (select quarter_start, child, ${lines} from r where not joint group by quarter_start, child),
    joint_child as (select quarter_start, child, ${lines} from (select distinct child, ${facts} from r where joint) j group by quarter_start, child),
    joint_total as (select quarter_start, null::uuid as child, ${lines} from (select distinct ${facts} from r where joint) j group by quarter_start)
    select quarter_start::text as quarter_start, child as area, 0 as total, ${sums}
    from (select * from single union all select * from joint_child) c ${level ? sql`` : sql`where false`} group by quarter_start, child
    union all
    select quarter_start::text as quarter_start, null::uuid as area, 1 as total, ${sums}
    from (select * from single union all select * from joint_total) t group by quarter_start`));
  const names = LINE_NAMES;
  return rows.filter((r) => level !== null || Number(r.total) === 1).map((r) => ({
    quarterStart: String(r.quarter_start).slice(0, 10), area: Number(r.total) === 1 ? null : (r.area as string), meetings: Number(r.meetings),
    lines: Object.fromEntries(names.map((n) => [n, { met: Number(r[`${n}_met`]), judged: Number(r[`${n}_judged`]) }])) as ChecklistRow['lines'],
  }));
}
