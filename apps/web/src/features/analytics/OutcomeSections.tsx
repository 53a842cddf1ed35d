import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { ItemFigures, ItemsReport, ParticipationFigures, ParticipationReport } from './analytics.api.ts';
import { itemCounts, itemsLink, participationTrend, shownQuarter, type ItemCount, type ParticipationRow } from './analytics.model.ts';
import { BarsChart, ChartAndTable, PagedTable, TrendChart } from './parts.tsx';

const dash = (v: number | null) => (v == null ? '—' : String(v));

/** Issue 15: participants per meeting and per 1,000 residents over the quarters, and by format. */
export function ParticipationSection({ report }: { report: ParticipationReport }) {
  const { t } = useTranslation('analytics');
  const q = shownQuarter(report);
  const rows = participationTrend(report.quarters);
  const formats = q?.total.byFormat ?? [];
  return (
    <Stack gap="md" data-testid="analytics-participation">
      <Title order={2}>{t('participation.title')}</Title>
      <ChartAndTable
        title={t('participation.trend')}
        chart={<TrendChart testId="participation-chart" series={[
          { key: 'participants', label: t('participation.participants') }, { key: 'residents', label: t('participation.residents') },
          { key: 'meetings', label: t('participation.meetings') },
        ]} data={rows.map((r) => ({ label: r.quarter, participants: r.participants, residents: r.residents, meetings: r.meetings }))} />}
        table={(
          <PagedTable<ParticipationRow>
            label={t('participation.trend')} minWidth={620} rows={rows} rowKey={(r) => r.quarter} initialSort="-quarter"
            rowProps={(r) => ({ 'data-testid': `participation-${r.quarter}` })}
            columns={[
              { id: 'quarter', header: t('compliance.quarter'), sort: 'quarter', stack: 'title', cell: (r) => r.quarter },
              { id: 'meetings', header: t('participation.meetings'), sort: 'meetings', align: 'right', cell: (r) => r.meetings },
              { id: 'participants', header: t('participation.participants'), sort: 'participants', align: 'right', stack: 'first', cell: (r) => r.participants },
              { id: 'residents', header: t('participation.residents'), sort: 'residents', align: 'right', cell: (r) => r.residents },
              { id: 'perMeeting', header: t('participation.perMeeting'), sort: 'perMeeting', align: 'right', cell: (r) => dash(r.perMeeting) },
              { id: 'perThousand', header: t('participation.perThousand'), sort: 'perThousand', align: 'right', cell: (r) => dash(r.perThousand) },
            ]}
          />
        )}
      />
      {q && (
        <ChartAndTable
          title={t('participation.byFormat', { quarter: q.quarter })}
          chart={<BarsChart testId="participation-format-chart" data={formats.map((f) => ({ label: t(`formats.${f.format}`), value: f.participants }))} />}
          table={(
            <PagedTable<ParticipationFigures['byFormat'][number]>
              label={t('participation.byFormat', { quarter: q.quarter })} minWidth={420} rows={formats} rowKey={(f) => f.format}
              columns={[
                { id: 'format', header: t('participation.format'), stack: 'title', cell: (f) => t(`formats.${f.format}`) },
                { id: 'meetings', header: t('participation.meetings'), sort: 'meetings', align: 'right', cell: (f) => f.meetings },
                { id: 'participants', header: t('participation.participants'), sort: 'participants', align: 'right', stack: 'first', cell: (f) => f.participants },
              ]}
            />
          )}
        />
      )}
    </Stack>
  );
}

/** Issue 15: items by kind, outcome and topic; checks on time; forwardings and the residents' verdicts. */
export function ItemsSection({ report }: { report: ItemsReport }) {
  const { t } = useTranslation('analytics');
  const language = useLanguage();
  const q = shownQuarter(report);
  if (!q) return null;
  const counts = itemCounts(q.total);
  const name = (c: ItemCount) => (c.group === 'topic' ? localName({ nameKk: c.nameKk ?? c.key, nameRu: c.nameRu ?? c.key }, language)
    // The key is one of the group's (kinds, outcomes, checks, forwardings, verdicts).
    : t(`items.${({ kind: 'kinds', outcome: 'outcomes', checks: 'checks', forwardings: 'forwardings', verdicts: 'verdicts' } as const)[c.group]}.${c.key}` as 'items.kinds.complaint'));
  const bodies = q.total.forwardings.byBody;
  const own = report.path.at(-1);
  const ownArea = { level: own?.level ?? null, id: own?.id ?? null };
  // Every count but the residents' verdicts opens what is behind it (the control board or the meetings).
  const behind = (c: ItemCount) => (c.group === 'verdicts' ? c.n : (
    <Anchor component={Link} to={itemsLink(ownArea, c, q.quarter)} aria-label={`${c.n} — ${t(c.group === 'checks' || c.group === 'forwardings' ? 'items.controlBehind' : 'items.meetingsBehind', { what: name(c) })}`}
      data-testid={`items-link-${c.group}-${c.key}`}>{c.n}</Anchor>
  ));
  return (
    <Stack gap="md" data-testid="analytics-items">
      <Title order={2}>{t('items.title')}</Title>
      <Text>{t('items.total', { count: q.total.items })}</Text>
      <ChartAndTable
        title={t('items.chart', { quarter: q.quarter })}
        chart={<BarsChart testId="items-chart" data={counts.filter((c) => c.group === 'kind' || c.group === 'outcome').map((c) => ({ label: name(c), value: c.n }))} />}
        table={(
          <PagedTable<ItemCount>
            label={t('items.chart', { quarter: q.quarter })} minWidth={420} rows={counts} rowKey={(c) => `${c.group}:${c.key}`}
            rowProps={(c) => ({ 'data-testid': `items-${c.group}-${c.key}` })}
            value={(c, field) => (field === 'n' ? c.n : field === 'group' ? t(`items.groups.${c.group}`) : name(c))}
            columns={[
              { id: 'group', header: t('items.group'), sort: 'group', cell: (c) => t(`items.groups.${c.group}`) },
              { id: 'what', header: t('items.what'), sort: 'what', stack: 'title', cell: (c) => name(c) },
              { id: 'n', header: t('items.count'), sort: 'n', align: 'right', stack: 'first', cell: (c) => behind(c) },
            ]}
          />
        )}
      />
      {bodies.length > 0 && (
        <ChartAndTable
          title={t('items.byBody')}
          chart={<BarsChart testId="items-bodies-chart" data={bodies.map((b) => ({ label: localName(b, language).slice(0, 14), value: b.n }))} />}
          table={(
            <PagedTable<ItemFigures['forwardings']['byBody'][number]>
              label={t('items.byBody')} minWidth={420} rows={bodies} rowKey={(b) => b.bodyId} initialSort="-n"
              value={(b, field) => (field === 'name' ? localName(b, language) : field === 'n' ? b.n : b.notified)}
              columns={[
                { id: 'name', header: t('items.body'), sort: 'name', stack: 'title', cell: (b) => localName(b, language) },
                { id: 'n', header: t('items.forwardings.total'), sort: 'n', align: 'right', stack: 'first', cell: (b) => b.n },
                { id: 'notified', header: t('items.notified'), sort: 'notified', align: 'right', cell: (b) => b.notified },
              ]}
            />
          )}
        />
      )}
    </Stack>
  );
}
