import { districtRefs, statisticsOf, upsertStatistics, type StatisticsValue } from '@esep/db';
import { OFFENCE_CATEGORIES, statisticsChange, type OffenceCategory } from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';

/**
 * District statistics (R-29, R-30 ¶1): registered offences per category and quarter, compared
 * with the same quarter of the year before. Every category is always listed (0 when nothing was
 * recorded); last year's column is empty when nothing at all was recorded for that quarter.
 */

export interface QuarterRef { year: number; quarter: number }

export function statisticsRows(values: readonly StatisticsValue[], districtId: string, q: QuarterRef) {
  const of = (year: number) => values.filter((v) => v.districtId === districtId && v.year === year && v.quarter === q.quarter);
  const current = of(q.year);
  const previous = of(q.year - 1);
  const countIn = (rows: StatisticsValue[], c: OffenceCategory) => rows.find((r) => r.category === c)?.count ?? 0;
  return statisticsChange(OFFENCE_CATEGORIES.map((category) => ({
    category, count: countIn(current, category), lastYear: previous.length ? countIn(previous, category) : null,
  })));
}

/** Statistics of several districts for one quarter, with last year, in two queries. */
export async function statisticsFor(ctx: Pick<ServiceContext, 'db'>, districtIds: readonly string[], q: QuarterRef) {
  const values = await statisticsOf(ctx.db, districtIds, [q, { year: q.year - 1, quarter: q.quarter }]);
  return new Map(districtIds.map((id) => [id, statisticsRows(values, id, q)]));
}

function present(districtId: string, q: QuarterRef, rows: ReturnType<typeof statisticsRows>) {
  const hasLastYear = rows.some((r) => r.lastYear != null);
  return {
    districtId, year: q.year, quarter: q.quarter, rows,
    total: { count: rows.reduce((s, r) => s + r.count, 0), lastYear: hasLastYear ? rows.reduce((s, r) => s + (r.lastYear ?? 0), 0) : null },
  };
}

export async function districtStatistics(ctx: ServiceContext, districtId: string, q: QuarterRef) {
  if ((await districtRefs(ctx.db, [districtId])).length === 0) throw new AppError('not_found');
  const rows = (await statisticsFor(ctx, [districtId], q)).get(districtId)!;
  return present(districtId, q, rows);
}

export interface StatisticsInput { year: number; quarter: number; rows: Array<{ category: OffenceCategory; count: number }> }

/** Replaces the given categories' counts for the quarter; the others keep theirs. */
export async function saveStatistics(ctx: ServiceContext, districtId: string, input: StatisticsInput) {
  if ((await districtRefs(ctx.db, [districtId])).length === 0) throw new AppError('not_found');
  const seen = new Set<string>();
  for (const [i, r] of input.rows.entries()) {
    if (seen.has(r.category)) throw new AppError('validation_failed', [{ field: `body.rows.${i}.category`, reason: 'repeated category', code: 'duplicate' }]);
    seen.add(r.category);
  }
  const q = { year: input.year, quarter: input.quarter };
  await inTransaction(ctx, async (tx, audit) => {
    const counts = await upsertStatistics(tx, input.rows.map((r) => ({ districtId, ...q, category: r.category, count: r.count })), requireActor(ctx).id, ctx.now());
    await audit({
      action: 'statistics.update', entityType: 'district', entityId: districtId,
      after: { ...q, rows: Object.fromEntries(input.rows.map((r) => [r.category, r.count])), counts },
    });
  });
  return districtStatistics(ctx, districtId, q);
}
