import { parseQuarterKey, quarterEnd } from '@esep/domain';
import { ActionIcon, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { meetingKeys } from '../meetings/meetings.api.ts';
import { ConflictList } from '../meetings/MeetingHistory.tsx';
import { MyAgreementsPanel } from '../meetings/agreements/MyAgreementsPanel.tsx';
import '../meetings/meetings.css';
import { OBLIGATION_STATUSES } from '../meetings/options.ts';
import { PLANNER_ROLES } from '../meetings/roles.ts';
import { RuleLink } from '../meetings/RuleRefusal.tsx';
import type { ObligationBoard, ObligationStatus } from '../meetings/types.ts';
import { LateEntryButton } from '../meetings/late/LateEntryButton.tsx';
import { LateEntryQueue } from '../meetings/late/LateEntryQueue.tsx';
import { fetchBoard } from './board.api.ts';
import './board.css';
import { DistrictTable, InspectorTable } from './BoardTables.tsx';
import { isQuarterKey, shiftQuarter } from './quarter.ts';
import { StatusChart } from './StatusChart.tsx';

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

function QuarterPicker({ quarter, onChange }: { quarter: string; onChange: (quarter: string) => void }) {
  const { t } = useTranslation('meetings');
  const q = parseQuarterKey(quarter);
  const label = q ? t('board.quarterLabel', { year: q.year, quarter: q.quarter }) : quarter;
  return (
    <Group gap="xs" wrap="nowrap" role="group" aria-label={t('board.quarter')}>
      <ActionIcon size="xl" variant="default" onClick={() => onChange(shiftQuarter(quarter, -1))} aria-label={t('board.previousQuarter')} data-testid="quarter-prev">
        <IconChevronLeft aria-hidden />
      </ActionIcon>
      <Text fw={700} size="lg" miw={150} ta="center" aria-live="polite" data-testid="quarter-label" data-quarter={quarter}>{label}</Text>
      <ActionIcon size="xl" variant="default" onClick={() => onChange(shiftQuarter(quarter, 1))} aria-label={t('board.nextQuarter')} data-testid="quarter-next">
        <IconChevronRight aria-hidden />
      </ActionIcon>
    </Group>
  );
}

function BoardView({ board, canPlan }: { board: ObligationBoard; canPlan: boolean }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const [filter, setFilter] = useState<ObligationStatus | ''>('');
  const q = parseQuarterKey(board.quarter);
  const open = q !== null && board.today <= quarterEnd(q);
  const showPoint = new Set(board.districts.map((d) => d.point.id)).size > 1;
  const rows = filter ? board.districts.filter((d) => d.status === filter) : board.districts;
  const withNumbers = board.conflicts.map((c) => ({ ...c, withNumber: board.districts.flatMap((d) => d.meetings).find((m) => m.id === c.withMeetingId)?.number }));

  return (
    <Stack gap="md">
      <Block id="board-summary" title={t('board.summary')}>
        <Stack gap="sm">
          <StatusChart counts={board.counts} />
          {open && (
            <Text size="sm">
              {t('board.lastAnnounce', { date: formatDate(board.lastAnnounceDate, language) })} (<RuleLink rule="R-27.1" />, <RuleLink rule="R-22.13" />)
            </Text>
          )}
        </Stack>
      </Block>
      <Block id="board-districts" title={t('board.districts')}>
        <Stack gap="sm">
          {board.districts.length > 5 && (
            <NativeSelect
              label={t('board.filter')}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value as ObligationStatus | '')}
              data={[{ value: '', label: t('board.allStatuses') }, ...OBLIGATION_STATUSES.map((s) => ({ value: s, label: t(`obligation.${s}`) }))]}
              maw={320}
              data-testid="board-filter"
            />
          )}
          <DistrictTable rows={rows} showPoint={showPoint} canPlan={canPlan && open} />
        </Stack>
      </Block>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Block id="board-inspectors" title={t('board.inspectors')}>
          <InspectorTable board={board} />
        </Block>
        <Block id="board-conflicts" title={t('conflicts.title')}>
          <ConflictList conflicts={withNumbers} />
        </Block>
      </SimpleGrid>
    </Stack>
  );
}

/** `/board` — the quarter: "my quarter" for an inspector, the point or unit for a head. */
export function BoardPage() {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('quarter');
  const quarter = isQuarterKey(requested) ? requested : undefined;
  const query = useQuery({
    queryKey: meetingKeys.board(quarter),
    queryFn: ({ signal }) => fetchBoard(quarter, signal),
    placeholderData: keepPreviousData,
  });
  const own = user.role === 'inspector' || user.role === 'assistant';
  const title = own ? t('board.myTitle') : t('board.title');
  useDocumentTitle(`${title} — Esep`);
  const change = (next: string) => setSearch((current) => {
    const params = new URLSearchParams(current);
    params.set('quarter', next);
    return params;
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1}>{title}</Title>
        <Group gap="sm">
          <LateEntryButton />
          {query.data && <QuarterPicker quarter={query.data.quarter} onChange={change} />}
        </Group>
      </Group>
      <MyAgreementsPanel />
      <LateEntryQueue />
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <BoardView key={query.data.quarter} board={query.data} canPlan={hasRole(user, PLANNER_ROLES)} />}
    </Stack>
  );
}
