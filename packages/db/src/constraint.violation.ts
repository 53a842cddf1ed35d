/**
 * A write refused by a constraint of the database, read from the error PostgreSQL (or PGlite)
 * raised, however the driver and drizzle wrap it: a unique violation (23505) means the record
 * already exists (two requests raced past the service's own check, or nothing checked first);
 * a foreign-key violation (23503) means a record it names is missing or a record still names it.
 */
export interface ConstraintViolation {
  /** unique: the record exists; missing_reference: a record it names does not; still_referenced: other records name it. */
  kind: 'unique' | 'missing_reference' | 'still_referenced';
  /** The constraint or index name, e.g. `users_username_unique`. */
  constraint: string | null;
  /** The columns the constraint covers, as API field names (`person_name` → `personName`). */
  fields: string[];
}

export function constraintViolation(error: unknown): ConstraintViolation | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth += 1) {
    const e = current as { code?: unknown; constraint?: unknown; detail?: unknown; cause?: unknown };
    if (e.code === '23505' || e.code === '23503') {
      const detail = typeof e.detail === 'string' ? e.detail : '';
      const kind = e.code === '23505' ? 'unique' : /still referenced/.test(detail) ? 'still_referenced' : 'missing_reference';
      return { kind, constraint: typeof e.constraint === 'string' ? e.constraint : null, fields: keyColumns(detail) };
    }
    current = e.cause;
  }
  return null;
}

/**
 * The columns of `Key (a, lower(b))=(…) already exists.`, as camelCase field names; the values
 * after `=` (personal data) are never read.
 */
function keyColumns(detail: string): string[] {
  const start = detail.indexOf('Key (');
  if (start < 0) return [];
  let depth = 0;
  let end = -1;
  for (let i = start + 4; i < detail.length; i += 1) {
    if (detail[i] === '(') depth += 1;
    else if (detail[i] === ')' && --depth === 0) { end = i; break; }
  }
  if (end < 0) return [];
  return detail.slice(start + 5, end).split(',')
    .map((part) => /([a-z_][a-z0-9_]*)\)*\s*$/i.exec(part.trim())?.[1] ?? '')
    .filter(Boolean)
    .map((column) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()));
}
