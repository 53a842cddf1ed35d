import type { ParticipationQuery, ParticipationReport } from '@esep/contracts';
import { participationCounts, territoryAreas, type ParticipationRow } from '@esep/db';
import { participationFigures } from '@esep/domain';
import type { z } from 'zod';
import { readerOf, type ServiceContext } from '../context.ts';
import { analyticsReport, areaKey, readAnalyticsQuery } from './analytics.query.ts';

type Query = z.infer<typeof ParticipationQuery>;
type Report = z.infer<typeof ParticipationReport>;

/**
 * Issue 15: participation per quarter for the territory and its children — the registered
 * participants of the meetings counted as the compliance report counts them, per
 * meeting and (residents) per 1,000 population, by format.
 */
export async function participationReport(ctx: ServiceContext, query: Query): Promise<Report> {
  const frame = await readAnalyticsQuery(ctx, query);
  const [areas, counts] = await Promise.all([
    territoryAreas(readerOf(ctx), frame.scope, frame.filter, frame.level),
    participationCounts(readerOf(ctx), frame.scope, frame.filter, frame.level, frame.range),
  ]);
  const population = new Map(areas.map((a) => [a.area ?? '', a.population]));
  const countsBy = new Map<string, ParticipationRow[]>();
  for (const row of counts) {
    const key = areaKey(row.quarterStart, row.area);
    countsBy.set(key, [...(countsBy.get(key) ?? []), row]);
  }
  return analyticsReport(ctx, frame, areas.flatMap((a) => (a.area ? [a.area] : [])),
    (start, area) => participationFigures(countsBy.get(areaKey(start, area)) ?? [], population.get(area ?? '') ?? null));
}
