import { parseQuarterKey, quarterEnd } from '@esep/domain';
import { ActionIcon, Box, Button, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconArrowUp, IconChevronLeft, IconChevronRight, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatLongDate, formatQuarter } from '../../app/format.ts';
import { TablePager } from '../../app/table.tsx';
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
import { NO_TERRITORY, TerritoryFilter, type Territory } from '../org/TerritoryFilter.tsx';
import { fetchBoard, type BoardParams } from './board.api.ts';
import './board.css';
import { AreaBars, AreaTable, DistrictTable, InspectorTable } from './BoardTables.tsx';
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
  const language = useLanguage();
  const label = formatQuarter(quarter, language);
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

const PAGE_SIZE = 25;
const SORTS = ['code', 'nameKk', 'nameRu', 'status'];

/** The board's state lives in the address, so Back returns to the same page of the same filters. */
function useBoardParams(): [BoardParams, (changes: Record<string, string | undefined>) => void] {
  const [search, setSearch] = useSearchParams();
  const requested = search.get('quarter');
  const status = search.get('status');
  const sort = search.get('sort') ?? '';
  const params: BoardParams = {
    quarter: isQuarterKey(requested) ? requested : undefined,
    page: Math.max(1, Number(search.get('page')) || 1), pageSize: PAGE_SIZE,
    sort: SORTS.includes(sort.replace(/^-/, '')) ? sort : undefined,
    q: search.get('q') ?? undefined,
    status: (OBLIGATION_STATUSES as readonly string[]).includes(status ?? '') ? (status as ObligationStatus) : undefined,
    regionId: search.get('region') ?? undefined, unitId: search.get('unit') ?? undefined, pointId: search.get('point') ?? undefined,
  };
  const update = (changes: Record<string, string | undefined>) => setSearch((current) => {
    const next = new URLSearchParams(current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value); else next.delete(key);
    }
    return next;
  }, { replace: true });
  return [params, update];
}

function BoardView({ board, params, update, canPlan, fetching }: {
  board: ObligationBoard; params: BoardParams; update: (changes: Record<string, string | undefined>) => void; canPlan: boolean; fetching: boolean;
}) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const [text, setText] = useState(params.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 350);
  useEffect(() => {
    if ((params.q ?? '') !== debounced) update({ q: debounced || undefined, page: undefined });
    // Only the typed text drives this; `params.q` follows from it.
  }, [debounced]);
  const q = parseQuarterKey(board.quarter);
  const open = q !== null && board.today <= quarterEnd(q);
  const showPoint = new Set(board.districts.map((d) => d.point.id)).size > 1 || board.areas !== null;
  const territory: Territory = { ...NO_TERRITORY, regionId: params.regionId ?? '', unitId: params.unitId ?? '', pointId: params.pointId ?? '' };
  const changeTerritory = (patch: Partial<Territory>) => update({
    page: undefined,
    ...('regionId' in patch ? { region: patch.regionId } : {}), ...('unitId' in patch ? { unit: patch.unitId } : {}), ...('pointId' in patch ? { point: patch.pointId } : {}),
  });
  const pickArea = (id: string) => changeTerritory(board.areas?.level === 'region' ? { regionId: id, unitId: '', pointId: '' } : board.areas?.level === 'unit' ? { unitId: id, pointId: '' } : { pointId: id });
  const shownConflicts = board.conflicts?.items.length ?? 0;
  // Drill-down goes country → region → unit → point → district; one step back up clears the deepest choice.
  const up = params.pointId ? { pointId: '' } : params.unitId ? { unitId: '', pointId: '' } : params.regionId ? { regionId: '', unitId: '', pointId: '' } : null;

  return (
    <Stack gap="md">
      <Block id="board-summary" title={t('board.summary')}>
        <Stack gap="sm">
          <StatusChart counts={board.counts} />
          {open && (
            <Text size="sm">
              {t('board.lastAnnounce', { date: formatLongDate(board.lastAnnounceDate, language) })} (<RuleLink rule="R-27.1" />, <RuleLink rule="R-22.13" />)
            </Text>
          )}
          {/* Even one territory is listed: its name is the way down (a region of one police department). */}
          {board.areas && board.areas.items.length > 0 && (
            <>
              <Box hiddenFrom="sm"><AreaBars areas={board.areas} onPick={pickArea} /></Box>
              <Box visibleFrom="sm"><AreaTable areas={board.areas} onPick={pickArea} /></Box>
            </>
          )}
          {up && (
            <Group>
              <Button variant="default" leftSection={<IconArrowUp size={16} aria-hidden />} onClick={() => changeTerritory(up)} data-testid="board-up">{t('board.up')}</Button>
            </Group>
          )}
        </Stack>
      </Block>
      <Block id="board-districts" title={t('board.districts')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TerritoryFilter value={territory} onChange={changeTerritory} />
            <NativeSelect
              label={t('board.filter')}
              value={params.status ?? ''}
              onChange={(e) => update({ status: e.currentTarget.value || undefined, page: undefined })}
              data={[{ value: '', label: t('board.allStatuses') }, ...OBLIGATION_STATUSES.map((s) => ({ value: s, label: t(`obligation.${s}`) }))]}
              data-testid="board-filter"
            />
            <TextInput
              label={t('board.search')}
              type="search"
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={fetching ? <Loader size="xs" aria-hidden /> : null}
              data-testid="board-search"
            />
          </SimpleGrid>
          <DistrictTable rows={board.districts} showPoint={showPoint} canPlan={canPlan && open} sort={params.sort ?? 'code'} onSort={(sort) => update({ sort, page: undefined })} />
          <TablePager page={board.page} pageSize={board.pageSize} total={board.total} onChange={(page) => update({ page: page > 1 ? String(page) : undefined })} />
        </Stack>
      </Block>
      {board.inspectors && board.conflicts ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Block id="board-inspectors" title={t('board.inspectors')}>
            <Stack gap="sm">
              <StatusChart counts={board.inspectors.counts} testId="board-inspector-counts" totalText={t('board.inspectorsTotal', { count: board.inspectors.total })} />
              <Text size="sm" c="gray.8">{t('board.inspectorsOfPage')}</Text>
              <InspectorTable board={board} inspectors={board.inspectors} />
            </Stack>
          </Block>
          <Block id="board-conflicts" title={t('conflicts.title')}>
            <Stack gap="sm">
              {board.conflicts.total > shownConflicts && (
                <Text size="sm" data-testid="board-conflicts-total">{t('board.conflictsShown', { shown: shownConflicts, total: board.conflicts.total })}</Text>
              )}
              <ConflictList conflicts={board.conflicts.items} />
            </Stack>
          </Block>
        </SimpleGrid>
      ) : (
        <Text size="sm" c="gray.8" data-testid="board-drill-hint">{t('board.drillForInspectors')}</Text>
      )}
    </Stack>
  );
}

/** `/board` — the quarter: "my quarter" for an inspector, the point or unit for a head, the country for the analyst. */
export function BoardPage() {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  const [params, update] = useBoardParams();
  const query = useQuery({
    queryKey: meetingKeys.board(params),
    queryFn: ({ signal }) => fetchBoard(params, signal),
    placeholderData: keepPreviousData,
  });
  const own = user.role === 'inspector' || user.role === 'assistant';
  const title = own ? t('board.myTitle') : t('board.title');
  useDocumentTitle(`${title} — Esep`);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1}>{title}</Title>
        <Group gap="sm">
          <LateEntryButton />
          {query.data && <QuarterPicker quarter={query.data.quarter} onChange={(quarter) => update({ quarter, page: undefined })} />}
        </Group>
      </Group>
      <MyAgreementsPanel />
      <LateEntryQueue />
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <BoardView key={query.data.quarter} board={query.data} params={params} update={update} canPlan={hasRole(user, PLANNER_ROLES)} fetching={query.isFetching} />}
    </Stack>
  );
}
