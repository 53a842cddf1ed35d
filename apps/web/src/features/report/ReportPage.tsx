import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChartBar, IconFileTypePdf, IconFiles, IconInfoCircle, IconListCheck, IconMessageQuestion, IconWriting } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { formatQuarter, meetingTitle } from '../../app/format.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../app/status.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { fetchMeeting, meetingKeys } from '../meetings/meetings.api.ts';
import { wrappingButton } from '../meetings/buttons.ts';
import { PLANNER_ROLES } from '../meetings/roles.ts';
import { RuleLink } from '../meetings/RuleRefusal.tsx';
import { MeetingStatusBadge } from '../meetings/StatusBadge.tsx';
import { formatMeetingTime } from '../meetings/time.ts';
import type { MeetingDetail } from '../meetings/types.ts';
import { StatisticsChart, StatisticsTable } from '../statistics/StatisticsChart.tsx';
import { CarryOverList } from './CarryOverList.tsx';
import { missingNotes, REPORT_SECTIONS } from './options.ts';
import { fetchReport, reportKeys, reportPdfUrl, type Report, type Reporter } from './report.api.ts';
import './report.css';
import { SectionEditor } from './SectionEditor.tsx';
import { ResidentQuestionsPanel } from './ResidentQuestionsPanel.tsx';
import { SourcesPanel } from './SourcesPanel.tsx';
import { UnsavedChanges } from './unsaved.tsx';
import { PALETTE } from '../../app/design.ts';

const TABS = ['report', 'carry', 'questions', 'sources', 'statistics'] as const;
type Tab = (typeof TABS)[number];
/** After the protocol is signed the report is part of the record (the server refuses changes). */
const CLOSED_STATUSES: ReadonlySet<MeetingDetail['status']> = new Set(['protocol_signed', 'closed', 'cancelled']);

function ReporterSections({ report, reporter, meeting }: { report: Report; reporter: Reporter; meeting: MeetingDetail }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const user = useCurrentUser();
  // each inspector reports on his own district; the server refuses another's section (403).
  const canEdit = report.editable && (user.role !== 'inspector' || user.staffId === reporter.staffId);
  const districts = meeting.districts.filter((d) => reporter.districtIds.includes(d.id)).map((d) => localName(d, language)).join(', ');
  const headingId = `reporter-${reporter.staffId}`;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={headingId} data-testid="reporter" data-staff={reporter.staffId}>
      <Title order={2} size="h3" id={headingId}>{reporter.fullName}</Title>
      {districts && <Text size="sm" c="gray.8" mb="sm">{districts}</Text>}
      <Stack gap="lg">
        {REPORT_SECTIONS.map((name, index) => {
          const section = reporter.sections.find((s) => s.section === name)
            ?? { staffId: reporter.staffId, section: name, content: null, version: 0, updatedAt: null, updatedBy: null };
          const id = `${headingId}-${name}`;
          const title = t(`section.${name}`);
          return (
            <section key={name} aria-labelledby={id}>
              <Title order={3} size="h5" id={id}>{index + 1}. {title}</Title>
              <Text size="sm" c="gray.8" mb={6}>{t(`sectionHint.${name}`)} (<RuleLink rule="R-30" />)</Text>
              <SectionEditor meetingId={report.meetingId} section={section} title={`${reporter.fullName}: ${title}`} canEdit={canEdit} />
              {name === 'complaints' && (
                <Paper withBorder p="sm" mt="sm" bg="gray.0" component="section" aria-labelledby={`${id}-carry`}>
                  <Title order={4} size="h6" id={`${id}-carry`} mb="xs">{t('carry.title')}</Title>
                  <CarryOverList meetingId={report.meetingId} items={report.carryOver} editable={report.editable} testPrefix="carry-inline" />
                </Paper>
              )}
            </section>
          );
        })}
      </Stack>
    </Paper>
  );
}

function StatisticsPanel({ report }: { report: Report }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const user = useCurrentUser();
  const canEdit = hasRole(user, PLANNER_ROLES);
  if (report.statistics.length === 0) return <Text size="sm">{t('stats.none')}</Text>;
  return (
    <Stack gap="md" data-testid="report-statistics">
      {report.statistics.map((s) => {
        const period = formatQuarter({ year: s.year, quarter: s.quarter }, language);
        const name = localName(s.district, language);
        const id = `stats-${s.district.id}`;
        return (
          <Paper key={s.district.id} withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
            <Stack gap="sm">
              <Title order={2} size="h4" id={id}>{name} — {period}</Title>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
                <StatisticsTable rows={s.rows} caption={`${name}: ${period}`} testId="statistics-table" />
                <StatisticsChart rows={s.rows} label={t('stats.chartLabelDistrict', { district: name, period })} />
              </SimpleGrid>
              <Anchor component={Link} to={`/districts/${s.district.id}#district-statistics`} size="sm">
                {canEdit ? t('stats.editLink', { district: name }) : t('stats.viewLink', { district: name })}
              </Anchor>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function ReportView({ meeting, report }: { meeting: MeetingDetail; report: Report }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'report';
  const missing = missingNotes(report.carryOver);
  const title = meetingTitle(meeting, language);
  useDocumentTitle(`${t('page.title', { title })} — Esep`);

  return (
    <UnsavedChanges message={t('page.leaveWarning')}>
      <Stack gap="md">
        <Anchor component={Link} to={`/meetings/${meeting.id}`} size="sm">← {t('page.back', { title })}</Anchor>
        <Group gap="sm" align="center" wrap="wrap">
          <Title order={1} data-testid="report-title">{t('page.title', { title })}</Title>
          <MeetingStatusBadge status={meeting.status} />
        </Group>
        <Text>{formatMeetingTime(meeting.startsAt, meeting.endsAt, language)}</Text>
        <Text size="sm" c="gray.8">{t('page.intro')} (<RuleLink rule="R-29" />, <RuleLink rule="R-30" />)</Text>
        {!report.editable && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="report-readonly">
            {CLOSED_STATUSES.has(meeting.status) ? t('page.readOnly') : t('page.readOnlyRole')}
          </Alert>
        )}
        <Group gap="sm" wrap="wrap">
          {(['kk', 'ru'] as const).map((lang) => (
            <Button key={lang} component="a" href={reportPdfUrl(meeting.id, lang)} download variant="default" styles={wrappingButton}
              leftSection={<IconFileTypePdf size={18} aria-hidden />} data-testid={`report-pdf-${lang}`}>
              {t(`page.pdf.${lang}`)}
            </Button>
          ))}
        </Group>

        <Tabs value={tab} onChange={(value) => setParams((p) => { const next = new URLSearchParams(p); next.set('tab', value ?? 'report'); return next; }, { replace: true })}
          keepMounted>
          <Tabs.List>
            <Tabs.Tab value="report" leftSection={<IconWriting size={16} aria-hidden />} data-testid="tab-report">{t('tabs.report')}</Tabs.Tab>
            <Tabs.Tab value="carry" leftSection={<IconListCheck size={16} aria-hidden />} data-testid="tab-carry"
              rightSection={missing > 0 ? <Badge size="sm" color={PALETTE.warning} circle aria-label={t('carry.missing', { count: missing })}>{missing}</Badge> : null}>
              {t('tabs.carry', { count: report.carryOver.length })}
            </Tabs.Tab>
            <Tabs.Tab value="questions" leftSection={<IconMessageQuestion size={16} aria-hidden />} data-testid="tab-questions">{t('tabs.questions')}</Tabs.Tab>
            <Tabs.Tab value="sources" leftSection={<IconFiles size={16} aria-hidden />} data-testid="tab-sources">{t('tabs.sources', { count: report.sources.length })}</Tabs.Tab>
            <Tabs.Tab value="statistics" leftSection={<IconChartBar size={16} aria-hidden />} data-testid="tab-statistics">{t('tabs.statistics')}</Tabs.Tab>
          </Tabs.List>

          <Tabs.Panel value="report" pt="md">
            <Stack gap="md">
              {report.reporters.length === 0 && <Text size="sm">{t('page.noReporters')}</Text>}
              {report.reporters.map((r) => <ReporterSections key={r.staffId} report={report} reporter={r} meeting={meeting} />)}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="carry" pt="md">
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="carry-title">
              <Title order={2} size="h4" id="carry-title" mb={4}>{t('carry.title')}</Title>
              <Text size="sm" c="gray.8" mb="sm">{t('carry.intro')} (<RuleLink rule="R-30" />)</Text>
              <CarryOverList meetingId={report.meetingId} items={report.carryOver} editable={report.editable} />
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="questions" pt="md">
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="questions-title">
              <Title order={2} size="h4" id="questions-title" mb={4}>{t('residentQuestions.title')}</Title>
              <Text size="sm" c="gray.8" mb="sm">{t('residentQuestions.intro')} (<RuleLink rule="R-29" />)</Text>
              <ResidentQuestionsPanel meetingId={report.meetingId} editable={hasRole(user, PLANNER_ROLES)} />
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="sources" pt="md">
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="sources-title">
              <Title order={2} size="h4" id="sources-title" mb={4}>{t('sources.title')}</Title>
              <SourcesPanel meetingId={report.meetingId} sources={report.sources} editable={report.editable} />
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="statistics" pt="md">
            <StatisticsPanel report={report} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </UnsavedChanges>
  );
}

/** `/meetings/:id/report` — preparing the report: sources, statistics, sections, carry-over. */
export function ReportPage() {
  const { t } = useTranslation('report');
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: meetingKeys.detail(id), queryFn: ({ signal }) => fetchMeeting(id, signal) });
  const report = useQuery({ queryKey: reportKeys.report(id), queryFn: ({ signal }) => fetchReport(id, signal), staleTime: 0 });
  if (meeting.isPending || report.isPending) {
    const error = meeting.error ?? report.error;
    if (!error) return <PageLoader />;
  }
  const error = meeting.error ?? report.error;
  if (error) {
    if (isApiError(error, 404) || isApiError(error, 400)) return <MessagePage title={t('page.notFoundTitle')} text={t('page.notFoundText')} />;
    return (
      <Stack gap="md">
        <Title order={1}>{t('page.titleGeneric')}</Title>
        <ErrorAlert error={error} onRetry={() => { void meeting.refetch(); void report.refetch(); }} />
      </Stack>
    );
  }
  return <ReportView meeting={meeting.data!} report={report.data!} />;
}
