import { Group, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import { DataTable } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { StatisticsRow } from '../report/report.api.ts';
import '../report/report.css';
import { changeText, totals } from './change.ts';
import { PALETTE } from '../../app/design.ts';

/** This quarter and the same quarter of last year: dark enough for 3:1 against white (WCAG 1.4.11). */
export const BAR_COLORS = { current: PALETTE.info, lastYear: PALETTE.muted } as const;

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
                <text x={0} y={y + 12} fontSize={12} fill={PALETTE.ink}>{t(`offence.${row.category}`)}</text>
                <rect x={0} y={y + 17} height={10} width={scale(row.count)} fill={BAR_COLORS.current} rx={2} />
                <text x={scale(row.count) + 4} y={y + 26} fontSize={11} fill={PALETTE.ink}>{formatNumber(row.count, language)}</text>
                {row.lastYear != null && (
                  <>
                    <rect x={0} y={y + 30} height={10} width={scale(row.lastYear)} fill={BAR_COLORS.lastYear} rx={2} />
                    <text x={scale(row.lastYear) + 4} y={y + 39} fontSize={11} fill={PALETTE.ink}>{formatNumber(row.lastYear, language)}</text>
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
  type Line = { key: string; name: string; count: number; lastYear: number | null; change: string; total?: boolean; category?: string };
  const lines: Line[] = rows.map((r) => ({
    key: r.category, category: r.category, name: t(`offence.${r.category}`), count: r.count, lastYear: r.lastYear, change: changeText(r, language),
  }));
  const sum = totals(rows);
  lines.push({ key: 'total', name: t('stats.total'), count: sum.count, lastYear: sum.lastYear, change: changeText(sum, language), total: true });
  return (
    <DataTable
      label={caption}
      caption={caption}
      minWidth={420}
      verticalSpacing={4}
      testId={testId}
      rows={lines}
      rowKey={(line) => line.key}
      rowProps={(line) => (line.total ? { fw: 700 } : { 'data-category': line.category })}
      columns={[
        { id: 'category', header: t('stats.category'), stack: 'title', cell: (line) => line.name },
        { id: 'current', header: t('stats.current'), align: 'right', cell: (line) => formatNumber(line.count, language) },
        { id: 'lastYear', header: t('stats.lastYear'), align: 'right', cell: (line) => (line.lastYear == null ? '—' : formatNumber(line.lastYear, language)) },
        { id: 'change', header: t('stats.change'), align: 'right', nowrap: true, cell: (line) => line.change },
      ]}
    />
  );
}
