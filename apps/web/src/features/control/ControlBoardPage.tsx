import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconRosette } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import '../board/board.css';
import { fetchControl, followupKeys, verifyRecord, type ControlBoard, type ControlEntry, type ControlMeeting, type ControlParams } from '../followup/followup.api.ts';
import '../followup/followup.css';
import { BOARD_STATES, boardState, type BoardState } from '../followup/options.ts';
import { OverdueBadge, StatusBadge } from '../followup/parts.tsx';
import { meetingKeys } from '../meetings/meetings.api.ts';
import { notifyDone } from '../meetings/notify.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import { badgeStyles, MeetingStatusBadge } from '../meetings/StatusBadge.tsx';
import type { MeetingStatus } from '../meetings/types.ts';
import { fetchOrgTree, orgKeys } from '../org/org.api.ts';
import { ControlChart } from './ControlChart.tsx';

const STATUS_FILTERS = ['open', 'closed', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

interface Filters { inspector: string; district: string; point: string; unit: string; overdue: boolean }

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

/** The district → point → unit of the territory, to filter by point and unit. */
function useDistrictPlaces() {
  const tree = useQuery({ queryKey: orgKeys.tree, queryFn: ({ signal }) => fetchOrgTree(signal), staleTime: 5 * 60_000 });
  return useMemo(() => {
    const places = new Map<string, { point: { id: string; nameKk: string; nameRu: string }; unit: { id: string; nameKk: string; nameRu: string } }>();
    for (const region of tree.data?.regions ?? []) {
      for (const unit of region.units) {
        for (const point of unit.points) {
          for (const district of point.districts) places.set(district.id, { point, unit });
        }
      }
    }
    return places;
  }, [tree.data]);
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
          <Badge variant="outline" color="#343a40" tt="none" styles={badgeStyles}>{t(`control.kind.${entry.kind}`)}</Badge>
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
            <Anchor component={Link} to={`/meetings/${meeting.meetingId}`}>{t('control.meetingTitle', { number: meeting.number })}</Anchor>
          </Title>
          <Group gap={6}>
            {meeting.overdue > 0 && <OverdueBadge />}
            <MeetingStatusBadge status={meeting.status as MeetingStatus} testId="control-meeting-status" />
            {executed && (
              <Badge color="#237032" variant="outline" tt="none" styles={badgeStyles} leftSection={<IconRosette size={14} aria-hidden />} data-testid="control-executed">
                {meeting.status === 'closed' ? t('control.executedClosed') : t('control.executed')}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm">
          {formatDate(meeting.date, language)} · {meeting.districts.map((d) => localName(d, language)).join(', ')}
          {meeting.inspectors.length > 0 && <> · {meeting.inspectors.map((i) => i.fullName).join(', ')}</>}
        </Text>
        <Text size="sm" data-testid="control-meeting-progress">{t('control.progress', { verified: meeting.verified, total: meeting.total, overdue: meeting.overdue })}</Text>
        {meeting.entries.length === 0
          ? <Text size="sm" c="gray.8">{t('control.noEntries')}</Text>
          : <ul className="followup-list">{meeting.entries.map((e) => <EntryRow key={`${e.kind}-${e.id}`} entry={e} canVerify={meeting.status === 'protocol_signed'} />)}</ul>}
      </Stack>
    </Paper>
  );
}

function BoardView({ board, filters, setFilter }: { board: ControlBoard; filters: Filters; setFilter: (patch: Partial<Filters>) => void }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const places = useDistrictPlaces();
  const options = useMemo(() => {
    const inspectors = new Map<string, string>();
    const districts = new Map<string, string>();
    const points = new Map<string, string>();
    const units = new Map<string, string>();
    for (const m of board.meetings) {
      for (const i of m.inspectors) inspectors.set(i.staffId, i.fullName);
      for (const d of m.districts) {
        districts.set(d.id, `${localName(d, language)} (${d.code})`);
        const place = places.get(d.id);
        if (place) { points.set(place.point.id, localName(place.point, language)); units.set(place.unit.id, localName(place.unit, language)); }
      }
    }
    const sorted = (map: Map<string, string>) => [...map].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, language));
    return { inspectors: sorted(inspectors), districts: sorted(districts), points: sorted(points), units: sorted(units) };
  }, [board.meetings, places, language]);

  const meetings = board.meetings.filter((m) =>
    (!filters.inspector || m.inspectors.some((i) => i.staffId === filters.inspector))
    && (!filters.district || m.districts.some((d) => d.id === filters.district))
    && (!filters.point || m.districts.some((d) => places.get(d.id)?.point.id === filters.point))
    && (!filters.unit || m.districts.some((d) => places.get(d.id)?.unit.id === filters.unit)))
    .map((m) => (filters.overdue ? { ...m, entries: m.entries.filter((e) => boardState(e) === 'overdue') } : m))
    .filter((m) => !filters.overdue || m.entries.length > 0);
  const counts = Object.fromEntries(BOARD_STATES.map((s) => [s, 0])) as Record<BoardState, number>;
  for (const m of meetings) for (const e of m.entries) counts[boardState(e)] += 1;
  const all = (label: string) => ({ value: '', label });

  return (
    <Stack gap="md">
      <Block id="control-summary" title={t('control.summary')}>
        <ControlChart counts={counts} />
      </Block>
      <Block id="control-filters" title={t('control.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {options.units.length > 1 && (
            <NativeSelect label={t('control.unit')} value={filters.unit} onChange={(e) => setFilter({ unit: e.currentTarget.value })}
              data={[all(t('control.allUnits')), ...options.units]} data-testid="control-filter-unit" />
          )}
          {options.points.length > 1 && (
            <NativeSelect label={t('control.point')} value={filters.point} onChange={(e) => setFilter({ point: e.currentTarget.value })}
              data={[all(t('control.allPoints')), ...options.points]} data-testid="control-filter-point" />
          )}
          <NativeSelect label={t('control.inspector')} value={filters.inspector} onChange={(e) => setFilter({ inspector: e.currentTarget.value })}
            data={[all(t('control.allInspectors')), ...options.inspectors]} data-testid="control-filter-inspector" />
          <NativeSelect label={t('control.district')} value={filters.district} onChange={(e) => setFilter({ district: e.currentTarget.value })}
            data={[all(t('control.allDistricts')), ...options.districts]} data-testid="control-filter-district" />
        </SimpleGrid>
        <Checkbox mt="sm" label={t('control.overdueOnly')} checked={filters.overdue} onChange={(e) => setFilter({ overdue: e.currentTarget.checked })} data-testid="control-filter-overdue" />
      </Block>
      <Stack gap="md" data-testid="control-meetings">
        {meetings.length === 0 && <Text c="gray.8" role="status" data-testid="control-empty">{t('control.empty')}</Text>}
        {meetings.map((m) => <MeetingBlock key={m.meetingId} meeting={m} />)}
      </Stack>
    </Stack>
  );
}

/**
 * `/control` — R-33: the point lead's board (the unit and the region for their heads): every
 * signed protocol of the territory with its decisions, checks and forwardings, overdue first;
 * each is verified, and the protocol is executed (the meeting closed) when all are.
 */
export function ControlBoardPage() {
  const { t } = useTranslation('followup');
  useDocumentTitle(`${t('control.title')} — Esep`);
  const [search, setSearch] = useSearchParams();
  const requested = search.get('status');
  const status: StatusFilter = (STATUS_FILTERS as readonly string[]).includes(requested ?? '') ? (requested as StatusFilter) : 'open';
  const params: ControlParams = { status };
  const query = useQuery({ queryKey: followupKeys.control(params), queryFn: ({ signal }) => fetchControl(params, signal), placeholderData: keepPreviousData });
  const [filters, setFilters] = useState<Filters>({
    inspector: search.get('inspector') ?? '', district: search.get('district') ?? '', point: search.get('point') ?? '', unit: search.get('unit') ?? '',
    overdue: search.get('overdue') === '1',
  });
  const setParam = (patch: Record<string, string>) => setSearch((current) => {
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    return next;
  }, { replace: true });
  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setParam(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '') : v])));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>{t('control.title')}</Title>
          <Text size="sm">{t('control.intro')} (<RuleLink rule="R-33" />)</Text>
        </Stack>
        <NativeSelect label={t('control.status')} value={status} onChange={(e) => setParam({ status: e.currentTarget.value === 'open' ? '' : e.currentTarget.value })}
          data={STATUS_FILTERS.map((s) => ({ value: s, label: t(`control.statusFilter.${s}`) }))} data-testid="control-status" />
      </Group>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <BoardView board={query.data} filters={filters} setFilter={setFilter} />}
    </Stack>
  );
}
