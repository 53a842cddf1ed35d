import { describe, expect, it } from 'vitest';
import type { ComplianceFigures, ComplianceReport, ItemFigures, ParticipationFigures } from './analytics.types.ts';
import { viewQuery } from './analytics.types.ts';
import {
  childRows, crumbs, itemCounts, itemsLink, lineRows, meetingsLink, pageRows, participationTrend, percent, quarterDates, quarterOptions, readView,
  sortRows, trendRows, withTerritory, writeView,
} from './analytics.model.ts';

const REGION = '11111111-1111-4111-8111-111111111111';
const UNIT = '22222222-2222-4222-8222-222222222222';
const POINT_A = '33333333-3333-4333-8333-333333333333';
const POINT_B = '44444444-4444-4444-8444-444444444444';

const figures = (districts: number, met: number, meetings: number, notice: [number, number]): ComplianceFigures => ({
  districts, meetings, obligation: { rule: 'R-22.13', met, share: districts ? Math.round((met / districts) * 1000) / 1000 : null },
  lines: [{ key: 'notice', rule: 'R-27.1', met: notice[0], judged: notice[1], share: notice[1] ? Math.round((notice[0] / notice[1]) * 1000) / 1000 : null }],
});

const report: ComplianceReport = {
  from: '2026-Q3', to: '2026-Q4', today: '2026-12-06',
  territory: { level: 'unit', id: UNIT }, childLevel: 'point',
  path: [
    { level: 'region', id: REGION, code: 'ALM', nameKk: 'Алматы облысы', nameRu: 'Алматинская область' },
    { level: 'unit', id: UNIT, code: 'ALM-KAR', nameKk: 'Қарасай', nameRu: 'Карасай' },
  ],
  quarters: [
    { quarter: '2026-Q3', total: figures(4, 1, 2, [1, 2]), children: [] },
    {
      quarter: '2026-Q4', total: figures(4, 2, 3, [2, 3]), children: [
        { id: POINT_A, code: 'ALM-KAR-P1', nameKk: 'П1', nameRu: 'П1', figures: figures(2, 0, 0, [0, 0]) },
        { id: POINT_B, code: 'ALM-KAR-P2', nameKk: 'П2', nameRu: 'П2', figures: figures(2, 2, 3, [2, 3]) },
      ],
    },
  ],
};

describe('the view in the URL', () => {
  it('reads and writes the range, one territory, the rule, format and topic; drops what is malformed', () => {
    const view = readView(new URLSearchParams(`from=2026-Q1&to=2026-Q4&point=${POINT_A}&rule=R-26&format=indoor&topic=roads`));
    expect(view).toEqual({ from: '2026-Q1', to: '2026-Q4', level: 'point', id: POINT_A, rule: 'R-26', format: 'indoor', topic: 'roads' });
    expect(readView(new URLSearchParams(writeView(view)))).toEqual(view);
    expect(readView(new URLSearchParams('from=2026-Q9&rule=R-99'))).toMatchObject({ from: undefined, rule: undefined, level: undefined });
    expect(viewQuery(view)).toEqual({ from: '2026-Q1', to: '2026-Q4', rule: 'R-26', point: POINT_A });
    expect(viewQuery(view, ['format', 'topic'])).toMatchObject({ format: 'indoor', topic: 'roads' });
  });

  it('drills down and back up, keeping the rest of the view', () => {
    const view = readView(new URLSearchParams(`from=2026-Q3&to=2026-Q4&unit=${UNIT}&rule=R-27.1`));
    expect(writeView(withTerritory(view, 'point', POINT_A))).toBe(`from=2026-Q3&to=2026-Q4&point=${POINT_A}&rule=R-27.1`);
    expect(writeView(withTerritory(view, 'national', null))).toBe('from=2026-Q3&to=2026-Q4&rule=R-27.1');
  });

  it('offers the last quarters newest first, across a year boundary', () => {
    expect(quarterOptions('2027-02-10', 3)).toEqual(['2027-Q1', '2026-Q4', '2026-Q3']);
    expect(quarterDates('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });
});

describe('the breadcrumb', () => {
  it('lets a unit head open his unit and below, not the region or the country', () => {
    const path = [...report.path, { level: 'point' as const, id: POINT_A, code: 'ALM-KAR-P1', nameKk: 'П1', nameRu: 'П1' }];
    const chief = crumbs(path, 'unit_head');
    expect(chief.map((c) => [c.level, c.link, c.current])).toEqual([
      ['national', false, false], ['region', false, false], ['unit', true, false], ['point', false, true],
    ]);
    expect(crumbs(path, 'national_analyst').map((c) => c.link)).toEqual([true, true, true, false]);
  });
});

describe('the rows behind the charts', () => {
  it('puts R-22.13 first, then each line, with its counts', () => {
    expect(lineRows(report.quarters[1]!.total)).toEqual([
      { rule: 'R-22.13', key: 'obligation', met: 2, judged: 4, share: 0.5 },
      { rule: 'R-27.1', key: 'notice', met: 2, judged: 3, share: 0.667 },
    ]);
    expect(trendRows(report).map((r) => [r.quarter, r.meetings, r.lines[0]!.share])).toEqual([['2026-Q3', 2, 0.25], ['2026-Q4', 3, 0.5]]);
  });

  it('compares the children of the last quarter best first; a share not judged goes last', () => {
    expect(childRows(report, 'R-22.13').map((r) => [r.code, r.share])).toEqual([['ALM-KAR-P2', 1], ['ALM-KAR-P1', 0]]);
    expect(childRows(report, 'R-27.1').map((r) => [r.code, r.share])).toEqual([['ALM-KAR-P2', 0.667], ['ALM-KAR-P1', null]]);
    expect(sortRows(childRows(report, 'R-27.1'), 'share').map((r) => r.code)).toEqual(['ALM-KAR-P2', 'ALM-KAR-P1']);
    expect(sortRows(childRows(report, 'R-22.13'), 'code').map((r) => r.code)).toEqual(['ALM-KAR-P1', 'ALM-KAR-P2']);
  });

  it('pages rows, a page past the end showing the last', () => {
    const rows = Array.from({ length: 23 }, (_, i) => i);
    expect(pageRows(rows, 3)).toEqual([20, 21, 22]);
    expect(pageRows(rows, 9)).toEqual([20, 21, 22]);
    expect(pageRows(rows, 1, 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it('links a figure to the counted meetings of its territory and quarter', () => {
    expect(meetingsLink({ level: 'point', id: POINT_A }, '2026-Q4')).toBe(`/meetings/list?pointId=${POINT_A}&from=2026-10-01&to=2026-12-31&counted=true`);
    expect(meetingsLink({ level: 'region', id: REGION }, '2026-Q1')).toBe(`/meetings/list?regionId=${REGION}&from=2026-01-01&to=2026-03-31&counted=true`);
    expect(meetingsLink({ level: null, id: null }, '2026-Q1')).toBe('/meetings/list?from=2026-01-01&to=2026-03-31&counted=true');
    // A line's figure: the meetings judged for it, met or not; counts districts, so all counted meetings.
    expect(meetingsLink({ level: 'point', id: POINT_A }, '2026-Q4', { rule: 'R-27.1', met: false })).toBe(`/meetings/list?pointId=${POINT_A}&from=2026-10-01&to=2026-12-31&counted=true&rule=R-27.1&met=false`);
    expect(meetingsLink({ level: 'point', id: POINT_A }, '2026-Q4', { rule: 'R-32.1' })).toBe(`/meetings/list?pointId=${POINT_A}&from=2026-10-01&to=2026-12-31&counted=true&rule=R-32.1`);
    expect(meetingsLink({ level: 'point', id: POINT_A }, '2026-Q4', { rule: 'R-22.13', met: true })).toBe(meetingsLink({ level: 'point', id: POINT_A }, '2026-Q4'));
    // Checks and forwardings open the control board of the territory; the overdue ones alone for "overdue".
    expect(itemsLink({ level: 'point', id: POINT_A }, { group: 'checks', key: 'overdue' }, '2026-Q4')).toBe(`/control?point=${POINT_A}&kind=check&status=all&overdue=1`);
    expect(itemsLink({ level: 'unit', id: POINT_A }, { group: 'forwardings', key: 'total' }, '2026-Q4')).toBe(`/control?unit=${POINT_A}&kind=forwarding&status=all`);
    expect(itemsLink({ level: 'point', id: POINT_A }, { group: 'kind', key: 'complaint' }, '2026-Q4')).toBe(meetingsLink({ level: 'point', id: POINT_A }, '2026-Q4'));
    expect(percent(0.667)).toBe('66.7 %');
    expect(percent(null)).toBe('—');
  });
});

describe('participation and items (the agreed shapes, on made-up figures)', () => {
  const participation: ParticipationFigures = {
    meetings: 4, participants: 90, residents: 70, perMeeting: 22.5, population: 12000, perThousand: 5.83,
    byFormat: [{ format: 'indoor', meetings: 3, participants: 80 }, { format: 'open_air', meetings: 1, participants: 10 }, { format: 'online', meetings: 0, participants: 0 }, { format: 'hybrid', meetings: 0, participants: 0 }],
  };
  const items: ItemFigures = {
    items: 7,
    byKind: [{ kind: 'complaint', n: 3 }, { kind: 'proposal', n: 2 }, { kind: 'remark', n: 1 }, { kind: 'question', n: 1 }],
    byTopic: [{ topic: 'roads', nameKk: 'Жолдар', nameRu: 'Дороги', n: 4 }, { topic: 'public_order', nameKk: 'Тәртіп', nameRu: 'Порядок', n: 3 }],
    byOutcome: [{ outcome: 'answered', n: 3 }, { outcome: 'to_check', n: 2 }, { outcome: 'to_forward', n: 2 }],
    checks: { onTime: 1, overdue: 1, open: 0 },
    forwardings: { total: 2, notified: 1, byBody: [{ bodyId: 'b1', nameKk: 'Әкімдік', nameRu: 'Акимат', n: 2, notified: 1 }] },
    verdicts: { resolved: 1, notResolved: 2 },
  };

  it('turns the participation report into one row per quarter', () => {
    expect(participationTrend([{ quarter: '2026-Q4', total: participation }])).toEqual([
      { quarter: '2026-Q4', meetings: 4, participants: 90, residents: 70, perMeeting: 22.5, perThousand: 5.83 },
    ]);
  });

  it('lists every item count once in its group, topics last, and the counts add up to the items', () => {
    const counts = itemCounts(items);
    expect(counts.filter((c) => c.group === 'kind').reduce((s, c) => s + c.n, 0)).toBe(items.items);
    expect(counts.filter((c) => c.group === 'outcome').reduce((s, c) => s + c.n, 0)).toBe(items.items);
    expect(counts.map((c) => c.group)).toEqual([
      'kind', 'kind', 'kind', 'kind', 'outcome', 'outcome', 'outcome', 'checks', 'checks', 'checks', 'forwardings', 'forwardings', 'verdicts', 'verdicts', 'topic', 'topic',
    ]);
    expect(counts.at(-2)).toEqual({ group: 'topic', key: 'roads', n: 4, nameKk: 'Жолдар', nameRu: 'Дороги' });
  });
});
