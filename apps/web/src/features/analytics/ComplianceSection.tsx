import { Anchor, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { ComplianceReport, Level } from './analytics.api.ts';
import {
  childRows, lineRows, meetingsLink, percent, shownQuarter, trendRows, type ChildRow, type LineRow, type TrendRow,
} from './analytics.model.ts';
import { BarsChart, ChartAndTable, PagedTable, TrendChart } from './parts.tsx';

type LineKey = 'obligation' | 'notice' | 'presence' | 'registration' | 'video' | 'protocol_same_day' | 'checks_opened' | 'initiators_notified' | 'control';

/**
 * Issue 15: compliance of the territory — each line in the last quarter of the range, the trend
 * over the range, and its children side by side (best first; a name drills down). Every count
 * links to the meetings behind it.
 */
export function ComplianceSection({ report, drillTo }: { report: ComplianceReport; drillTo: (level: Level, id: string) => string }) {
  const { t } = useTranslation('analytics');
  const language = useLanguage();
  const q = shownQuarter(report);
  const own = report.path.at(-1);
  const ownArea = { level: own?.level ?? null, id: own?.id ?? null };
  const ownName = own ? localName(own, language) : t('crumbs.country');
  const lineName = (key: string) => t(`lines.${key as LineKey}`);
  if (!q) return <Text>{t('compliance.empty')}</Text>;
  const lines = lineRows(q.total);
  const behind = (area: { level: Level | null; id: string | null }, name: string, quarter: string, text: string, testId?: string, line?: { rule: string; met?: boolean }) => (
    <Anchor component={Link} to={meetingsLink(area, quarter, line)} aria-label={`${text} — ${t('compliance.meetingsBehind', { name, quarter })}`} data-testid={testId}>{text}</Anchor>
  );

  return (
    <Stack gap="md" data-testid="analytics-compliance">
      <Title order={2}>{t('compliance.title')}</Title>
      <Text size="sm" c="gray.8">{t('compliance.linkNote')}</Text>
      <ChartAndTable
        testId="compliance-lines"
        title={t('compliance.lines', { quarter: q.quarter })}
        chart={<BarsChart percent testId="compliance-lines-chart" data={lines.map((l) => ({ label: l.rule, value: l.share }))} />}
        table={(
          <PagedTable<LineRow>
            label={t('compliance.lines', { quarter: q.quarter })}
            minWidth={520}
            rows={lines}
            rowKey={(l) => l.rule}
            rowProps={(l) => ({ 'data-testid': `line-${l.rule}`, 'data-met': l.met, 'data-judged': l.judged })}
            value={(l, field) => (field === 'notMet' ? l.judged - l.met : (l as unknown as Record<string, string | number | null>)[field] ?? null)}
            columns={[
              { id: 'rule', header: t('compliance.rule'), sort: 'rule', stack: 'title', cell: (l) => <><b>{l.rule}</b> {lineName(l.key)}</> },
              { id: 'share', header: t('compliance.share'), sort: 'share', stack: 'first', nowrap: true, cell: (l) => percent(l.share) },
              { id: 'met', header: t('compliance.met'), sort: 'met', align: 'right', cell: (l) => behind(ownArea, ownName, q.quarter, String(l.met), `met-${l.rule}`, { rule: l.rule, met: true }) },
              // counts districts: its "not met" are districts without a meeting, not meetings to list.
              { id: 'notMet', header: t('compliance.notMet'), sort: 'notMet', align: 'right', cell: (l) => (l.rule === 'R-22.13' ? l.judged - l.met
                : behind(ownArea, ownName, q.quarter, String(l.judged - l.met), `not-met-${l.rule}`, { rule: l.rule, met: false })) },
              { id: 'judged', header: t('compliance.judged'), sort: 'judged', align: 'right', cell: (l) => behind(ownArea, ownName, q.quarter, String(l.judged), `judged-${l.rule}`, { rule: l.rule }) },
            ]}
          />
        )}
      />
      <TrendBlock report={report} lineName={lineName} behind={(quarter, text) => behind(ownArea, ownName, quarter, text)} />
      {report.childLevel && <ChildrenBlock report={report} level={report.childLevel} lineName={lineName} drillTo={drillTo} behind={behind} />}
    </Stack>
  );
}

function TrendBlock({ report, lineName, behind }: {
  report: ComplianceReport; lineName: (key: string) => string; behind: (quarter: string, text: string) => React.ReactNode;
}) {
  const { t } = useTranslation('analytics');
  const rows = trendRows(report);
  const series = (rows[0]?.lines ?? []).map((l) => ({ key: l.rule, label: l.rule }));
  return (
    <ChartAndTable
      testId="compliance-trend"
      title={t('compliance.trend')}
      chart={<TrendChart percent series={series} testId="compliance-trend-chart"
        data={rows.map((r) => ({ label: r.quarter, ...Object.fromEntries(r.lines.map((l) => [l.rule, l.share])) }))} />}
      table={(
        <PagedTable<TrendRow>
          label={t('compliance.trend')}
          minWidth={Math.max(480, 160 + series.length * 90)}
          rows={rows}
          rowKey={(r) => r.quarter}
          rowProps={(r) => ({ 'data-testid': `trend-${r.quarter}` })}
          initialSort="-quarter"
          value={(r, field) => (field === 'quarter' ? r.quarter : field === 'meetings' ? r.meetings : r.lines.find((l) => l.rule === field)?.share ?? null)}
          columns={[
            { id: 'quarter', header: t('compliance.quarter'), sort: 'quarter', stack: 'title', cell: (r) => r.quarter },
            { id: 'meetings', header: t('compliance.meetings'), sort: 'meetings', align: 'right', stack: 'first', cell: (r) => behind(r.quarter, String(r.meetings)) },
            ...series.map((s) => ({
              id: s.key, header: s.key, label: `${s.key} ${lineName(r0Key(rows, s.key))}`, sort: s.key, align: 'right' as const, nowrap: true,
              cell: (r: TrendRow) => {
                const l = r.lines.find((x) => x.rule === s.key);
                return l ? <span title={t('compliance.of', { met: l.met, judged: l.judged })}>{percent(l.share)}</span> : '—';
              },
            })),
          ]}
        />
      )}
    />
  );
}

const r0Key = (rows: readonly TrendRow[], rule: string) => rows[0]?.lines.find((l) => l.rule === rule)?.key ?? '';

function ChildrenBlock({ report, level, lineName, drillTo, behind }: {
  report: ComplianceReport; level: Level; lineName: (key: string) => string; drillTo: (level: Level, id: string) => string;
  behind: (area: { level: Level | null; id: string | null }, name: string, quarter: string, text: string, testId?: string) => React.ReactNode;
}) {
  const { t } = useTranslation('analytics');
  const language = useLanguage();
  const q = shownQuarter(report)!;
  const rules = lineRows(q.total).map((l) => l.rule);
  const [measure, setMeasure] = useState(rules[0] ?? 'R-22.13');
  const rule = rules.includes(measure) ? measure : rules[0] ?? 'R-22.13';
  const rows = childRows(report, rule);
  const title = t('compliance.compare', { children: t(`children.${level}`), quarter: q.quarter });
  if (rows.length === 0) return <Text>{t('compliance.noChildren')}</Text>;
  return (
    <ChartAndTable
      testId="compliance-children"
      title={title}
      chart={(
        <Stack gap="xs">
          <NativeSelect label={t('compliance.compareBy')} value={rule} onChange={(e) => setMeasure(e.currentTarget.value)}
            data={rules.map((r) => ({ value: r, label: `${r} ${lineName(lineRows(q.total).find((l) => l.rule === r)!.key)}` }))} data-testid="compare-by" />
          <BarsChart percent testId="compliance-children-chart" data={rows.map((r) => ({ label: r.code, value: r.share }))} />
        </Stack>
      )}
      table={(
        <PagedTable<ChildRow>
          key={rule}
          label={title}
          minWidth={560}
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-testid': `child-${r.code}`, 'data-share': r.share ?? '' })}
          initialSort="-share"
          value={(r, field) => (field === 'name' ? localName(r, language) : (r as unknown as Record<string, number | string | null>)[field] ?? null)}
          columns={[
            {
              id: 'name', header: t('compliance.name'), sort: 'name', stack: 'title',
              cell: (r) => (
                <Anchor component={Link} to={drillTo(level, r.id)} fw={600} title={t('compliance.drill', { name: localName(r, language) })} data-testid={`drill-${r.code}`}>
                  {localName(r, language)}
                </Anchor>
              ),
            },
            { id: 'code', header: t('compliance.code'), sort: 'code', cell: (r) => r.code },
            { id: 'share', header: rule, sort: 'share', stack: 'first', nowrap: true, cell: (r) => percent(r.share) },
            { id: 'districts', header: t('compliance.districts'), sort: 'districts', align: 'right', cell: (r) => r.districts },
            {
              id: 'meetings', header: t('compliance.meetings'), sort: 'meetings', align: 'right',
              cell: (r) => behind({ level, id: r.id }, localName(r, language), q.quarter, String(r.meetings), `child-meetings-${r.code}`),
            },
          ]}
        />
      )}
    />
  );
}
