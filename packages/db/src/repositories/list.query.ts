import { asc, desc, type AnyColumn, type SQL } from 'drizzle-orm';

export interface PageRequest { page: number; pageSize: number; sort?: string | undefined }
export interface Paged<T> { items: T[]; page: number; pageSize: number; total: number }

/** `sort` is a field name, `-field` for descending; a tie-breaker keeps paging stable. */
export function orderBy(columns: Record<string, AnyColumn | SQL>, sort: string | undefined, tieBreaker: AnyColumn): SQL[] {
  const result: SQL[] = [];
  if (sort) {
    const descending = sort.startsWith('-');
    const column = columns[descending ? sort.slice(1) : sort];
    if (column) result.push(descending ? desc(column) : asc(column));
    if (column) return [...result, descending ? desc(tieBreaker) : asc(tieBreaker)];
  }
  return [asc(tieBreaker)];
}

export function paged<T>(items: T[], total: number, request: PageRequest): Paged<T> {
  return { items, total: Number(total), page: request.page, pageSize: request.pageSize };
}

/** Escapes LIKE wildcards in user search text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
