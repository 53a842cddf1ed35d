import type { ItemDimension, Scope } from '@esep/domain';
import { inArray, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { stateBodies } from '../schema/protocol.schema.ts';
import { areaOf, countedMeetings, meetingsPerArea, territoryDistricts, type AnalyticsFilter, type AnalyticsLevel } from './analytics.sql.ts';

/*
 * Issue 15: items (R-31) of the meetings counted as the compliance analytics count them, and
 * what followed them: checks (R-32.4), forwardings (R-32.5) and the residents' own verdicts
 * (issue 13) — per quarter and area, one count per dimension and value.
 */

/**
 * A count of one dimension's value in a quarter and area (null: the whole territory):
 * kind, topic and outcome (the item's resolution) of the items; check: on_time | overdue | open;
 * body: forwardings per receiving body (key the body's id), `notified` of them; forwarding: all
 * forwardings (key ''), with or without a body; verdict: resolved | not_resolved.
 */
export interface ItemCountRow { quarterStart: string; area: string | null; dim: ItemDimension; key: string; n: number; notified: number }

/**
 * `topics`: only items of these topic codes (none: every topic). A check counts on time when done
 * (answer sent, else closed; Almaty date) by its due date — done without a date on record counts
 * on time —, overdue when done later or still open after it, open while not yet due on `today`.
 * A forwarding's initiator counts as notified as the checklist counts it (R-32.5): the letter
 * sent and the initiator told, or an item with no registered initiator.
 */
export async function itemCounts(db: Executor, scope: Scope, filter: AnalyticsFilter & { topics?: readonly string[] | undefined }, level: AnalyticsLevel | null,
  range: { from: string; to: string }, today: string): Promise<ItemCountRow[]> {
  const topics = filter.topics && filter.topics.length > 0 ? sql`it.topic in (${sql.join(filter.topics.map((t) => sql`${t}`), sql`, `)})` : sql`true`;
  const branch = (dim: ItemDimension, key: string, where: string, notified = '0') => sql.raw(
    `select quarter_start, child, total, '${dim}' as dim, ${key} as key, count(*)::int as n, (${notified})::int as notified from i where ${where} group by quarter_start, child, total${key.startsWith("'") ? '' : `, ${key}`}`);
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    with d as (${territoryDistricts(scope, filter, level)}),
    m as (${countedMeetings(range, filter.formats)}),
    per as (${meetingsPerArea(level)}),
    i as (
      select per.quarter_start, per.child, per.total, it.id, it.kind::text as kind, it.topic, it.resolution::text as resolution,
        case when c.id is null then null
          when c.status <> 'open' then case when coalesce(c.answer_sent_on, (c.closed_at at time zone 'Asia/Almaty')::date) > c.due_date then 'overdue' else 'on_time' end
          when c.due_date < ${today}::date then 'overdue' else 'open' end as check_state,
        fw.id is not null as forwarded, fw.body_id::text as body_id,
        coalesce(fw.sent_on is not null and (fw.initiator_notified_on is not null or it.participant_id is null), false) as notified
      from per
        join meeting_items it on it.meeting_id = per.id
        left join checks c on c.item_id = it.id
        left join forwardings fw on fw.item_id = it.id
      where ${topics}
    ),
    v as (
      select i.quarter_start, i.child, i.total, rq.verdict::text as verdict
      from i join resident_questions rq on rq.item_id = i.id where rq.verdict is not null
    )
    ${branch('kind', 'kind', 'true')}
    union all ${branch('topic', 'topic', 'true')}
    union all ${branch('outcome', 'resolution', 'resolution is not null')}
    union all ${branch('check', 'check_state', 'check_state is not null')}
    union all ${branch('body', 'body_id', 'forwarded and body_id is not null', 'count(*) filter (where notified)')}
    union all ${branch('forwarding', "''", 'forwarded', 'count(*) filter (where notified)')}
    union all select quarter_start, child, total, 'verdict', verdict, count(*)::int, 0 from v group by quarter_start, child, total, verdict`));
  return rows.map((r) => ({
    quarterStart: String(r.quarter_start).slice(0, 10), area: areaOf({ total: r.total, area: r.child }), dim: r.dim as ItemDimension,
    key: String(r.key), n: Number(r.n), notified: Number(r.notified),
  }));
}

/** Names of the receiving bodies. */
export async function stateBodyNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: stateBodies.id, nameKk: stateBodies.nameKk, nameRu: stateBodies.nameRu }).from(stateBodies).where(inArray(stateBodies.id, [...ids]));
}
