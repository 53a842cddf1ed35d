import { parseQuarterKey, quarterKey } from '@esep/domain';

/** The quarter before or after `key` ("2026-Q4" ± 1 → "2027-Q1"). */
export function shiftQuarter(key: string, by: number): string {
  const q = parseQuarterKey(key);
  if (!q) return key;
  const index = q.year * 4 + (q.quarter - 1) + by;
  return quarterKey({ year: Math.floor(index / 4), quarter: ((index % 4) + 1) as 1 | 2 | 3 | 4 });
}

export const isQuarterKey = (value: string | null): value is string => value !== null && parseQuarterKey(value) !== null;
