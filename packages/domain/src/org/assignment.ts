/**
 * an inspector acts in the district he is assigned to. Assignments carry effective
 * dates (inclusive, Asia/Almaty calendar dates; `to` null = still in force) and are never
 * deleted, so "who served district X on date D" can be answered for any past date.
 */
export const ASSIGNMENT_ROLES = ['inspector', 'assistant'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export interface AssignmentPeriod {
  from: string;
  to: string | null;
}

export function activeOn(period: AssignmentPeriod, isoDate: string): boolean {
  return period.from <= isoDate && (period.to == null || isoDate <= period.to);
}

export function periodsOverlap(a: AssignmentPeriod, b: AssignmentPeriod): boolean {
  const aEnd = a.to ?? '9999-12-31';
  const bEnd = b.to ?? '9999-12-31';
  return a.from <= bEnd && b.from <= aEnd;
}

export function periodIsValid(period: AssignmentPeriod): boolean {
  return period.to == null || period.from <= period.to;
}

/**
 * One district has one inspector at a time: a new inspector assignment may not overlap an
 * existing one of the same district. Returns the conflicting period, if any.
 */
export function conflictingPeriod<T extends AssignmentPeriod>(existing: readonly T[], proposed: AssignmentPeriod): T | null {
  return existing.find((p) => periodsOverlap(p, proposed)) ?? null;
}
