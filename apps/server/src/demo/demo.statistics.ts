import { createHash } from 'node:crypto';
import { idsByCode, upsertStatistics, type StatisticsValue, type Tx } from '@esep/db';
import { OFFENCE_CATEGORIES, quarterOf, type OffenceCategory } from '@esep/domain';

/**
 * District statistics for the demo region: every district, the current quarter and the four
 * before it (so this quarter has the same quarter of last year to compare with), one count per
 * offence category. Counts are pseudo-random but deterministic (a hash of district, quarter and
 * category), so re-seeding writes the same numbers and changes nothing.
 */

/** A typical quarterly level per category in a rural district. */
const LEVEL: Record<OffenceCategory, number> = {
  grave_crimes: 2, theft: 14, fraud: 9, robbery: 3, domestic_violence: 7, hooliganism: 4, drugs: 2, road_traffic: 11, administrative_offences: 38, other: 5,
};

function unit(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 0xffffffff;
}

export function lastQuarters(today: string, count: number): Array<{ year: number; quarter: number }> {
  let { year, quarter } = quarterOf(today);
  const out: Array<{ year: number; quarter: number }> = [];
  for (let i = 0; i < count; i += 1) {
    out.push({ year, quarter });
    quarter -= 1;
    if (quarter === 0) { quarter = 4; year -= 1; }
  }
  return out;
}

export function demoStatisticsRows(districts: ReadonlyArray<{ id: string; code: string }>, today: string): StatisticsValue[] {
  const rows: StatisticsValue[] = [];
  for (const d of districts) {
    // Each district has its own size; each quarter a common trend.
    const size = 0.5 + unit(`size|${d.code}`);
    for (const q of lastQuarters(today, 5)) {
      for (const category of OFFENCE_CATEGORIES) {
        const noise = 0.6 + 0.8 * unit(`${d.code}|${q.year}|${q.quarter}|${category}`);
        rows.push({ districtId: d.id, year: q.year, quarter: q.quarter, category, count: Math.round(LEVEL[category] * size * noise) });
      }
    }
  }
  return rows;
}

export async function seedDemoStatistics(tx: Tx, districtCodes: readonly string[], today: string, now: Date) {
  const ids = await idsByCode(tx, 'districts', districtCodes);
  const districts = [...ids].map(([code, id]) => ({ code, id }));
  return upsertStatistics(tx, demoStatisticsRows(districts, today), null, now);
}
