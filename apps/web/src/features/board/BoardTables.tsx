import { Anchor, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { wrappingButton } from '../meetings/buttons.ts';
import { OBLIGATION_STATUSES } from '../meetings/options.ts';
import { MeetingStatusBadge, OBLIGATION_COLORS, ObligationBadge } from '../meetings/StatusBadge.tsx';
import { LateEntryBadge } from '../meetings/late/LateEntryBadge.tsx';
import type { ObligationBoard } from '../meetings/types.ts';
import { formatLongDateTime } from '../../app/format.ts';

type Row = ObligationBoard['districts'][number];

function DaysLeft({ days }: { days: number | null }) {
  const { t } = useTranslation('meetings');
  if (days === null) return <Text size="sm" c="gray.8">{t('common.none')}</Text>;
  if (days < 0) return <Text size="sm" fw={600} c="red.9">{t('board.deadlinePassed')}</Text>;
  return <Text size="sm" fw={days <= 7 ? 700 : 400} c={days <= 7 ? 'orange.9' : undefined}>{t('board.days', { count: days })}</Text>;
}

/** The districts of the quarter: status, days left to announce, meetings, "Plan meeting". */
export function DistrictTable({ rows, showPoint, canPlan, sort, onSort }: {
  rows: Row[]; showPoint: boolean; canPlan: boolean; sort: string; onSort: (sort: string) => void;
}) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const plan = (row: Row) => (
    <Button component={Link} to={`/meetings/new?district=${row.district.id}`} size="sm" variant="light" styles={wrappingButton}
      leftSection={<IconCalendarPlus size={16} aria-hidden />} data-testid="plan-meeting" data-district={row.district.code}
      aria-label={`${t('board.plan')}: ${localName(row.district, language)}`}>
      {t('board.plan')}
    </Button>
  );
  // On a phone each district is a card: its name, status and days left first, "Plan" at the end.
  return (
    <DataTable
      label={t('board.districts')}
      minWidth={showPoint ? 900 : 760}
      testId="board-table"
      highlightOnHover
      rows={rows}
      rowKey={(row) => row.district.id}
      rowProps={(row) => ({ 'data-district': row.district.code })}
      sort={sort}
      onSort={onSort}
      empty={t('board.empty')}
      columns={[
        {
          id: 'district', header: t('board.district'), sort: 'code', stack: 'title',
          cell: (row) => (
            <>
              <Anchor component={Link} to={`/districts/${row.district.id}`} size="sm">{localName(row.district, language)}</Anchor>
              <Text size="xs" c="gray.8" fw={400}>{row.district.code}</Text>
            </>
          ),
        },
        showPoint && { id: 'point', header: t('board.point'), cell: (row) => <Text size="sm">{localName(row.point, language)}</Text> },
        { id: 'inspector', header: t('board.inspector'), cell: (row) => <Text size="sm">{row.inspector?.fullName ?? t('board.noInspector')}</Text> },
        {
          id: 'status', header: t('board.status'), sort: 'status', stack: 'first',
          cell: (row) => <ObligationBadge status={row.status} testId={`board-status-${row.district.code}`} />,
        },
        { id: 'days', header: t('board.daysToAnnounce'), stack: 'first', cell: (row) => <DaysLeft days={row.daysToAnnounce} /> },
        {
          id: 'meetings', header: t('board.meetings'),
          cell: (row) => row.meetings.length === 0 ? <Text size="sm" c="gray.8">{t('board.noMeetings')}</Text> : (
            <Stack gap={4}>
              {row.meetings.map((m) => (
                <div key={m.id}>
                  <Anchor component={Link} to={`/meetings/${m.id}`} size="sm" mr={6} className="board-meeting-number">{formatLongDateTime(m.startsAt, language, { year: false })}</Anchor>
                  <MeetingStatusBadge status={m.status} size="sm" />
                  {/* an entry after the fact counts once confirmed; the flag says where it stands. */}
                  <LateEntryBadge status={m.lateEntry} />
                </div>
              ))}
            </Stack>
          ),
        },
        canPlan && { id: 'plan', header: t('board.actions'), hiddenHeader: true, label: false, cell: plan },
      ]}
    />
  );
}

/** Each inspector's status for the quarter (the worst of his districts): those answering for the page's districts. */
export function InspectorTable({ board, inspectors }: { board: ObligationBoard; inspectors: NonNullable<ObligationBoard['inspectors']> }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const names = new Map(board.districts.map((d) => [d.district.id, localName(d.district, language)]));
  return (
    <DataTable
      label={t('board.inspectors')}
      minWidth={520}
      testId="board-inspectors"
      rows={inspectors.items}
      rowKey={(row) => row.staff.id}
      empty={t('board.empty')}
      columns={[
        { id: 'inspector', header: t('board.inspector'), stack: 'title', cell: (row) => <Text size="sm" fw="inherit">{row.staff.fullName}</Text> },
        { id: 'status', header: t('board.status'), cell: (row) => <ObligationBadge status={row.status} testId={`board-inspector-${row.staff.code}`} /> },
        {
          id: 'districts', header: t('board.districts'),
          cell: (row) => (
            <Text size="sm">
              {row.districtIds.filter((id) => names.has(id)).map((id) => names.get(id)).join(', ')}
              {row.districtIds.some((id) => !names.has(id)) && ` ${t('board.moreDistricts', { count: row.districtIds.filter((id) => !names.has(id)).length })}`}
            </Text>
          ),
        },
      ]}
    />
  );
}

/**
 * The board's counts per territory one level down (regions of the country, units of a region,
 * points of a unit); a name narrows the board to that territory.
 */
export function AreaTable({ areas, onPick }: { areas: NonNullable<ObligationBoard['areas']>; onPick: (id: string) => void }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <DataTable
      label={t(`board.areas.${areas.level}`)}
      minWidth={720}
      testId="board-areas"
      tableProps={{ 'data-level': areas.level }}
      highlightOnHover
      rows={areas.items}
      rowKey={(area) => area.id}
      rowProps={(area) => ({ 'data-area': area.code })}
      columns={[
        {
          id: 'area', header: t(`board.areas.${areas.level}`), stack: 'title',
          cell: (area) => (
            <UnstyledButton onClick={() => onPick(area.id)} className="sort-button" data-testid="board-area" aria-label={t('board.areas.pick', { name: localName(area, language) })}>
              <Text size="sm" c="blue.9" td="underline">{localName(area, language)}</Text>
            </UnstyledButton>
          ),
        },
        { id: 'total', header: t('board.areas.total'), cell: (area) => <Text size="sm" fw={700}>{area.total}</Text> },
        ...OBLIGATION_STATUSES.map((s) => ({
          id: s, header: t(`obligation.${s}`), cellProps: () => ({ 'data-status': s }),
          cell: (area: (typeof areas.items)[number]) => <Text size="sm">{area.counts[s] ?? 0}</Text>,
        })),
      ]}
    />
  );
}

/**
 * The same breakdown as bars for a phone (360 px): one row per territory — its name (which narrows
 * the board to it), its total and the share of each status as a bar. The bar is hidden from screen
 * readers; the button's name is its visible text: the territory, its total, and how many districts
 * are missed or at risk.
 */
export function AreaBars({ areas, onPick }: { areas: NonNullable<ObligationBoard['areas']>; onPick: (id: string) => void }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <ul className="area-bars" aria-label={t(`board.areas.${areas.level}`)} data-testid="board-area-bars">
      {areas.items.map((area) => {
        let offset = 0;
        return (
          <li key={area.id}>
            {/* Named by what it shows (WCAG 2.5.3, label in name): the territory and its counts. */}
            <UnstyledButton onClick={() => onPick(area.id)} className="area-bar">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" c="blue.9" td="underline" truncate>{localName(area, language)}</Text>
                <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {area.total}{area.counts.missed + area.counts.at_risk > 0 ? ` · ${t('obligation.missed')} ${area.counts.missed}, ${t('obligation.at_risk')} ${area.counts.at_risk}` : ''}
                </Text>
              </Group>
              {area.total > 0 && (
                <svg viewBox="0 0 100 4" preserveAspectRatio="none" width="100%" height="10" aria-hidden="true" focusable="false" style={{ display: 'block' }}>
                  {OBLIGATION_STATUSES.map((status) => {
                    const width = ((area.counts[status] ?? 0) / area.total) * 100;
                    const x = offset;
                    offset += width;
                    return width > 0 ? <rect key={status} x={x} y={0} width={width} height={4} fill={OBLIGATION_COLORS[status]} /> : null;
                  })}
                </svg>
              )}
            </UnstyledButton>
          </li>
        );
      })}
    </ul>
  );
}
