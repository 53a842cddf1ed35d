import { Paper, Stack, Title } from '@mantine/core';
import { Suspense, useState, type ReactNode } from 'react';
import { lazyComponent } from '../../app/lazy.ts';
import { DataTable, TablePager, type DataTableProps } from '../../app/table.tsx';
import { pageRows, PAGE_SIZE, sortRows } from './analytics.model.ts';

/** The charts are a chunk of their own (Recharts): the tables show while it loads. */
export const BarsChart = lazyComponent(() => import('./Charts.tsx'), (m) => m.BarsChart);
export const TrendChart = lazyComponent(() => import('./Charts.tsx'), (m) => m.TrendChart);

/** A chart beside its table: side by side on a wide screen, one above the other on a phone. */
export function ChartAndTable({ title, chart, table, testId }: { title: ReactNode; chart: ReactNode; table: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} data-testid={testId} className="analytics-block">
      <Stack gap="sm">
        <Title order={3} size="h4">{title}</Title>
        <div className="analytics-pair">
          <div className="analytics-pair-chart"><Suspense fallback={null}>{chart}</Suspense></div>
          <div className="analytics-pair-table">{table}</div>
        </div>
      </Stack>
    </Paper>
  );
}

/**
 * A DataTable sorted and paged on the page (the report is small: children of one territory, a
 * few quarters): sorting by a column's `sort` field, PAGE_SIZE rows a page.
 */
export function PagedTable<T>(props: Omit<DataTableProps<T>, 'sort' | 'onSort'> & {
  initialSort?: string; value?: (row: T, field: string) => string | number | null;
}) {
  const { initialSort, value, rows, ...rest } = props;
  const [sort, setSort] = useState<string | undefined>(initialSort);
  const [page, setPage] = useState(1);
  const sorted = sort ? sortRows(rows, sort, value) : rows;
  return (
    <Stack gap="xs">
      <DataTable {...rest} rows={pageRows(sorted, page)} sort={sort} onSort={(s) => { setSort(s); setPage(1); }} />
      {rows.length > PAGE_SIZE && <TablePager page={page} pageSize={PAGE_SIZE} total={rows.length} onChange={setPage} />}
    </Stack>
  );
}
