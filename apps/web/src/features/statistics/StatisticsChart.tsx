import { Group, Stack, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import { TableScroll } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { StatisticsRow } from '../report/report.api.ts';
import '../report/report.css';
import { changeText, totals } from './change.ts';

/** This quarter and the same quarter of last year: dark enough for 3:1 against white (WCAG 1.4.11). */
export const BAR_COLORS = { current: '#1864ab', lastYear: '#6c757d' } as const;

const BLOCK = 46;
const VALUE_SPACE = 56;

function Legend() {
  const { t } = useTranslation('report');
  return (
    <Group gap="md" aria-hidden="true">
      {(['current', 'lastYear'] as const).map((key) => (
        <Group key={key} gap={6} wrap="nowrap">
          <span className="stat-swatch" style={{ background: BAR_COLORS[key] }} />
          <Text size="xs">{t(`stats.${key}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * Registered offences by category, two bars each (this quarter, same quarter last year). The
 * picture is one `img` with a summary for screen readers; the table beside it has the numbers.
 */
export function StatisticsChart({ rows, label }: { rows: readonly StatisticsRow[]; label: string }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const { ref, width } = useElementSize();
  const max = Math.max(1, ...rows.map((r) => Math.max(r.count, r.lastYear ?? 0)));
  const w = Math.max(200, Math.floor(width || 320));
  const scale = (n: number) => Math.max(n > 0 ? 2 : 0, ((w - VALUE_SPACE) * n) / max);
  const height = rows.length * BLOCK + 4;
  return (
    <Stack gap={6}>
      <Legend />
      <div ref={ref} style={{ width: '100%', maxWidth: 640 }}>
        <svg role="img" aria-label={label} width={w} height={height} viewBox={`0 0 ${w} ${height}`} style={{ display: 'block' }} data-testid="statistics-chart">
          <title>{label}</title>
          {rows.map((row, index) => {
            const y = index * BLOCK;
            return (
              <g key={row.category}>
                <text x={0} y={y + 12} fontSize={12} fill="#212529">{t(`offence.${row.category}`)}</text>
                <rect x={0} y={y + 17} height={10} width={scale(row.count)} fill={BAR_COLORS.current} rx={2} />
                <text x={scale(row.count) + 4} y={y + 26} fontSize={11} fill="#212529">{formatNumber(row.count, language)}</text>
                {row.lastYear != null && (
                  <>
                    <rect x={0} y={y + 30} height={10} width={scale(row.lastYear)} fill={BAR_COLORS.lastYear} rx={2} />
                    <text x={scale(row.lastYear) + 4} y={y + 39} fontSize={11} fill="#212529">{formatNumber(row.lastYear, language)}</text>
                  </>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </Stack>
  );
}

/** The numbers: each category this quarter against the same quarter of last year, and the change. */
export function StatisticsTable({ rows, caption, testId }: { rows: readonly StatisticsRow[]; caption: string; testId?: string }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const { count: total, lastYear: totalLast, ...totalChange } = totals(rows);
  return (
    <TableScroll label={caption} minWidth={420}>
      <Table striped verticalSpacing={4} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stats.category')}</Table.Th>
            <Table.Th ta="right">{t('stats.current')}</Table.Th>
            <Table.Th ta="right">{t('stats.lastYear')}</Table.Th>
            <Table.Th ta="right">{t('stats.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.category} data-category={r.category}>
              <Table.Td>{t(`offence.${r.category}`)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.count, language)}</Table.Td>
              <Table.Td ta="right">{r.lastYear == null ? '—' : formatNumber(r.lastYear, language)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{changeText(r, language)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>{t('stats.total')}</Table.Td>
            <Table.Td ta="right">{formatNumber(total, language)}</Table.Td>
            <Table.Td ta="right">{totalLast == null ? '—' : formatNumber(totalLast, language)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{changeText(totalChange, language)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
