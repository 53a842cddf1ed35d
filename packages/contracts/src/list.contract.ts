import { z } from 'zod';
import { SearchText } from './text.contract.ts';

/**
 * One convention for every list: `page` (from 1), `pageSize` (≤ 200), `sort` as a field name,
 * `-field` for descending, and `q` for free-text search; filters are further query fields.
 * Answers are `{ items, page, pageSize, total }`.
 */
export const listQuery = <S extends readonly [string, ...string[]]>(sortFields: S) => z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  sort: z.enum([...sortFields, ...sortFields.map((f) => `-${f}`)] as [string, ...string[]]).optional(),
  q: SearchText(200).optional(),
});

export const page = <T extends z.ZodType>(item: T) => z.object({
  items: z.array(item),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export interface ListParams {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
}

export const IdParam = z.object({ id: z.uuid() }).strict();

/**
 * The years a date in Esep may fall in, as the structure import reads them (structure.cells.ts):
 * sources and statistics may reach back decades, and a date far ahead is refused by its rule
 * (with the rule's reason) rather than by its form. Outside them a date is a typo, and before
 * year 1 or past 9999 it would not even reach the database.
 */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2999;
const inYears = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
};

/**
 * A calendar date, YYYY-MM-DD, that exists (2025-02-30, 2026-02-29 and 2025-13-01 do not): the one
 * date schema of every query string and body.
 */
export const IsoDate = z.iso.date({ error: 'YYYY-MM-DD' }).refine(inYears, { error: `year_${YEAR_MIN}_${YEAR_MAX}`, abort: true });
/** A real instant with its offset, e.g. 2026-12-20T18:00:00+05:00 (Z for UTC): the one date-time schema of requests. */
export const Instant = z.iso.datetime({ offset: true, error: 'YYYY-MM-DDThh:mm:ss±hh:mm' }).refine(inYears, { error: `year_${YEAR_MIN}_${YEAR_MAX}`, abort: true });
