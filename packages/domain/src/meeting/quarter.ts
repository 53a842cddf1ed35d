import { addDays } from '../time/almaty.ts';

/** A calendar quarter (R-22.13: at least one reporting meeting per calendar quarter). */
export interface Quarter { year: number; quarter: 1 | 2 | 3 | 4 }

export function quarterOf(isoDate: string): Quarter {
  const month = Number(isoDate.slice(5, 7));
  return { year: Number(isoDate.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as Quarter['quarter'] };
}

export function quarterStart(q: Quarter): string {
  return `${q.year}-${String((q.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function quarterEnd(q: Quarter): string {
  const next = q.quarter === 4 ? { year: q.year + 1, quarter: 1 as const } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] };
  return addDays(quarterStart(next), -1);
}

export function quarterKey(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

export function parseQuarterKey(key: string): Quarter | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) as Quarter['quarter'] } : null;
}

export function containsDate(q: Quarter, isoDate: string): boolean {
  return quarterStart(q) <= isoDate && isoDate <= quarterEnd(q);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
