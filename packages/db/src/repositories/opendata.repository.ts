import { eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { districtQuarterFacts, meetingControlFacts } from '../schema/board.schema.ts';
import { meetingItems, participants } from '../schema/holding.schema.ts';
import { announcements, invitations, meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { atus, districts, policePoints, policeUnits, regions } from '../schema/org.schema.ts';
import { checks, forwardings, protocols, stateBodies, videos } from '../schema/protocol.schema.ts';
import { districtQuarterStatus, type QuarterClock } from './quarter-board.repository.ts';

/*
 * Issue 13, part 6: the open data sets (Law 401-V). Every statement reads one keyset page
 * (a few hundred rows) so a national quarter is written page by page, never loaded at once.
 * No column holds a person: no resident, invitee or staff name, contact or IIN is selected.
 */

export type TerritoryLevel = 'region' | 'unit' | 'point' | 'district';
export interface OpenTerritory { level: TerritoryLevel; id: string }

const TABLE = { region: regions, unit: policeUnits, point: policePoints, district: districts } as const;

/** The id of a territory by its public code, or null. */
export async function territoryIdByCode(db: Executor, level: TerritoryLevel, code: string): Promise<string | null> {
  const table = TABLE[level];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.code, code)).limit(1);
  return row?.id ?? null;
}

/** Regions for the open-data page's chooser. */
export async function openRegions(db: Executor) {
  return db.select({ code: regions.code, nameKk: regions.nameKk, nameRu: regions.nameRu }).from(regions).orderBy(regions.code);
}

/** The district-level condition of a territory (aliases: d = districts, pp = police_points, pu = police_units). */
const territoryWhere = (t: OpenTerritory | null): SQL => {
  if (!t) return sql`true`;
  switch (t.level) {
    case 'region': return sql`pu.region_id = ${t.id}::uuid`;
    case 'unit': return sql`pp.unit_id = ${t.id}::uuid`;
    case 'point': return sql`d.point_id = ${t.id}::uuid`;
    case 'district': return sql`d.id = ${t.id}::uuid`;
  }
};

const territoryColumns = sql`d.code as district_code, d.name_kk as district_name_kk, d.name_ru as district_name_ru, a.code as atu_code,
  pp.code as point_code, pu.code as unit_code, r.code as region_code`;
const territoryJoins = sql`join ${policePoints} pp on pp.id = d.point_id join ${policeUnits} pu on pu.id = pp.unit_id
  join ${regions} r on r.id = pu.region_id join ${atus} a on a.id = d.atu_id`;

export interface OpenMeetingRow {
  meeting_number: string; status: string; setting: string; format: string; starts_at_ms: number;
  district_code: string; district_name_kk: string; district_name_ru: string; atu_code: string; point_code: string; unit_code: string; region_code: string;
  start_date: string; announced_on: string | null; participants: number; items: number; protocol_signed_at_ms: number | null; protocol_late: boolean | null;
}

/**
 * One row per meeting and district it covers, for meetings starting in [from, to], in the order
 * (meeting number, district code), after `after`. Drafts are not public: a plan becomes public
 * data once it is scheduled.
 */
export async function openMeetingsPage(db: Executor, territory: OpenTerritory | null, from: string, to: string, after: [string, string] | null, limit: number): Promise<OpenMeetingRow[]> {
  return rowsOf<OpenMeetingRow>(await db.execute(sql`
    select m.number as meeting_number, m.status::text as status, m.setting::text as setting, m.format::text as format,
      (extract(epoch from m.starts_at) * 1000)::float8 as starts_at_ms, m.start_date::text as start_date, ${territoryColumns},
      (select min(an.published_on)::text from ${announcements} an where an.meeting_id = m.id and an.voided_at is null) as announced_on,
      (select count(*)::int from ${participants} p where p.meeting_id = m.id) as participants,
      (select count(*)::int from ${meetingItems} i where i.meeting_id = m.id) as items,
      (extract(epoch from pr.signed_at) * 1000)::float8 as protocol_signed_at_ms, pr.late as protocol_late
    from ${meetings} m
      join ${meetingDistricts} md on md.meeting_id = m.id
      join ${districts} d on d.id = md.district_id
      ${territoryJoins}
      left join ${protocols} pr on pr.meeting_id = m.id and pr.status = 'signed'
    where m.start_date >= ${from}::date and m.start_date <= ${to}::date and m.status <> 'draft' and not m.practice and ${territoryWhere(territory)}
      ${after ? sql`and (m.number, d.code) > (${after[0]}::text, ${after[1]}::text)` : sql``}
    order by m.number, d.code
    limit ${limit}`)).map((r) => ({ ...r, participants: Number(r.participants), items: Number(r.items) }));
}

export interface OpenComplianceRow {
  district_code: string; district_name_kk: string; district_name_ru: string; atu_code: string; point_code: string; unit_code: string; region_code: string;
  quarter_status: string; signed: number; held: number;
  notice_ok: number; leadership_ok: number; akimat_ok: number; register_ok: number; video_ok: number; same_day_ok: number; signed_protocols: number;
  checks_overdue: number; forwardings_overdue: number;
}

/**
 * One row per district for a quarter, in code order after `after`. The quarter's status and
 * the meetings that count come from the board's rollup (district_quarter_facts, R-22.13); the
 * overdue checks and forwardings from the control board's (meeting_control_facts, R-33); what
 * the rollups do not keep (notice, presence, register, video, same-day protocol) is counted over
 * the district's meetings held in the quarter — the same meetings the rollup counts.
 */
export async function openCompliancePage(db: Executor, territory: OpenTerritory | null, c: QuarterClock & { quarterEnd: string }, after: string | null, limit: number): Promise<OpenComplianceRow[]> {
  const rows = rowsOf<OpenComplianceRow>(await db.execute(sql`
    select ${territoryColumns}, ${districtQuarterStatus(c)} as quarter_status, coalesce(f.signed, 0) as signed, coalesce(f.held, 0) as held, x.*
    from ${districts} d ${territoryJoins}
      left join ${districtQuarterFacts} f on f.quarter_start = ${c.quarterStart}::date and f.district_id = d.id
      left join lateral (
        select
          count(*) filter (where exists (select 1 from ${announcements} an where an.meeting_id = m.id and an.voided_at is null and an.published_on <= m.start_date - 10))::int as notice_ok,
          count(*) filter (where exists (select 1 from ${participants} p where p.meeting_id = m.id and p.category = 'police_leadership')
            or exists (select 1 from ${invitations} iv where iv.meeting_id = m.id and iv.category = 'police_leadership' and iv.status = 'attended'))::int as leadership_ok,
          count(*) filter (where exists (select 1 from ${participants} p where p.meeting_id = m.id and p.category = 'akimat')
            or exists (select 1 from ${invitations} iv where iv.meeting_id = m.id and iv.category = 'akimat' and iv.status = 'attended'))::int as akimat_ok,
          count(*) filter (where exists (select 1 from ${participants} p where p.meeting_id = m.id))::int as register_ok,
          count(*) filter (where exists (select 1 from ${videos} v where v.meeting_id = m.id and v.status = 'complete'))::int as video_ok,
          count(pr.meeting_id)::int as signed_protocols,
          count(*) filter (where pr.late = false)::int as same_day_ok,
          coalesce(sum((select count(*) from unnest(cf.c_open_dues) due where due < ${c.today}::date)), 0)::int as checks_overdue,
          coalesce(sum((select count(*) from unnest(cf.f_open_dues) due where due < ${c.today}::date)), 0)::int as forwardings_overdue
        from ${meetingDistricts} md
          join ${meetings} m on m.id = md.meeting_id and m.start_date >= ${c.quarterStart}::date and m.start_date <= ${c.quarterEnd}::date
            and m.status in ('held', 'protocol_signed', 'closed') and not m.practice
          left join ${protocols} pr on pr.meeting_id = m.id and pr.status = 'signed'
          left join ${meetingControlFacts} cf on cf.meeting_id = m.id
        where md.district_id = d.id
      ) x on true
    where ${territoryWhere(territory)} ${after ? sql`and d.code > ${after}::text` : sql``}
    order by d.code
    limit ${limit}`));
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /_(ok|overdue|protocols)$|^(signed|held)$/.test(k) ? Number(v) : v])) as unknown as OpenComplianceRow);
}

export interface OpenOutcomeRow {
  meeting_number: string; meeting_date: string; district_codes: string; item_number: number; kind: string; topic: string; resolution: string | null;
  check_due: string | null; check_done: string | null; forwarded_to_kk: string | null; forwarded_to_ru: string | null;
  forwarding_due: string | null; forwarding_sent: string | null; initiator_notified: boolean | null;
}

/**
 * One row per item of the signed meetings (protocol_signed, closed) of [from, to] touching the
 * territory, in (meeting number, item number) order after `after`. The item's text and answer
 * are left out: they are free text a resident may have put a name or an address in.
 */
export async function openOutcomesPage(db: Executor, territory: OpenTerritory | null, from: string, to: string, after: [string, number] | null, limit: number): Promise<OpenOutcomeRow[]> {
  const rows = rowsOf<OpenOutcomeRow>(await db.execute(sql`
    select m.number as meeting_number, m.start_date::text as meeting_date,
      (select string_agg(d2.code, ';' order by d2.code) from ${meetingDistricts} md2 join ${districts} d2 on d2.id = md2.district_id where md2.meeting_id = m.id) as district_codes,
      i.number as item_number, i.kind::text as kind, i.topic, i.resolution::text as resolution,
      c.due_date::text as check_due,
      case when c.status <> 'open' then coalesce(c.answer_sent_on, (c.closed_at at time zone 'Asia/Almaty')::date)::text end as check_done,
      sb.name_kk as forwarded_to_kk, sb.name_ru as forwarded_to_ru, fw.due_date::text as forwarding_due, fw.sent_on::text as forwarding_sent,
      case when fw.id is null then null else (fw.initiator_notified_on is not null or i.participant_id is null) end as initiator_notified
    from ${meetings} m
      join ${meetingItems} i on i.meeting_id = m.id
      left join ${checks} c on c.item_id = i.id
      left join ${forwardings} fw on fw.item_id = i.id
      left join ${stateBodies} sb on sb.id = fw.body_id
    where m.start_date >= ${from}::date and m.start_date <= ${to}::date and m.status in ('protocol_signed', 'closed') and not m.practice
      and exists (select 1 from ${meetingDistricts} md join ${districts} d on d.id = md.district_id
        join ${policePoints} pp on pp.id = d.point_id join ${policeUnits} pu on pu.id = pp.unit_id
        where md.meeting_id = m.id and ${territoryWhere(territory)})
      ${after ? sql`and (m.number, i.number) > (${after[0]}::text, ${after[1]}::int)` : sql``}
    order by m.number, i.number
    limit ${limit}`));
  return rows.map((r) => ({ ...r, item_number: Number(r.item_number) }));
}

export interface OpenFeedRow {
  id: string; number: string; status: typeof meetings.$inferSelect['status']; format: typeof meetings.$inferSelect['format'];
  venueName: string | null; venueAddress: string | null; sequence: number; startsAt: Date; endsAt: Date; createdAt: Date; updatedAt: Date;
  districts: Array<{ nameKk: string; nameRu: string }>;
}

/**
 * The meetings of the national (or a region's) iCal feed: starting in [from, to] and announced
 * (R-27.1: a publication exists, even one a postponement voided) — plans not yet made public stay out.
 */
export async function openFeedMeetings(db: Executor, regionId: string | null, from: string, to: string): Promise<OpenFeedRow[]> {
  const rows = rowsOf<{
    id: string; number: string; status: OpenFeedRow['status']; format: OpenFeedRow['format']; venue_name: string | null; venue_address: string | null;
    sequence: number; starts_at: number; ends_at: number; created_at: number; updated_at: number; names: string | null;
  }>(await db.execute(sql`
    select m.id, m.number, m.status, m.format, m.venue_name, m.venue_address, m.sequence,
      (extract(epoch from m.starts_at) * 1000)::float8 as starts_at, (extract(epoch from m.ends_at) * 1000)::float8 as ends_at,
      (extract(epoch from m.created_at) * 1000)::float8 as created_at, (extract(epoch from m.updated_at) * 1000)::float8 as updated_at,
      (select string_agg(d.name_kk || chr(31) || d.name_ru, chr(30) order by d.code) from ${meetingDistricts} md join ${districts} d on d.id = md.district_id where md.meeting_id = m.id) as names
    from ${meetings} m
    where m.start_date >= ${from}::date and m.start_date <= ${to}::date ${regionId ? sql`and m.region_id = ${regionId}::uuid` : sql``}
      and m.status in ('announced', 'held', 'protocol_signed', 'closed', 'postponed', 'cancelled') and not m.practice
      and exists (select 1 from ${announcements} an where an.meeting_id = m.id)
    order by m.starts_at, m.number`));
  return rows.map((r) => ({
    id: r.id, number: r.number, status: r.status, format: r.format, venueName: r.venue_name, venueAddress: r.venue_address, sequence: Number(r.sequence),
    startsAt: new Date(Number(r.starts_at)), endsAt: new Date(Number(r.ends_at)), createdAt: new Date(Number(r.created_at)), updatedAt: new Date(Number(r.updated_at)),
    districts: (r.names ?? '').split('\u001e').filter(Boolean).map((n) => { const [nameKk, nameRu] = n.split('\u001f'); return { nameKk: nameKk!, nameRu: nameRu! }; }),
  }));
}
