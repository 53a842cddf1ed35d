import type { ItemsQuery, ItemsReport } from '@esep/contracts';
import { allTopics, itemCounts, stateBodyNames, territoryAreas, type ItemCountRow } from '@esep/db';
import { itemFigures } from '@esep/domain';
import type { z } from 'zod';
import { readerOf, type ServiceContext } from '../context.ts';
import { analyticsReport, areaKey, listOf, readAnalyticsQuery, refuse } from './analytics.query.ts';

type Query = z.infer<typeof ItemsQuery>;
type Report = z.infer<typeof ItemsReport>;

/**
 * Issue 15: the items (R-31) of the meetings counted as the compliance report counts them, per
 * quarter for the territory and its children — by kind, topic and outcome, their checks (R-32.4)
 * and forwardings (R-32.5), and the residents' verdicts; `topic` keeps only items of those
 * topics (codes of the item_topics list; an unknown one is a 400).
 */
export async function itemsReport(ctx: ServiceContext, query: Query): Promise<Report> {
  const topicRows = await allTopics(readerOf(ctx));
  const topics = new Map(topicRows.map((t) => [t.code, { nameKk: t.nameKk, nameRu: t.nameRu }]));
  const asked = [...new Set(listOf(query.topic))];
  const frame = await readAnalyticsQuery(ctx, query, () => {
    const unknown = asked.find((t) => !topics.has(t));
    if (unknown !== undefined) {
      throw refuse('topic', 'unknown_topic', {
        kk: `Мұндай мәселе тақырыбы жоқ: ${unknown}`, ru: `Такой темы вопросов нет: ${unknown}`, en: `No such item topic: ${unknown}`,
      }, { topic: unknown });
    }
  });
  const [areas, counts] = await Promise.all([
    territoryAreas(readerOf(ctx), frame.scope, frame.filter, frame.level),
    itemCounts(readerOf(ctx), frame.scope, { ...frame.filter, topics: asked }, frame.level, frame.range, ctx.today),
  ]);
  const bodies = new Map((await stateBodyNames(readerOf(ctx), [...new Set(counts.filter((c) => c.dim === 'body').map((c) => c.key))]))
    .map((b) => [b.id, { nameKk: b.nameKk, nameRu: b.nameRu }]));
  const countsBy = new Map<string, ItemCountRow[]>();
  for (const row of counts) {
    const key = areaKey(row.quarterStart, row.area);
    countsBy.set(key, [...(countsBy.get(key) ?? []), row]);
  }
  return analyticsReport(ctx, frame, areas.flatMap((a) => (a.area ? [a.area] : [])),
    (start, area) => itemFigures(countsBy.get(areaKey(start, area)) ?? [], topics, bodies));
}
