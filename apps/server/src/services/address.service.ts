import { matchCoverage, matchSettlements, publicDistrict, setMatchThreshold, type CoverageMatch, type SettlementMatch } from '@esep/db';
import { parseAddressQuery } from '@esep/domain';
import { AppError } from '../http/app-error.ts';
import type { ServiceContext } from './context.ts';

/*
 * Issue 13, part 1: "find your inspector". A resident's words → her district(s): the street's
 * folded key is compared by trigram word similarity with the coverage's keys, the house number
 * picks the line whose range and parity hold it; a village or rural district name leads to its
 * districts; when nothing matches, the nearest streets are offered ("did you mean").
 * Read-only and anonymous: no audit entry (nothing changes), and the query is not logged.
 */

export const ADDRESS_QUERY_MAX = 200;
/** A match: close enough for a typo or a missing letter ("Abaya" ~ "Абая"). */
const MATCH_SCORE = 0.5;
/** A suggestion: what looks a little like it, when nothing matched. */
const SUGGEST_SCORE = 0.3;
const MATCH_LIMIT = 50;

export const ADDRESS_QUERY_MESSAGES = {
  kk: 'Көшенің немесе елді мекеннің атауын жазыңыз (200 таңбадан аспауы керек), мысалы: «Абай көшесі 12».',
  ru: 'Введите название улицы или населённого пункта (не более 200 символов), например: «улица Абая 12».',
  en: 'Type a street or settlement name (at most 200 characters), for example “Abai street 12”.',
} as const;

export interface DistrictMatch {
  districtCode: string; districtNameKk: string; districtNameRu: string;
  settlementNameKk: string; settlementNameRu: string;
  streetKind: string; streetNameKk: string; streetNameRu: string;
  /** The covered houses of this street in this district (a range, or one building). */
  ranges: Array<{ from: number | null; to: number | null; parity: 'all' | 'odd' | 'even' }>;
  score: number;
}
export interface StreetSuggestion { streetKind: string; streetNameKk: string; streetNameRu: string; settlementNameKk: string; settlementNameRu: string }
export interface AddressLookup {
  query: { key: string; house: number | null };
  matches: DistrictMatch[];
  settlements: SettlementMatch[];
  /** Only when nothing matched: the nearest streets, or the matched street when no line holds the house. */
  suggestions: StreetSuggestion[];
}

/** Throws the 400 of a query that is empty or too long (the JSON API and the /find page alike). */
export function checkAddressQuery(q: string | undefined): string {
  const text = (q ?? '').trim();
  if (text === '' || text.length > ADDRESS_QUERY_MAX) throw new AppError('validation_failed', [{ field: 'q', reason: text === '' ? 'empty' : 'too_long' }], 400, ADDRESS_QUERY_MESSAGES);
  return text;
}

/** One entry per district and street; its lines' ranges together. */
function byDistrictStreet(rows: readonly CoverageMatch[]): DistrictMatch[] {
  const out = new Map<string, DistrictMatch>();
  for (const r of rows) {
    const key = `${r.districtCode}|${r.streetKind}|${r.streetNameRu}`;
    const range = { from: r.houseFrom, to: r.houseTo, parity: r.parity };
    const found = out.get(key);
    if (found) { found.ranges.push(range); continue; }
    const { houseFrom: _f, houseTo: _t, parity: _p, ...rest } = r;
    out.set(key, { ...rest, ranges: [range] });
  }
  return [...out.values()];
}

function distinctStreets(rows: readonly CoverageMatch[], limit: number): StreetSuggestion[] {
  const seen = new Map<string, StreetSuggestion>();
  for (const r of rows) {
    const key = `${r.streetKind}|${r.streetNameRu}|${r.settlementNameRu}`;
    if (!seen.has(key)) seen.set(key, { streetKind: r.streetKind, streetNameKk: r.streetNameKk, streetNameRu: r.streetNameRu, settlementNameKk: r.settlementNameKk, settlementNameRu: r.settlementNameRu });
  }
  return [...seen.values()].slice(0, limit);
}

export async function lookupAddress(ctx: ServiceContext, q: string | undefined, houseParam?: number | null): Promise<AddressLookup> {
  const text = checkAddressQuery(q);
  const parsed = parseAddressQuery(text);
  const house = houseParam ?? parsed.house;
  const query = { key: parsed.key, house };
  if (parsed.key === '') throw new AppError('validation_failed', [{ field: 'q', reason: 'no_name' }], 400, ADDRESS_QUERY_MESSAGES);
  // One transaction: the similarity threshold is set for it alone (set_config … true).
  return ctx.db.transaction(async (tx) => {
    await setMatchThreshold(tx, MATCH_SCORE);
    const rows = await matchCoverage(tx, parsed.key, house, MATCH_LIMIT);
    // A street with its house found is the answer; otherwise the words may name a settlement.
    const settlements = rows.length > 0 && house != null ? [] : await matchSettlements(tx, parsed.key, 5);
    if (rows.length > 0 || settlements.length > 0) return { query, matches: byDistrictStreet(rows), settlements, suggestions: [] };
    // The street exists but no line holds this house: offer the street itself (check the number).
    const streetOnly = house != null ? await matchCoverage(tx, parsed.key, null, MATCH_LIMIT) : [];
    if (streetOnly.length === 0) await setMatchThreshold(tx, SUGGEST_SCORE);
    const near = streetOnly.length > 0 ? streetOnly : await matchCoverage(tx, parsed.key, null, MATCH_LIMIT);
    return { query, matches: [], settlements: [], suggestions: distinctStreets(near, 8) };
  });
}

export type PublicDistrict = NonNullable<Awaited<ReturnType<typeof publicDistrict>>>;

/** The public district page's facts, or null for an unknown code. */
export async function districtPage(ctx: ServiceContext, code: string): Promise<PublicDistrict | null> {
  if (code.length > 100) return null;
  return publicDistrict(ctx.db, code, ctx.today, ctx.now());
}
