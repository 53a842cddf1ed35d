import { describe, expect, it } from 'vitest';
import { itemFigures, type ItemCount } from './items.ts';

const c = (dim: ItemCount['dim'], key: string, n: number, notified = 0): ItemCount => ({ dim, key, n, notified });
const topics = new Map([
  ['public_order', { nameKk: 'Қоғамдық тәртіп', nameRu: 'Общественный порядок' }],
  ['roads', { nameKk: 'Жол', nameRu: 'Дороги' }],
  ['youth', { nameKk: 'Жастар', nameRu: 'Молодёжь' }],
]);
const bodies = new Map([['b1', { nameKk: 'Әкімдік', nameRu: 'Акимат' }], ['b2', { nameKk: 'ЖКШ', nameRu: 'ЖКХ' }]]);

describe('item figures (issue 15)', () => {
  it('lists every kind and outcome in order, zeros included, and counts the items by kind', () => {
    const f = itemFigures([c('kind', 'question', 2), c('kind', 'complaint', 3), c('outcome', 'to_check', 1), c('outcome', 'answered', 2)], topics, bodies);
    expect(f.items).toBe(5);
    expect(f.byKind).toEqual([{ kind: 'complaint', n: 3 }, { kind: 'proposal', n: 0 }, { kind: 'remark', n: 0 }, { kind: 'question', n: 2 }]);
    expect(f.byOutcome).toEqual([{ outcome: 'answered', n: 2 }, { outcome: 'to_check', n: 1 }, { outcome: 'to_forward', n: 0 }]);
  });

  it('orders topics and bodies biggest first (equal counts by code), leaving out empty ones, with their names', () => {
    const f = itemFigures([
      c('topic', 'youth', 1), c('topic', 'roads', 3), c('topic', 'public_order', 1), c('topic', 'gone', 0),
      c('body', 'b2', 1, 0), c('body', 'b1', 2, 1), c('forwarding', '', 4, 2),
    ], topics, bodies);
    expect(f.byTopic).toEqual([
      { topic: 'roads', nameKk: 'Жол', nameRu: 'Дороги', n: 3 },
      { topic: 'public_order', nameKk: 'Қоғамдық тәртіп', nameRu: 'Общественный порядок', n: 1 },
      { topic: 'youth', nameKk: 'Жастар', nameRu: 'Молодёжь', n: 1 },
    ]);
    // Four forwardings, one of them with no body chosen yet: in the total only.
    expect(f.forwardings).toEqual({
      total: 4, notified: 2,
      byBody: [{ bodyId: 'b1', nameKk: 'Әкімдік', nameRu: 'Акимат', n: 2, notified: 1 }, { bodyId: 'b2', nameKk: 'ЖКШ', nameRu: 'ЖКХ', n: 1, notified: 0 }],
    });
  });

  it('counts checks and verdicts; nothing counted is all zeros', () => {
    const f = itemFigures([c('check', 'on_time', 2), c('check', 'overdue', 1), c('verdict', 'not_resolved', 1)], topics, bodies);
    expect(f.checks).toEqual({ onTime: 2, overdue: 1, open: 0 });
    expect(f.verdicts).toEqual({ resolved: 0, notResolved: 1 });
    const none = itemFigures([], topics, bodies);
    expect(none).toMatchObject({ items: 0, byTopic: [], checks: { onTime: 0, overdue: 0, open: 0 }, forwardings: { total: 0, notified: 0, byBody: [] }, verdicts: { resolved: 0, notResolved: 0 } });
  });

  it('names an unknown topic by its code', () => {
    expect(itemFigures([c('topic', 'retired', 1)], new Map(), bodies).byTopic).toEqual([{ topic: 'retired', nameKk: 'retired', nameRu: 'retired', n: 1 }]);
  });
});
