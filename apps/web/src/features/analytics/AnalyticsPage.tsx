import { Anchor, Breadcrumbs, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import {
  analyticsKeys, complianceXlsxUrl, compliancePdfUrl, fetchCompliance, fetchItems, fetchParticipation, FORMATS, type AnalyticsView, type Level,
} from './analytics.api.ts';
import { crumbs, quarterOptions, readView, RULES, withTerritory, writeView } from './analytics.model.ts';
import { ComplianceSection } from './ComplianceSection.tsx';
import { ItemsSection, ParticipationSection } from './OutcomeSections.tsx';
import './analytics.css';

const href = (view: AnalyticsView) => {
  const query = writeView(view);
  return query ? `/analytics?${query}` : '/analytics';
};

/**
 * `/analytics` (issue 15): the user's territory, or a narrower one, over a range of quarters —
 * compliance, participation and items, each a chart beside its table. The view lives in the URL
 * (a view is a link): the filters, the breadcrumb and a child's name change it.
 */
export function AnalyticsPage() {
  const { t } = useTranslation('analytics');
  const language = useLanguage();
  const user = useCurrentUser();
  useDocumentTitle(`${t('title')} — Esep`);
  const [search, setSearch] = useSearchParams();
  const view = readView(search);
  const compliance = useQuery({ queryKey: analyticsKeys.compliance(view), queryFn: ({ signal }) => fetchCompliance(view, signal) });
  // The participation and items reports may not be served yet (404): the page then shows the rest.
  const participation = useQuery({ queryKey: analyticsKeys.participation(view), queryFn: ({ signal }) => fetchParticipation(view, signal), retry: false });
  const items = useQuery({ queryKey: analyticsKeys.items(view), queryFn: ({ signal }) => fetchItems(view, signal), retry: false });
  const change = (next: AnalyticsView) => setSearch(writeView(next));

  if (compliance.isPending) return <PageLoader />;
  if (compliance.isError) return <ErrorAlert error={compliance.error} onRetry={() => void compliance.refetch()} />;
  const report = compliance.data;
  const quarters = quarterOptions(report.today, 12);
  const quarterData = [...new Set([...quarters, report.from, report.to])].sort().reverse();
  const topics = items.data?.quarters.flatMap((q) => q.total.byTopic) ?? [];
  const topicOptions = [...new Map(topics.map((tp) => [tp.topic, tp])).values()];
  const path = crumbs(report.path, user.role);

  return (
    <Stack gap="lg" maw={1400} className="analytics-page">
      <div>
        <Title order={1}>{t('title')}</Title>
        <Text c="gray.8">{t('intro')}</Text>
      </div>
      <nav aria-label={t('crumbs.label')}>
        <Breadcrumbs separator="›" className="analytics-crumbs" data-testid="analytics-crumbs">
          {path.map((c) => {
            const label = c.step ? localName(c.step, language) : t('crumbs.country');
            const testId = `crumb-${c.level}`;
            if (c.current) return <Text key={c.level} fw={700} aria-current="page" data-testid={testId}>{label}</Text>;
            return c.link
              ? <Anchor key={c.level} component={Link} to={href(withTerritory(view, c.level, c.id))} data-testid={testId}>{label}</Anchor>
              : <Text key={c.level} c="gray.8" data-testid={testId}>{label}</Text>;
          })}
        </Breadcrumbs>
      </nav>
      <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-label={t('filters.label')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <NativeSelect label={t('filters.from')} value={report.from} data-testid="filter-from"
            onChange={(e) => change({ ...view, from: e.currentTarget.value, to: e.currentTarget.value > report.to ? e.currentTarget.value : report.to })} data={quarterData} />
          <NativeSelect label={t('filters.to')} value={report.to} data-testid="filter-to"
            onChange={(e) => change({ ...view, to: e.currentTarget.value, from: e.currentTarget.value < report.from ? e.currentTarget.value : report.from })} data={quarterData} />
          <NativeSelect label={t('filters.rule')} value={view.rule ?? ''} data-testid="filter-rule"
            onChange={(e) => change({ ...view, rule: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('filters.allRules') }, ...RULES.map((r) => ({ value: r, label: r }))]} />
          <NativeSelect label={t('filters.format')} value={view.format ?? ''} data-testid="filter-format"
            onChange={(e) => change({ ...view, format: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('filters.allFormats') }, ...FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))]} />
          <NativeSelect label={t('filters.topic')} value={view.topic ?? ''} data-testid="filter-topic"
            onChange={(e) => change({ ...view, topic: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('filters.allTopics') },
              ...(view.topic && !topicOptions.some((tp) => tp.topic === view.topic) ? [{ value: view.topic, label: view.topic }] : []),
              ...topicOptions.map((tp) => ({ value: tp.topic, label: localName(tp, language) }))]} />
        </SimpleGrid>
      </Paper>
      <Group gap="sm" wrap="wrap" role="group" aria-label={t('export.label')}>
        <Button component="a" href={complianceXlsxUrl(view)} download variant="default" leftSection={<IconFileSpreadsheet size={18} aria-hidden />} data-testid="export-xlsx">
          {t('export.xlsx')}
        </Button>
        <Button component="a" href={compliancePdfUrl(view, 'kk')} download variant="default" leftSection={<IconFileTypePdf size={18} aria-hidden />} data-testid="export-pdf-kk">
          {t('export.pdfKk')}
        </Button>
        <Button component="a" href={compliancePdfUrl(view, 'ru')} download variant="default" leftSection={<IconFileTypePdf size={18} aria-hidden />} data-testid="export-pdf-ru">
          {t('export.pdfRu')}
        </Button>
      </Group>
      <ComplianceSection report={report} drillTo={(level: Level, id: string) => href(withTerritory(view, level, id))} />
      {participation.data && <ParticipationSection report={participation.data} />}
      {items.data && <ItemsSection report={items.data} />}
      {(participation.isError || items.isError) && <Text size="sm" c="gray.8" data-testid="analytics-unavailable">{t('unavailable')}</Text>}
    </Stack>
  );
}
