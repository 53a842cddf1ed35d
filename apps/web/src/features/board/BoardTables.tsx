import { Anchor, Box, Button, Group, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SortableTh, TableMessageRow, TableScroll } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { wrappingButton } from '../meetings/buttons.ts';
import { OBLIGATION_STATUSES } from '../meetings/options.ts';
import { MeetingStatusBadge, OBLIGATION_COLORS, ObligationBadge } from '../meetings/StatusBadge.tsx';
import { LateEntryBadge } from '../meetings/late/LateEntryBadge.tsx';
import type { ObligationBoard } from '../meetings/types.ts';

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
  // On a phone the button goes under the district's name, in sight without scrolling the table.
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  const planColumn = canPlan && !narrow;
  const columns = 5 + (showPoint ? 1 : 0) + (planColumn ? 1 : 0);
  const plan = (row: Row) => (
    <Button component={Link} to={`/meetings/new?district=${row.district.id}`} size="sm" variant="light" styles={wrappingButton}
      leftSection={<IconCalendarPlus size={16} aria-hidden />} data-testid="plan-meeting" data-district={row.district.code}
      aria-label={`${t('board.plan')}: ${localName(row.district, language)}`}>
      {t('board.plan')}
    </Button>
  );
  return (
    <TableScroll label={t('board.districts')} minWidth={showPoint ? 900 : 760}>
      <Table verticalSpacing="xs" striped highlightOnHover data-testid="board-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="code" sort={sort} onSort={onSort}>{t('board.district')}</SortableTh>
            {showPoint && <Table.Th>{t('board.point')}</Table.Th>}
            <Table.Th>{t('board.inspector')}</Table.Th>
            <SortableTh field="status" sort={sort} onSort={onSort}>{t('board.status')}</SortableTh>
            <Table.Th>{t('board.daysToAnnounce')}</Table.Th>
            <Table.Th>{t('board.meetings')}</Table.Th>
            {planColumn && <Table.Th><VisuallyHidden>{t('board.actions')}</VisuallyHidden></Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && <TableMessageRow colSpan={columns}>{t('board.empty')}</TableMessageRow>}
          {rows.map((row) => (
            <Table.Tr key={row.district.id} data-district={row.district.code}>
              <Table.Td>
                <Anchor component={Link} to={`/districts/${row.district.id}`} size="sm">{localName(row.district, language)}</Anchor>
                <Text size="xs" c="gray.8">{row.district.code}</Text>
                {canPlan && narrow && <Box mt={6}>{plan(row)}</Box>}
              </Table.Td>
              {showPoint && <Table.Td><Text size="sm">{localName(row.point, language)}</Text></Table.Td>}
              <Table.Td><Text size="sm">{row.inspector?.fullName ?? t('board.noInspector')}</Text></Table.Td>
              <Table.Td><ObligationBadge status={row.status} testId={`board-status-${row.district.code}`} /></Table.Td>
              <Table.Td><DaysLeft days={row.daysToAnnounce} /></Table.Td>
              <Table.Td>
                {row.meetings.length === 0 ? <Text size="sm" c="gray.8">{t('board.noMeetings')}</Text> : (
                  <Stack gap={4}>
                    {row.meetings.map((m) => (
                      <div key={m.id}>
                        <Anchor component={Link} to={`/meetings/${m.id}`} size="sm" mr={6} style={{ whiteSpace: 'nowrap' }}>{m.number}</Anchor>
                        <MeetingStatusBadge status={m.status} size="sm" />
                        {/* an entry after the fact counts once confirmed; the flag says where it stands. */}
                        <LateEntryBadge status={m.lateEntry} />
                      </div>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              {planColumn && <Table.Td>{plan(row)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** Each inspector's status for the quarter (the worst of his districts): those answering for the page's districts. */
export function InspectorTable({ board, inspectors }: { board: ObligationBoard; inspectors: NonNullable<ObligationBoard['inspectors']> }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const names = new Map(board.districts.map((d) => [d.district.id, localName(d.district, language)]));
  return (
    <TableScroll label={t('board.inspectors')} minWidth={520}>
      <Table verticalSpacing="xs" striped data-testid="board-inspectors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('board.inspector')}</Table.Th>
            <Table.Th>{t('board.status')}</Table.Th>
            <Table.Th>{t('board.districts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inspectors.items.length === 0 && <TableMessageRow colSpan={3}>{t('board.empty')}</TableMessageRow>}
          {inspectors.items.map((row) => (
            <Table.Tr key={row.staff.id}>
              <Table.Td><Text size="sm">{row.staff.fullName}</Text></Table.Td>
              <Table.Td><ObligationBadge status={row.status} testId={`board-inspector-${row.staff.code}`} /></Table.Td>
              <Table.Td>
                <Text size="sm">
                  {row.districtIds.filter((id) => names.has(id)).map((id) => names.get(id)).join(', ')}
                  {row.districtIds.some((id) => !names.has(id)) && ` ${t('board.moreDistricts', { count: row.districtIds.filter((id) => !names.has(id)).length })}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
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
    <TableScroll label={t(`board.areas.${areas.level}`)} minWidth={720}>
      <Table verticalSpacing="xs" striped highlightOnHover data-testid="board-areas" data-level={areas.level}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`board.areas.${areas.level}`)}</Table.Th>
            <Table.Th>{t('board.areas.total')}</Table.Th>
            {OBLIGATION_STATUSES.map((s) => <Table.Th key={s}>{t(`obligation.${s}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {areas.items.map((area) => (
            <Table.Tr key={area.id} data-area={area.code}>
              <Table.Td>
                <UnstyledButton onClick={() => onPick(area.id)} className="sort-button" data-testid="board-area" aria-label={t('board.areas.pick', { name: localName(area, language) })}>
                  <Text size="sm" c="blue.9" td="underline">{localName(area, language)}</Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td><Text size="sm" fw={700}>{area.total}</Text></Table.Td>
              {OBLIGATION_STATUSES.map((s) => <Table.Td key={s} data-status={s}><Text size="sm">{area.counts[s] ?? 0}</Text></Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
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
