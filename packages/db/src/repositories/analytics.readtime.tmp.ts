import type { Scope } from '@esep/domain';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { districts, policePoints, policeUnits } from '../schema/org.schema.ts';
import { districtFilter, type BoardFilter } from './board.repository.ts';

/*
 * Issue 15 (part 1): compliance analytics computed from the records, one statement per figure
 * group, scoped to the user's territory (and the narrower filter) by the same condition as the
 * quarter board. Each statement answers per quarter for the whole territory and per territory one
 * level down (GROUPING SETS), so the service never adds figures up itself: a joint meeting
 * covering districts of two children counts once for each child and once for the territory.
 */

/** The territory one level down whose figures are reported beside the total; null: none (a district). */
export type AnalyticsLevel = 'region' | 'unit' | 'point' | 'district';

const CHILD: Record<AnalyticsLevel, SQL> = {
  region: sql`${policeUnits.regionId}`, unit: sql`${policePoints.unitId}`, point: sql`${districts.pointId}`, district: sql`${districts.id}`,
};

/** The territory's districts with the child each belongs to. */
function territoryDistricts(scope: Scope, filter: BoardFilter, level: AnalyticsLevel | null): SQL {
  return sql`select ${districts.id} as id, ${level ? CHILD[level] : sql`null::uuid`} as child
    from ${districts}
      join ${policePoints} on ${policePoints.id} = ${districts.pointId}
      join ${policeUnits} on ${policeUnits.id} = ${policePoints.unitId}
    where ${districtFilter(scope, filter) ?? sql`true`}`;
}

const quarterList = (quarterStarts: readonly string[]) => sql`(select unnest(array[${sql.join(quarterStarts.map((q) => sql`${q}::date`), sql`, `)}]) as quarter_start)`;

/** One row per quarter (area null: the whole territory) and per quarter and child. */
export interface ObligationRow { quarterStart: string; area: string | null; districts: number; met: number }

/**
 * R-22.13 per quarter: the territory's districts, and those with a held and signed meeting in the
 * quarter — read from district_quarter_facts (kept current by triggers in the same transaction;
 * practice meetings and unconfirmed entries after the fact are already left out there).
 */
export async function obligationCounts(db: Executor, scope: Scope, filter: BoardFilter, level: AnalyticsLevel | null, quarterStarts: readonly string[]): Promise<ObligationRow[]> {
  const rows = rowsOf<{ quarter_start: string; area: string | null; total: number; districts: number; met: number }>(await db.execute(sql`
    with d as (${territoryDistricts(scope, filter, level)})
    select q.quarter_start::text as quarter_start, d.child as area, grouping(d.child) as total,
      count(*)::int as districts, count(*) filter (where f.signed > 0)::int as met
    from ${quarterList(quarterStarts)} q cross join d
      left join district_quarter_facts f on f.quarter_start = q.quarter_start and f.district_id = d.id
    group by grouping sets ((q.quarter_start), (q.quarter_start, d.child))`));
  return rows.filter((r) => level !== null || Number(r.total) === 1)
    .map((r) => ({ quarterStart: String(r.quarter_start).slice(0, 10), area: Number(r.total) === 1 ? null : r.area, districts: Number(r.districts), met: Number(r.met) }));
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
 * `today`: the protocol of a meeting held today may still be signed today (R-32.3).
 */
export async function checklistCounts(db: Executor, scope: Scope, filter: BoardFilter, level: AnalyticsLevel | null, range: { from: string; to: string }, today: string): Promise<ChecklistRow[]> {
  const line = (name: string, judged: string, met: string) => sql.raw(
    `count(distinct id) filter (where (${judged}) and (${met}))::int as ${name}_met, count(distinct id) filter (where ${judged})::int as ${name}_judged`);
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    with d as (${territoryDistricts(scope, filter, level)}),
    m as (
      select distinct m.id, date_trunc('quarter', m.start_date::timestamp)::date as quarter_start, d.child, m.status::text as status, m.start_date
      from meetings m
        join meeting_districts md on md.meeting_id = m.id
        join d on d.id = md.district_id
        left join meeting_late_entries le on le.meeting_id = m.id
      where m.start_date >= ${range.from}::date and m.start_date <= ${range.to}::date and not m.practice
        and m.status in ('held', 'protocol_signed', 'closed') and (le.status is null or le.status = 'confirmed')
    ),
    facts as (
      select m.*,
        exists (select 1 from announcements an where an.meeting_id = m.id and an.voided_at is null and an.published_on <= m.start_date - 10) as notice,
        (exists (select 1 from invitations i where i.meeting_id = m.id and i.category = 'police_leadership' and i.status = 'attended')
          or exists (select 1 from participants p where p.meeting_id = m.id and p.category = 'police_leadership'))
        and (exists (select 1 from invitations i where i.meeting_id = m.id and i.category = 'akimat' and i.status = 'attended')
          or exists (select 1 from participants p where p.meeting_id = m.id and p.category = 'akimat')) as present,
        exists (select 1 from participants p where p.meeting_id = m.id) as registered,
        exists (select 1 from videos v where v.meeting_id = m.id and v.status = 'complete') as video,
        pr.status::text as protocol_status, coalesce(pr.late, false) as protocol_late,
        (select count(*) from meeting_items it where it.meeting_id = m.id and it.resolution = 'to_check') as to_check,
        (select count(*) from checks c where c.meeting_id = m.id) as checks,
        (select count(*) from meeting_items it where it.meeting_id = m.id and it.resolution = 'to_forward') as to_forward,
        (select count(*) from forwardings fw join meeting_items it on it.id = fw.item_id where fw.meeting_id = m.id
          and fw.sent_on is not null and (fw.initiator_notified_on is not null or it.participant_id is null)) as notified,
        m.start_date < ${today}::date as past
      from m left join protocols pr on pr.meeting_id = m.id
    )
    select quarter_start::text as quarter_start, child as area, grouping(child) as total, count(distinct id)::int as meetings,
      ${line('notice', 'true', 'notice')},
      ${line('presence', 'true', 'present')},
      ${line('registration', 'true', 'registered')},
      ${line('video', "video or status = 'closed'", 'video')},
      ${line('protocol_same_day', "protocol_status = 'signed' or past", "protocol_status = 'signed' and not protocol_late")},
      ${line('checks_opened', "to_check > 0 and (checks >= to_check or status in ('protocol_signed', 'closed'))", 'checks >= to_check')},
      ${line('initiators_notified', "to_forward > 0 and (notified >= to_forward or status = 'closed')", 'notified >= to_forward')},
      ${line('control', "status in ('protocol_signed', 'closed')", "status = 'closed'")}
    from facts
    group by grouping sets ((quarter_start), (quarter_start, child))`));
  const names = ['notice', 'presence', 'registration', 'video', 'protocol_same_day', 'checks_opened', 'initiators_notified', 'control'] as const;
  return rows.filter((r) => level !== null || Number(r.total) === 1).map((r) => ({
    quarterStart: String(r.quarter_start).slice(0, 10), area: Number(r.total) === 1 ? null : (r.area as string), meetings: Number(r.meetings),
    lines: Object.fromEntries(names.map((n) => [n, { met: Number(r[`${n}_met`]), judged: Number(r[`${n}_judged`]) }])) as ChecklistRow['lines'],
  }));
}
