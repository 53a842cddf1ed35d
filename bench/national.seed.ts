import { performance } from 'node:perf_hooks';
import { applyStructure, migrateDatabase, type Database } from '@esep/db';
import { addDays, almatyDate } from '@esep/domain';
import { deferForeignKeys, openLoader, verifyForeignKeys, type Cell } from './national.load.ts';
import { districtInfo, meetingSummary, planMeetings, uid, type Ids, type MeetingPlan } from './national.meetings.ts';
import {
  CHECK_COLUMNS, checkRows, DECISION_COLUMNS, DECISION_CONTROL_COLUMNS, decisionControlRows, decisionRows, FORWARDING_COLUMNS, forwardingRows,
  ITEM_COLUMNS, itemRows, leadOf, PARTICIPANT_COLUMNS, participantRows, PROTOCOL_COLUMNS, protocolRows, SIGNATURE_COLUMNS, signatureRows, T, venueOf,
  type RowContext,
} from './national.rows.ts';
import { nationalSize, nationalStructure } from './national.ts';

/**
 * `seedNational`: the national data set (issue 11) on a database — the structure of
 * bench/national.ts at `scale`, an account per inspector and point lead, three years of quarterly
 * meetings (national.meetings.ts) with their register, items, decisions, follow-up and signed
 * protocols (national.rows.ts), bulk-loaded (national.load.ts), then ANALYZE. No audit entries
 * are written: the trail stays as it was (empty on a new database), so its chains still verify.
 */

export interface SeedOptions {
  scale: number;
  seed?: number;
  /** The clock: quarters end with the one `now` is in; past meetings are held, later ones planned. */
  now: Date;
  /** Truncate the structure, meeting and account tables first instead of refusing. */
  force?: boolean;
  log?: (line: string) => void;
  /** PostgreSQL sessions loading in parallel (default 3; the pool needs one more). */
  connections?: number;
}

export class SeedRefused extends Error {}

export interface SeedResult { rows: Record<string, number>; seconds: number; meetings: ReturnType<typeof meetingSummary> }

/** Tables a national data set fills; with --force they are emptied first (CASCADE: everything referencing them). */
const TRUNCATED = ['regions', 'meetings', 'users', 'meeting_counters'];

export async function seedNational(database: Database, options: SeedOptions): Promise<SeedResult> {
  const { scale, seed = 652, now, log = () => undefined } = options;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const rows: Record<string, number> = {};
  await migrateDatabase(database);
  const sessions = database.engine === 'postgresql' ? (options.connections ?? 3) : 1;
  const loader = await openLoader(database, sessions);
  let ticker: ReturnType<typeof setInterval> | undefined;
  try {
    const [held] = await loader.query<{ regions: number; meetings: number }>('select (select count(*) from regions)::int as regions, (select count(*) from meetings)::int as meetings');
    if (held!.regions > 0 || held!.meetings > 0) {
      if (!options.force) throw new SeedRefused(`the database already holds ${held!.regions} region(s) and ${held!.meetings} meeting(s): use an empty database, or --force to truncate them first`);
      await loader.exec(`truncate table ${TRUNCATED.join(', ')} cascade`);
      log(`truncated ${TRUNCATED.join(', ')} (cascade)`);
    }

    const data = nationalStructure({ seed, ...nationalSize(scale) });
    await database.db.transaction((tx) => applyStructure(tx, data));
    Object.assign(rows, {
      regions: data.regions.length, police_units: data.units.length, police_points: data.points.length, atus: data.atus.length, districts: data.districts.length,
      district_adjacency: data.adjacency.length, district_coverage: data.coverage.length, staff: data.staff.length, assignments: data.assignments.length,
    });
    log(`structure: ${data.regions.length} regions, ${data.units.length} units, ${data.points.length} points, ${data.districts.length} districts, ${data.staff.length} staff (${elapsed()})`);
    // Every code's id at once: the tables hold only this structure (idsByCode's lists of codes
    // were minutes at 12,000 districts on tables not yet analyzed).
    const idsOf = async (table: string) => new Map((await loader.query<{ code: string; id: string }>(`select code, id from ${table}`)).map((x) => [x.code, x.id]));
    const ids: Ids = {
      districts: await idsOf('districts'), staff: await idsOf('staff'), points: await idsOf('police_points'), units: await idsOf('police_units'),
      regions: await idsOf('regions'), atus: await idsOf('atus'), users: new Map(),
    };
    const staffName = new Map(data.staff.map((s) => [s.code, s.fullName]));
    const deferred = await deferForeignKeys(loader);
    // The trigram indexes (participants' names and addresses, meetings' numbers and venues) take
    // rows into GIN's pending list and merge it into the index when full: a larger list merges
    // more rows per pass. Session settings only; the indexes stay as they are.
    if (database.engine === 'postgresql') await loader.exec(`set gin_pending_list_limit = '64MB'; set work_mem = '64MB'; set maintenance_work_mem = '256MB'`);
    // With foreign keys checked at the end, tables load in parallel sessions in any order;
    // otherwise one after the other, parents first.
    const parallel = deferred && sessions > 1;
    const pending: Array<Promise<void>> = [];
    // Progress of the copies running, every 15 s: a large scale spends minutes on one table.
    const running = new Map<string, number>();
    ticker = setInterval(() => running.size && log(`  … ${[...running].map(([l, n]) => `${l} ${n}`).join(', ')} rows so far (${elapsed()})`), 15_000);
    const counted = function* (label: string, generate: Iterable<Cell[]>) {
      let n = 0;
      for (const row of generate) {
        if (++n % 10_000 === 0) running.set(label, n);
        yield row;
      }
    };
    const copy = async (table: string, columns: readonly string[], generate: Iterable<Cell[]>, label = table) => {
      const task = (async () => {
        const n = await loader.copy(table, columns, counted(label, generate));
        running.delete(label);
        rows[table] = (rows[table] ?? 0) + n;
        log(`${label.padEnd(24)} ${String(n).padStart(10)} rows  (total ${elapsed()})`);
      })();
      if (parallel) pending.push(task);
      else await task;
    };

    // Accounts of inspectors (they sign protocols) and point leads (they verify follow-up, R-33).
    const accounts = data.staff.filter((s) => s.position === 'inspector' || s.position === 'point_lead');
    accounts.forEach((s, k) => ids.users.set(s.code, uid(seed, T.user, k + 1)));
    const since = new Date(Date.parse(`${addDays(almatyDate(now), -4 * 365)}T00:00:00Z`));
    await copy('users', ['id', 'username', 'display_name', 'role', 'locale', 'staff_id', 'territory_id', 'created_at', 'updated_at'], [
      [uid(seed, T.user, 0), 'nat.analyst', 'Ұлттық талдаушы', 'national_analyst', 'ru', null, null, since, since],
      ...accounts.map((s) => [ids.users.get(s.code)!, `nat.${s.code.toLowerCase()}`, s.fullName, s.position, 'kk', ids.staff.get(s.code)!, s.position === 'point_lead' ? ids.points.get(s.pointCode!)! : null, since, since]),
    ]);

    const { plans, counters } = planMeetings(data, seed, now);
    const ctx: RowContext = { seed, now, today: almatyDate(now), data, infos: districtInfo(data), ids, staffName,
      points: new Map(data.points.map((x) => [x.code, x])), hashes: new Map() };
    log(`planned ${plans.length} meetings (${elapsed()})`);
    const each = function* (f: (p: MeetingPlan) => Iterable<Cell[]>, from = 0, to = plans.length) { for (let i = from; i < to; i++) yield* f(plans[i]!); };
    // The register is most of the rows: in parallel it starts first, in two halves.
    const half = Math.ceil(plans.length / 2);
    const register = async () => {
      await copy('participants', PARTICIPANT_COLUMNS, each((p) => participantRows(ctx, p), 0, half), 'participants (1st half)');
      await copy('participants', PARTICIPANT_COLUMNS, each((p) => participantRows(ctx, p), half), 'participants (2nd half)');
    };
    if (parallel) await register();
    const userOf = (staff: string) => ids.users.get(staff)!;

    await copy('meetings', ['id', 'number', 'status', 'setting', 'convener_atu_id', 'format', 'venue_name', 'venue_address', 'venue_capacity', 'expected_participants',
      'starts_at', 'ends_at', 'start_date', 'region_id', 'unit_id', 'point_id', 'reason', 'sequence', 'created_by', 'created_at', 'updated_at'], each(function* (p) {
      const d = ctx.infos[p.districts[0]!]!;
      const last = events(ctx, p).at(-1)!.at(-1) as Date;
      yield [p.id, p.number, p.status, p.setting, p.setting === 'akim_meeting' ? ids.atus.get(d.atuCode)! : null, 'indoor', 'Мектеп акт залы', venueOf(ctx, p), 120, 60,
        p.startsAt, p.endsAt, p.startDate, ids.regions.get(d.regionCode)!, ids.units.get(d.unitCode)!, ids.points.get(d.pointCode)!, p.cancelReason, 0,
        userOf(p.inspectors[0]!), p.createdAt, last];
    }));
    await copy('meeting_districts', ['meeting_id', 'district_id'], each(function* (p) { for (const i of p.districts) yield [p.id, ids.districts.get(ctx.infos[i]!.code)!]; }));
    await copy('meeting_inspectors', ['meeting_id', 'district_id', 'staff_id'], each(function* (p) {
      for (const [k, i] of p.districts.entries()) yield [p.id, ids.districts.get(ctx.infos[i]!.code)!, ids.staff.get(p.inspectors[k]!)!];
    }));
    // R-27.4: the other inspector of a joint meeting agreed to it before it was announced.
    await copy('meeting_agreements', ['id', 'meeting_id', 'district_id', 'staff_id', 'status', 'asked_at', 'answered_by', 'answered_at'], each(function* (p) {
      for (let k = 1; k < p.districts.length; k++) {
        yield [uid(seed, T.agreement, p.index * 4 + k), p.id, ids.districts.get(ctx.infos[p.districts[k]!]!.code)!, ids.staff.get(p.inspectors[k]!)!, 'accepted',
          p.createdAt, userOf(p.inspectors[k]!), new Date(p.createdAt.getTime() + 3_600_000)];
      }
    }));
    await copy('meeting_events', ['id', 'meeting_id', 'action', 'from_status', 'to_status', 'reason', 'actor_id', 'at'], each((p) => events(ctx, p)));
    await copy('announcements', ['id', 'meeting_id', 'channel', 'outlet', 'published_on', 'reference', 'created_at'], each(function* (p) {
      if (p.noticeDays === null || p.status === 'cancelled') return;
      const on = addDays(p.startDate, -p.noticeDays);
      yield [uid(seed, T.announcement, p.index), p.id, p.index % 3 === 0 ? 'mass_media' : 'social_network', p.index % 3 === 0 ? 'Аудандық газет' : 'Instagram',
        on, `№${p.index % 97 + 1}`, p.lateEntry ? p.createdAt : new Date(`${on}T10:00:00+05:00`)];
    }));
    // R-26: police leadership and the akimat invited (the akimat sometimes not: non-compliance).
    await copy('invitations', ['id', 'meeting_id', 'category', 'organisation', 'person_name', 'status', 'responded_at', 'created_at', 'updated_at'], each(function* (p) {
      const d = ctx.infos[p.districts[0]!]!;
      const past = p.startDate < ctx.today && p.status !== 'cancelled';
      const answered = new Date(Math.min(p.createdAt.getTime() + 2 * 86_400_000, now.getTime() - 60_000));
      if (p.invitedPolice) {
        const status = past ? (p.attendedPolice ? 'attended' : 'absent') : 'accepted';
        yield [uid(seed, T.invitation, p.index * 4), p.id, 'police_leadership', `${d.unitCode} полиция бөлімі`, staffName.get(`S-${d.unitCode}-HEAD`) ?? 'Бөлім бастығы', status, answered, p.createdAt, answered];
      }
      if (p.invitedAkimat) {
        const status = past ? (p.attendedAkimat ? 'attended' : 'absent') : 'sent';
        yield [uid(seed, T.invitation, p.index * 4 + 1), p.id, 'akimat', `${d.atuCode} әкімдігі`, 'Әкім орынбасары', status, status === 'sent' ? null : answered, p.createdAt, answered];
      }
    }));
    await copy('meeting_late_entries', ['meeting_id', 'status', 'reason', 'entered_by', 'entered_by_name', 'entered_at', 'decided_by', 'decided_by_name', 'decided_at', 'updated_at'], each(function* (p) {
      if (!p.lateEntry) return;
      const lead = `S-${ctx.infos[p.districts[0]!]!.pointCode}-LEAD`;
      const decided = p.lateEntry === 'confirmed' ? new Date(Math.min(p.createdAt.getTime() + 86_400_000, now.getTime() - 60_000)) : null;
      yield [p.id, p.lateEntry, 'Байланыс болмады / Не было связи в селе', userOf(p.inspectors[0]!), staffName.get(p.inspectors[0]!)!, p.createdAt,
        decided ? leadOf(ctx, p) : null, decided ? staffName.get(lead)! : null, decided, decided ?? p.createdAt];
    }));
    await copy('meeting_counters', ['scope', 'value', 'updated_on'], [...counters].map(([scope, value]) => [scope, value, ctx.today]));
    if (!parallel) await register();
    await copy('meeting_items', ITEM_COLUMNS, each((p) => itemRows(ctx, p)));
    await copy('meeting_decisions', DECISION_COLUMNS, each((p) => decisionRows(ctx, p)));
    await copy('decision_controls', DECISION_CONTROL_COLUMNS, each((p) => decisionControlRows(ctx, p)));
    await copy('checks', CHECK_COLUMNS, each((p) => checkRows(ctx, p)));
    await copy('forwardings', FORWARDING_COLUMNS, each((p) => forwardingRows(ctx, p)));
    await copy('protocols', PROTOCOL_COLUMNS, each((p) => protocolRows(ctx, p)));
    await copy('protocol_signatures', SIGNATURE_COLUMNS, each((p) => signatureRows(ctx, p)));
    await Promise.all(pending);
    let t = performance.now();
    if (deferred) {
      const broken = await verifyForeignKeys(loader, Object.keys(rows));
      if (broken.length) throw new Error(`seedNational: rows without a parent: ${broken.map((b) => `${b.name} (${b.orphans})`).join(', ')}`);
      log(`foreign keys of ${Object.keys(rows).length} tables verified ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    // The statistics first: the recomputes below are planned on them (without, on a busy machine
    // whose autovacuum had not analysed the loaded tables yet, the control facts took > 10 minutes, then 11 s).
    t = performance.now();
    await loader.exec('analyze');
    log(`analyze ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // The quarter board's facts (R-22.13) are kept by statement triggers, which a load under
    // session_replication_role = replica does not fire: recomputed here for every district.
    t = performance.now();
    await loader.exec('delete from district_quarter_facts');
    await loader.exec('select district_quarter_refresh(array_agg(id), array_agg(null::date)) from districts');
    log(`quarter facts recomputed ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // The control board's facts (R-33) likewise: every signed meeting, and their areas' sums.
    t = performance.now();
    await loader.exec('delete from meeting_control_facts');
    await loader.exec('delete from control_area_facts');
    await loader.exec('delete from control_area_dues');
    await loader.exec("select meeting_control_refresh(array_agg(id), false) from meetings where status in ('protocol_signed', 'closed')");
    log(`control facts recomputed ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // The compliance analytics' rollup (issue 15) likewise: every counting meeting, from its view.
    t = performance.now();
    // On one session: exec() runs a statement on every session of the loader, and the insert must run once.
    await loader.query('delete from district_quarter_compliance');
    await loader.query('insert into district_quarter_compliance select * from district_quarter_compliance_source');
    log(`compliance rollup recomputed ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await loader.exec('analyze district_quarter_facts, meeting_control_facts, control_area_facts, control_area_dues, district_quarter_compliance');
    log(`facts analysed ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const seconds = (performance.now() - started) / 1000;
    return { rows, seconds, meetings: meetingSummary(plans) };
  } finally {
    clearInterval(ticker);
    await loader.release();
  }
}

/** The meeting's history (meeting_events) through the state machine's actions, in order. */
function events(ctx: RowContext, p: MeetingPlan): Cell[][] {
  const out: Cell[][] = [];
  const actor = ctx.ids.users.get(p.inspectors[0]!)!;
  const at = (d: Date) => (d > ctx.now ? new Date(ctx.now.getTime() - 60_000) : d);
  const add = (action: string, from: string | null, to: string, when: Date, reason: string | null = null, who = actor) =>
    out.push([uid(ctx.seed, T.event, p.index * 8 + out.length), p.id, action, from, to, reason, who, at(when)]);
  if (p.lateEntry) {
    add('enter_late', null, 'held', p.createdAt, 'Байланыс болмады / Не было связи в селе');
    if (p.lateEntry === 'confirmed') add('late_entry.confirm', 'held', 'held', new Date(p.createdAt.getTime() + 86_400_000), null, leadOf(ctx, p)!);
  } else {
    add('create', null, 'draft', p.createdAt);
    add('schedule', 'draft', 'scheduled', new Date(p.createdAt.getTime() + 3_600_000));
    if (p.status === 'cancelled') add('cancel', 'scheduled', 'cancelled', new Date(Math.min(p.startsAt.getTime() - 3 * 86_400_000, ctx.now.getTime())), p.cancelReason);
    else if (p.noticeDays !== null) add('announce', 'scheduled', 'announced', new Date(`${addDays(p.startDate, -p.noticeDays)}T10:05:00+05:00`));
    if (['held', 'protocol_signed', 'closed'].includes(p.status)) add('hold', 'announced', 'held', p.endsAt);
  }
  if (p.protocol === 'signed') add('signProtocol', 'held', 'protocol_signed', p.signedAt!, p.late ? 'Инспектор іссапарда болды / Инспектор был в командировке' : null);
  if (p.status === 'closed') add('close', 'protocol_signed', 'closed', new Date(`${addDays(p.startDate, 62)}T12:00:00+05:00`), null, leadOf(ctx, p)!);
  return out;
}
