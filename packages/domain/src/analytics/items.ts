import { ITEM_KINDS, ITEM_RESOLUTIONS, type ItemKind, type ItemResolution } from '../holding/item.rules.ts';

/*
 * Issue 15: the items raised at the meetings counted by the analytics (R-31) and what followed
 * them — checks (R-32.4) on time or overdue, forwardings (R-32.5) per receiving body with the
 * initiator notified, and the residents' own verdicts (issue 13). The counts come from the
 * records (packages/db analytics-items.repository.ts) as one count per dimension and value; this
 * lays them out in one order for the API, the charts and the exports.
 */

export type ItemDimension = 'kind' | 'topic' | 'outcome' | 'check' | 'body' | 'forwarding' | 'verdict';

/** A count of one value of one dimension; `notified` for forwardings (body, forwarding). */
export interface ItemCount { dim: ItemDimension; key: string; n: number; notified: number }

export interface AnalyticsName { nameKk: string; nameRu: string }

export interface ItemFigures {
  items: number;
  byKind: Array<{ kind: ItemKind; n: number }>;
  byTopic: Array<{ topic: string; nameKk: string; nameRu: string; n: number }>;
  byOutcome: Array<{ outcome: ItemResolution; n: number }>;
  checks: { onTime: number; overdue: number; open: number };
  forwardings: { total: number; notified: number; byBody: Array<{ bodyId: string; nameKk: string; nameRu: string; n: number; notified: number }> };
  verdicts: { resolved: number; notResolved: number };
}

/** Biggest first; equal counts by code, so the order never depends on the database's. */
const biggestFirst = <T extends { n: number }>(key: (x: T) => string) => (a: T, b: T) =>
  b.n - a.n || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Counts → figures: every kind and outcome listed (zeros included, in their order), the topics
 * and bodies with at least one item, biggest first (names from `topics` and `bodies`; the code
 * when a name is unknown). A forwarding with no body chosen yet counts in `total` only.
 */
export function itemFigures(counts: readonly ItemCount[], topics: ReadonlyMap<string, AnalyticsName>, bodies: ReadonlyMap<string, AnalyticsName>): ItemFigures {
  const of = (dim: ItemDimension) => counts.filter((c) => c.dim === dim);
  const n = (dim: ItemDimension, key: string) => of(dim).filter((c) => c.key === key).reduce((s, c) => s + c.n, 0);
  const name = (names: ReadonlyMap<string, AnalyticsName>, key: string) => names.get(key) ?? { nameKk: key, nameRu: key };
  const forwarding = of('forwarding');
  return {
    items: of('kind').reduce((s, c) => s + c.n, 0),
    byKind: ITEM_KINDS.map((kind) => ({ kind, n: n('kind', kind) })),
    byTopic: of('topic').filter((c) => c.n > 0)
      .map((c) => ({ topic: c.key, ...pick(name(topics, c.key)), n: c.n }))
      .sort(biggestFirst((x) => x.topic)),
    byOutcome: ITEM_RESOLUTIONS.map((outcome) => ({ outcome, n: n('outcome', outcome) })),
    checks: { onTime: n('check', 'on_time'), overdue: n('check', 'overdue'), open: n('check', 'open') },
    forwardings: {
      total: forwarding.reduce((s, c) => s + c.n, 0), notified: forwarding.reduce((s, c) => s + c.notified, 0),
      byBody: of('body').filter((c) => c.n > 0)
        .map((c) => ({ bodyId: c.key, ...pick(name(bodies, c.key)), n: c.n, notified: c.notified }))
        .sort(biggestFirst((x) => x.bodyId)),
    },
    verdicts: { resolved: n('verdict', 'resolved'), notResolved: n('verdict', 'not_resolved') },
  };
}

const pick = (x: AnalyticsName): AnalyticsName => ({ nameKk: x.nameKk, nameRu: x.nameRu });
