import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { COMPLIANCE_LINES } from '@esep/domain';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../app/status.tsx';
import { DataTable, TablePager } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchMeetings, meetingKeys, type MeetingListParams } from './meetings.api.ts';
import { MeetingStatusBadge } from './StatusBadge.tsx';
import { formatAlmatyDateTime } from './time.ts';
import type { MeetingPage } from './types.ts';

type Meeting = MeetingPage['items'][number];
const PAGE_SIZE = 25;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f-]{36}$/i;
/** The checklist lines a figure may name (R-22.13 counts districts, not meetings). */
const LINE_RULES: readonly string[] = COMPLIANCE_LINES.map((l) => l.rule);

/** The list's filters from the page's query string (a figure of the analytics links here). */
export function listParams(search: URLSearchParams): MeetingListParams {
  const params: MeetingListParams = { sort: 'startsAt', pageSize: PAGE_SIZE, page: Math.max(1, Number(search.get('page')) || 1) };
  for (const key of ['regionId', 'unitId', 'pointId', 'districtId'] as const) {
    const v = search.get(key);
    if (v && UUID.test(v)) params[key] = v;
  }
  for (const key of ['from', 'to'] as const) {
    const v = search.get(key);
    if (v && ISO_DATE.test(v)) params[key] = v;
  }
  if (search.get('counted') === 'true') params.counted = 'true';
  const rule = search.get('rule');
  if (rule && LINE_RULES.includes(rule)) {
    params.rule = rule;
    const met = search.get('met');
    if (met === 'true' || met === 'false') params.met = met;
  }
  return params;
}

/**
 * `/meetings/list` (issue 15): the meetings behind an analytics figure — a territory and a range
 * of dates, only the meetings the analytics count — each opening its page.
 */
export function MeetingListPage() {
  const { t } = useTranslation('analytics');
  const language = useLanguage();
  useDocumentTitle(`${t('list.title')} — Esep`);
  const [search, setSearch] = useSearchParams();
  const params = listParams(search);
  const list = useQuery({ queryKey: meetingKeys.list(params), queryFn: ({ signal }) => fetchMeetings(params, signal) });
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1}>{t('list.title')}</Title>
        {params.from && params.to && <Text c="gray.8">{t('list.filter', { from: params.from, to: params.to })}</Text>}
        {params.rule && (
          <Text c="gray.8" data-testid="meeting-list-rule">
            {t(params.met === 'true' ? 'list.ruleMet' : params.met === 'false' ? 'list.ruleNotMet' : 'list.ruleJudged', { rule: params.rule })}
          </Text>
        )}
      </div>
      <DataTable<Meeting>
        label={t('list.title')}
        testId="meeting-list"
        minWidth={560}
        loading={list.isPending}
        empty={t('list.none')}
        rows={list.data?.items ?? []}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ 'data-testid': `meeting-row-${m.number}` })}
        columns={[
          { id: 'number', header: t('list.number'), stack: 'title', cell: (m) => <Anchor component={Link} to={`/meetings/${m.id}`} fw={600}>{m.number}</Anchor> },
          { id: 'date', header: t('list.date'), stack: 'first', cell: (m) => formatAlmatyDateTime(m.startsAt, language) },
          { id: 'status', header: t('list.status'), cell: (m) => <MeetingStatusBadge status={m.status} size="sm" /> },
          { id: 'districts', header: t('list.districts'), cell: (m) => m.districts.map((d) => localName(d, language)).join(', ') },
        ]}
      />
      {list.data && (
        <TablePager page={params.page ?? 1} pageSize={PAGE_SIZE} total={list.data.total}
          onChange={(page) => { const next = new URLSearchParams(search); next.set('page', String(page)); setSearch(next); }} />
      )}
      <Anchor component={Link} to="/analytics" style={{ alignSelf: 'flex-start' }}>{t('list.back')}</Anchor>
    </Stack>
  );
}
