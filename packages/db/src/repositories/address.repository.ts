import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../client.ts';
import { meetingDistricts, meetings } from '../schema/meeting.schema.ts';
import { atus, districtCoverage, districts, policePoints, streetSearchKeys } from '../schema/org.schema.ts';
import { assignments, staff } from '../schema/staff.schema.ts';

/*
 * Issue 13, part 1: the resident's address lookup and the public district page. The keys are
 * folded by the application (domain address.fold.ts); here pg_trgm compares them. Word
 * similarity (`<%`, GIN `gin_trgm_ops`) measures the query against the best-matching run of
 * words of the key, which holds the kk and ru names together.
 */

export interface CoverageMatch {
  districtCode: string; districtNameKk: string; districtNameRu: string;
  settlementNameKk: string; settlementNameRu: string;
  streetKind: string; streetNameKk: string; streetNameRu: string;
  houseFrom: number | null; houseTo: number | null; parity: 'all' | 'odd' | 'even';
  score: number;
}

/** Matched street keys whose lines are read (the best first). */
const KEY_LIMIT = 30;

/** Word-similarity threshold of `<%` for this transaction (pg_trgm's GUC; default 0.6). */
export async function setMatchThreshold(db: Executor, value: number) {
  await db.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(value)}, true)`);
}

/**
 * Coverage lines whose street matches the folded key at least the threshold (setMatchThreshold,
 * in the same transaction), best first; with a house number, only the lines whose range and
 * parity hold it.
 */
export async function matchCoverage(db: Executor, key: string, house: number | null, limit: number): Promise<CoverageMatch[]> {
  // Per matched key: with a house number, its building line (house_from = house_to = h, by the
  // (search_key, house_from) index) and its range lines (few, by the partial index), so a long
  // street's thousands of buildings are never read; without one, the street's first lines.
  const lines = house == null
    ? sql`select * from ${districtCoverage} c where c.search_key = k.search_key order by c.house_from nulls first limit ${limit}`
    : sql`select * from ${districtCoverage} c where c.search_key = k.search_key and c.house_from = ${house} and c.house_to = ${house}
        and (c.parity = 'all' or c.parity = ${house % 2 === 1 ? 'odd' : 'even'})
      union all
      select * from ${districtCoverage} c where c.search_key = k.search_key and c.house_from is distinct from c.house_to
        and (c.house_from is null or c.house_from <= ${house}) and (c.house_to is null or c.house_to >= ${house})
        and (c.parity = 'all' or c.parity = ${house % 2 === 1 ? 'odd' : 'even'})`;
  const result = await db.execute(sql`
    with k as (
      select s.search_key, word_similarity(${key}, s.search_key) as score
      from ${streetSearchKeys} s where ${key} <% s.search_key
      order by score desc, s.search_key limit ${KEY_LIMIT})
    select d.code as "districtCode", d.name_kk as "districtNameKk", d.name_ru as "districtNameRu",
      a.name_kk as "settlementNameKk", a.name_ru as "settlementNameRu",
      c.street_kind as "streetKind", c.street_name_kk as "streetNameKk", c.street_name_ru as "streetNameRu",
      c.house_from as "houseFrom", c.house_to as "houseTo", c.parity as "parity", k.score as "score"
    from k
      cross join lateral (${lines}) c
      join ${districts} d on d.id = c.district_id
      join ${atus} a on a.id = d.atu_id
    order by "score" desc, (c.house_from is not null and c.house_from = c.house_to) desc, d.code, c.street_name_ru, c.house_from nulls first
    limit ${limit}`);
  return rowsOf<CoverageMatch>(result).map((r) => ({ ...r, score: Number(r.score) }));
}

export interface SettlementMatch {
  code: string; kind: string; nameKk: string; nameRu: string; score: number;
  districts: Array<{ code: string; nameKk: string; nameRu: string }>;
}

/**
 * ATUs (villages, rural districts, towns) whose names match the key, each with the districts
 * lying in it or in the ATUs under it (two levels: a district's villages and rural districts).
 */
export async function matchSettlements(db: Executor, key: string, limit: number): Promise<SettlementMatch[]> {
  const found = rowsOf<{ id: string; code: string; kind: string; nameKk: string; nameRu: string; score: number }>(await db.execute(sql`
    select a.id, a.code, a.kind, a.name_kk as "nameKk", a.name_ru as "nameRu", word_similarity(${key}, a.search_key) as "score"
    from ${atus} a where ${key} <% a.search_key
    order by "score" desc, a.code limit ${limit}`));
  if (found.length === 0) return [];
  const ids = found.map((a) => a.id);
  const rows = rowsOf<{ root: string; code: string; nameKk: string; nameRu: string }>(await db.execute(sql`
    select roots.id as "root", d.code, d.name_kk as "nameKk", d.name_ru as "nameRu"
    from (select value::uuid as id from json_array_elements_text(${JSON.stringify(ids)}::json)) roots
      join ${atus} a1 on a1.id = roots.id or a1.parent_id = roots.id
        or a1.parent_id in (select child.id from ${atus} child where child.parent_id = roots.id)
      join ${districts} d on d.atu_id = a1.id
    order by d.code limit 500`));
  return found.map((a) => ({
    code: a.code, kind: a.kind, nameKk: a.nameKk, nameRu: a.nameRu, score: Number(a.score),
    districts: rows.filter((r) => r.root === a.id).map(({ root: _r, ...d }) => d),
  }));
}

/** What the public district page shows: no personal data beyond the inspector's public name. */
export async function publicDistrict(db: Executor, code: string, today: string, now: Date) {
  const parentAtu = alias(atus, 'parent_atu');
  const [district] = await db.select({
    id: districts.id, code: districts.code, nameKk: districts.nameKk, nameRu: districts.nameRu,
    atu: { nameKk: atus.nameKk, nameRu: atus.nameRu, kind: atus.kind },
    parentAtu: { nameKk: parentAtu.nameKk, nameRu: parentAtu.nameRu },
    point: {
      nameKk: policePoints.nameKk, nameRu: policePoints.nameRu, address: policePoints.address, phone: policePoints.phone,
      receptionHoursKk: policePoints.receptionHoursKk, receptionHoursRu: policePoints.receptionHoursRu,
    },
  }).from(districts)
    .innerJoin(atus, eq(atus.id, districts.atuId)).leftJoin(parentAtu, eq(parentAtu.id, atus.parentId))
    .innerJoin(policePoints, eq(policePoints.id, districts.pointId))
    .where(eq(districts.code, code)).limit(1);
  if (!district) return null;
  // One after the other: a transaction's connection runs one statement at a time.
  const inspectors = await db.select({ role: assignments.role, fullName: staff.fullName, rank: staff.rank, position: staff.position, photoUrl: staff.photoUrl })
      .from(assignments).innerJoin(staff, eq(staff.id, assignments.staffId)).where(and(
        eq(assignments.districtId, district.id), lte(assignments.effectiveFrom, today),
        or(isNull(assignments.effectiveTo), gte(assignments.effectiveTo, today)),
      )).orderBy(asc(assignments.role), asc(staff.fullName));
  const [next] = await db.select({
      id: meetings.id, number: meetings.number, startsAt: meetings.startsAt, endsAt: meetings.endsAt, format: meetings.format,
      venueName: meetings.venueName, venueAddress: meetings.venueAddress,
    }).from(meetingDistricts).innerJoin(meetings, eq(meetings.id, meetingDistricts.meetingId)).where(and(
      eq(meetingDistricts.districtId, district.id), eq(meetings.status, 'announced'), gte(meetings.endsAt, now),
      // Issue 14: residents never hear of a practice meeting.
      eq(meetings.practice, false),
    )).orderBy(asc(meetings.startsAt)).limit(1);
  const { id: _id, ...rest } = district;
  return { ...rest, parentAtu: district.parentAtu?.nameKk ? district.parentAtu : null, inspectors, nextMeeting: next ?? null };
}
