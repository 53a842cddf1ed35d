import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconRosette } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, meetingTitle } from '../../app/format.ts';
import { TablePager } from '../../app/table.tsx';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import '../board/board.css';
import { fetchControl, followupKeys, verifyRecord, type ControlBoard, type ControlEntry, type ControlMeeting, type ControlParams } from '../followup/followup.api.ts';
import '../followup/followup.css';
import { boardState, CONTROL_KINDS, type BoardState } from '../followup/options.ts';
import { OverdueBadge, StatusBadge } from '../followup/parts.tsx';
import { meetingKeys } from '../meetings/meetings.api.ts';
import { notifyDone } from '../meetings/notify.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import { badgeStyles, MeetingStatusBadge } from '../meetings/StatusBadge.tsx';
import type { MeetingStatus } from '../meetings/types.ts';
import { NO_TERRITORY, TerritoryFilter, type Territory } from '../org/TerritoryFilter.tsx';
import { ControlChart } from './ControlChart.tsx';
import { PALETTE } from '../../app/design.ts';

const STATUS_FILTERS = ['open', 'closed', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

interface Filters extends Territory { kind: string; overdue: boolean; page: number }

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

function EntryRow({ entry, canVerify }: { entry: ControlEntry; canVerify: boolean }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: () => verifyRecord(entry.kind, entry.id),
    onSuccess: (result, _vars) => {
      void queryClient.invalidateQueries({ queryKey: followupKeys.allControl });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.boards });
      notifyDone(result.meetingClosed ? t('control.meetingClosed') : t('control.verifiedOne', { reference: entry.reference }));
    },
  });
  const state = boardState(entry);
  return (
    <li className="control-entry" data-testid="control-entry" data-kind={entry.kind} data-id={entry.id} data-status={entry.status} data-state={state}
      data-reference={entry.reference}>
      <div className="control-entry-text">
        <Group gap={6} wrap="wrap">
          <Badge variant="outline" color={PALETTE.neutralStrong} tt="none" styles={badgeStyles}>{t(`control.kind.${entry.kind}`)}</Badge>
          <Text size="sm" fw={700}>{entry.reference}</Text>
        </Group>
        <Text size="sm" lineClamp={3} title={entry.text}>{entry.text}</Text>
        <Text size="xs" c="gray.8">
          {entry.responsible && <>{t('control.responsible')}: {entry.responsible} · </>}
          {t('control.due')}: <Text span size="xs" fw={700} c={state === 'overdue' ? 'red.9' : undefined}>{formatDate(entry.dueDate, language)}</Text>
          {entry.doneOn && <> · {t('control.doneOn')}: {formatDate(entry.doneOn, language)}</>}
        </Text>
        {verify.isError && <RefusalAlert error={verify.error} testId="control-verify-error" />}
      </div>
      <Group gap={6} wrap="wrap">
        {state === 'overdue' && <OverdueBadge />}
        <StatusBadge status={entry.status} testId="control-entry-status" />
        {canVerify && entry.status === 'done' && (
          <Button size="compact-md" leftSection={<IconCircleCheck size={16} aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}
            aria-label={`${t('control.verify')}: ${t(`control.kind.${entry.kind}`)} ${entry.reference}`} data-testid="control-verify">
            {t('control.verify')}
          </Button>
        )}
      </Group>
    </li>
  );
}

function MeetingBlock({ meeting }: { meeting: ControlMeeting }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const executed = meeting.total > 0 && meeting.verified === meeting.total;
  const id = `control-meeting-${meeting.meetingId}`;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id} data-testid="control-meeting" data-id={meeting.meetingId}
      data-status={meeting.status} data-executed={String(executed)}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5" id={id}>
            <Anchor component={Link} to={`/meetings/${meeting.meetingId}`}>{meetingTitle(meeting, language)}</Anchor>
          </Title>
          <Group gap={6}>
            {meeting.overdue > 0 && <OverdueBadge />}
            <MeetingStatusBadge status={meeting.status as MeetingStatus} testId="control-meeting-status" />
            {executed && (
              <Badge color={PALETTE.success} variant="outline" tt="none" styles={badgeStyles} leftSection={<IconRosette size={14} aria-hidden />} data-testid="control-executed">
                {meeting.status === 'closed' ? t('control.executedClosed') : t('control.executed')}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm">
          {meeting.inspectors.map((i) => i.fullName).join(', ')}
        </Text>
        <Text size="sm" data-testid="control-meeting-progress">{t('control.progress', { verified: meeting.verified, total: meeting.total, overdue: meeting.overdue })}</Text>
        {meeting.entries.length === 0
          ? <Text size="sm" c="gray.8">{t('control.noEntries')}</Text>
          : <ul className="followup-list">{meeting.entries.map((e) => <EntryRow key={`${e.kind}-${e.id}`} entry={e} canVerify={meeting.status === 'protocol_signed'} />)}</ul>}
      </Stack>
    </Paper>
  );
}

const PAGE_SIZE = 20;

/** The summary per region, unit or point (one level down): each name narrows the board to it. */
function ControlAreas({ areas, onPick }: { areas: NonNullable<ControlBoard['areas']>; onPick: (id: string) => void }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  return (
    <ul className="area-bars" aria-label={t(`control.areas.${areas.level}`)} data-testid="control-areas" style={{ marginTop: 12 }}>
      {areas.items.map((a) => (
        <li key={a.id}>
          <UnstyledButton className="area-bar" onClick={() => onPick(a.id)}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" c="blue.9" td="underline" truncate>{localName(a, language)}</Text>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{t('control.areaLine', { count: a.total, overdue: a.summary.overdue })}</Text>
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </ul>
  );
}

function BoardView({ board, filters, setFilter }: { board: ControlBoard; filters: Filters; setFilter: (patch: Partial<Filters>) => void }) {
  const { t } = useTranslation('followup');
  const counts: Record<BoardState, number> = board.summary;
  const kinds = [{ value: '', label: t('control.allKinds') }, ...CONTROL_KINDS.map((k) => ({ value: k, label: t(`control.kind.${k}`) }))];

  return (
    <Stack gap="md">
      <Block id="control-summary" title={t('control.summary')}>
        <ControlChart counts={counts} />
        <Text size="sm" mt="xs" data-testid="control-total">{t('control.meetingsTotal', { count: board.total })}</Text>
        {board.areas && board.areas.items.length > 0 && <ControlAreas areas={board.areas} onPick={(id) => setFilter(
          board.areas!.level === 'region' ? { regionId: id, unitId: '', pointId: '' } : board.areas!.level === 'unit' ? { unitId: id, pointId: '' } : { pointId: id },
        )} />}
      </Block>
      <Block id="control-filters" title={t('control.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TerritoryFilter value={filters} onChange={setFilter} withDistrict withInspector />
          <NativeSelect label={t('control.kindFilter')} value={filters.kind} onChange={(e) => setFilter({ kind: e.currentTarget.value })}
            data={kinds} data-testid="control-filter-kind" />
        </SimpleGrid>
        <Checkbox mt="sm" label={t('control.overdueOnly')} checked={filters.overdue} onChange={(e) => setFilter({ overdue: e.currentTarget.checked })} data-testid="control-filter-overdue" />
      </Block>
      <Stack gap="md" data-testid="control-meetings">
        {board.meetings.length === 0 && <Text c="gray.8" role="status" data-testid="control-empty">{t('control.empty')}</Text>}
        {board.meetings.map((m) => <MeetingBlock key={m.meetingId} meeting={m} />)}
      </Stack>
      <TablePager page={board.page} pageSize={board.pageSize} total={board.total} onChange={(page) => setFilter({ page })} />
    </Stack>
  );
}

/**
 * `/control` — R-33: the point lead's board (the unit and the region for their heads): every
 * signed protocol of the territory with its decisions, checks and forwardings, overdue first;
 * each is verified, and the protocol is executed (the meeting closed) when all are. The server
 * pages it and counts every record the filters select; the filters live in the address.
 */
export function ControlBoardPage() {
  const { t } = useTranslation('followup');
  useDocumentTitle(`${t('control.title')} — Esep`);
  const [search, setSearch] = useSearchParams();
  const requested = search.get('status');
  const status: StatusFilter = (STATUS_FILTERS as readonly string[]).includes(requested ?? '') ? (requested as StatusFilter) : 'open';
  const kind = (CONTROL_KINDS as readonly string[]).includes(search.get('kind') ?? '') ? search.get('kind')! : '';
  const filters: Filters = {
    ...NO_TERRITORY, regionId: search.get('region') ?? '', unitId: search.get('unit') ?? '', pointId: search.get('point') ?? '',
    districtId: search.get('district') ?? '', staffId: search.get('inspector') ?? '', kind, overdue: search.get('overdue') === '1',
    page: Math.max(1, Number(search.get('page')) || 1),
  };
  const params: ControlParams = {
    status, regionId: filters.regionId, unitId: filters.unitId, pointId: filters.pointId, districtId: filters.districtId, staffId: filters.staffId,
    kind: (filters.kind || undefined) as ControlParams['kind'], overdue: filters.overdue ? 'true' : undefined, page: filters.page, pageSize: PAGE_SIZE,
  };
  const query = useQuery({ queryKey: followupKeys.control(params), queryFn: ({ signal }) => fetchControl(params, signal), placeholderData: keepPreviousData });
  const setParam = (patch: Record<string, string>) => setSearch((current) => {
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    return next;
  }, { replace: true });
  const NAMES: Record<string, string> = { regionId: 'region', unitId: 'unit', pointId: 'point', districtId: 'district', staffId: 'inspector' };
  const setFilter = (patch: Partial<Filters>) => setParam({
    // Any change of the filters starts again from the first page.
    page: patch.page && patch.page > 1 ? String(patch.page) : '',
    ...Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'page').map(([k, v]) => [NAMES[k] ?? k, typeof v === 'boolean' ? (v ? '1' : '') : String(v)])),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>{t('control.title')}</Title>
          <Text size="sm">{t('control.intro')} (<RuleLink rule="R-33" />)</Text>
        </Stack>
        <NativeSelect label={t('control.status')} value={status} onChange={(e) => setParam({ status: e.currentTarget.value === 'open' ? '' : e.currentTarget.value, page: '' })}
          data={STATUS_FILTERS.map((s) => ({ value: s, label: t(`control.statusFilter.${s}`) }))} data-testid="control-status" />
      </Group>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <BoardView board={query.data} filters={filters} setFilter={setFilter} />}
    </Stack>
  );
}
