import { z } from 'zod';

/**
 * One convention for every list: `page` (from 1), `pageSize` (≤ 200), `sort` as a field name,
 * `-field` for descending, and `q` for free-text search; filters are further query fields.
 * Answers are `{ items, page, pageSize, total }`.
 */
export const listQuery = <S extends readonly [string, ...string[]]>(sortFields: S) => z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  sort: z.enum([...sortFields, ...sortFields.map((f) => `-${f}`)] as [string, ...string[]]).optional(),
  q: z.string().trim().max(200).optional(),
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
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
