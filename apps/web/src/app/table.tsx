import { Group, NativeSelect, Pagination, Table, Text, UnstyledButton, useMatches, VisuallyHidden } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `field` ascending, `-field` descending: the API's sort convention. */
export function nextSort(current: string | undefined, field: string): string {
  return current === field ? `-${field}` : field;
}

/** A column header that sorts the list; `aria-sort` tells screen readers the order. */
export function SortableTh({ field, sort, onSort, children }: {
  field: string; sort: string | undefined; onSort: (sort: string) => void; children: ReactNode;
}) {
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const Icon = direction === 'ascending' ? IconSortAscending : direction === 'descending' ? IconSortDescending : IconArrowsSort;
  return (
    <Table.Th aria-sort={direction} role="columnheader">
      <UnstyledButton className="sort-button" onClick={() => onSort(nextSort(sort, field))}>
        {children}
        <Icon size={16} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

/** Page numbers with accessible names, and the total. Fits 360 px by hiding neighbours. */
export function TablePager({ page, pageSize, total, onChange }: {
  page: number; pageSize: number; total: number; onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const siblings = useMatches({ base: 0, sm: 1 });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" c="gray.8">{t('table.total', { count: total })}</Text>
      {pages > 1 && (
        <nav aria-label={t('table.pagination')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onChange}
            siblings={siblings}
            boundaries={1}
            size="sm"
            getItemProps={(item) => ({ 'aria-label': t('table.page', { page: item }), 'aria-current': item === page ? 'page' : undefined })}
            getControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
          />
        </nav>
      )}
    </Group>
  );
}

/** One full-width row saying the table is loading or empty. */
export function TableMessageRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr role="row">
      <Table.Td role="cell" colSpan={colSpan}>
        <Text ta="center" py="md" c="gray.8" role="status">{children}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * A table's own scroll box: wide tables scroll here, not the page. It can take keyboard focus
 * so the hidden columns can be reached without a mouse.
 */
export function TableScroll({ label, minWidth, maxHeight, className, children }: {
  label: string; minWidth: number; maxHeight?: number; className?: string; children: ReactNode;
}) {
  return (
    <div
      className={className ? `table-scroll ${className}` : 'table-scroll'}
      role="group"
      aria-label={label}
      tabIndex={0}
      style={{ ['--table-min-width' as string]: `${minWidth}px`, maxHeight }}
    >
      {children}
    </div>
  );
}

/**
 * One column of a `DataTable`. On a phone (below Mantine's `sm`, 48em) every row becomes a card:
 * its `title` columns first, large and without a label, then its `first` columns, then the rest,
 * each value after its label — no column is ever off-screen (issue 14).
 */
export interface Column<T> {
  /** Stable name: the React key and the cell's `data-column`. */
  id: string;
  /** The column header (a string, or a node such as a sort button's text). */
  header: ReactNode;
  /** The label before the value on a phone; the header when that is a string; false: no label (buttons). */
  label?: string | false;
  cell: (row: T) => ReactNode;
  /** Where the cell goes in a phone's card: `title` leads it (no label), `first` follows the title. */
  stack?: 'title' | 'first';
  /** The API's sort field: the header sorts the list (and the phone's sort menu offers it). */
  sort?: string;
  /** The header is read by screen readers only (an actions column). */
  hiddenHeader?: boolean;
  align?: 'left' | 'right' | 'center';
  nowrap?: boolean;
  /** Extra attributes of each cell (data-*, width). */
  cellProps?: (row: T) => Record<string, unknown>;
  /** Rows the cell spans (`rowSpan`); 0 leaves the cell out (a row under a spanning cell). */
  rowSpan?: (row: T) => number;
}

export interface DataTableProps<T> {
  /** The table's accessible name (its scroll box is labelled with it). */
  label: string;
  /** A caption for screen readers. */
  caption?: string;
  columns: Array<Column<T> | false | null | undefined>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Below this width (on a tablet) the table scrolls in its box; on a phone it is stacked. */
  minWidth: number;
  maxHeight?: number;
  testId?: string;
  /** More attributes of the table element (data-*). */
  tableProps?: Record<string, unknown>;
  /** Attributes of each row (data-*, data-testid). */
  rowProps?: (row: T) => Record<string, unknown>;
  /** The current sort (`field` or `-field`) and its setter, for the columns with `sort`. */
  sort?: string;
  onSort?: (sort: string) => void;
  /** Shown as one row while there are no rows: loading, or the empty message. */
  loading?: boolean;
  /** What the loading row says (the table's own words; "Loading data…" by default). */
  loadingText?: ReactNode;
  empty?: ReactNode;
  /** A full-width row under a row (details opened from it), with the id its button controls. */
  details?: (row: T) => { id: string; content: ReactNode } | null;
  striped?: boolean;
  highlightOnHover?: boolean;
  verticalSpacing?: number | 'xs' | 'sm' | 'md';
  busy?: boolean;
}

const labelOf = <T,>(column: Column<T>): string | null =>
  column.label === false ? null : column.label ?? (typeof column.header === 'string' ? column.header : null);

/** A phone has no column headers to tap: the same sorts as a menu above the cards. */
function PhoneSort<T>({ columns, sort, onSort }: { columns: Column<T>[]; sort: string | undefined; onSort: (sort: string) => void }) {
  const { t } = useTranslation();
  const options = columns.flatMap((c) => {
    const column = labelOf(c) ?? c.id;
    return [
      { value: c.sort!, label: t('table.sortAscending', { column }) },
      { value: `-${c.sort!}`, label: t('table.sortDescending', { column }) },
    ];
  });
  const known = options.some((o) => o.value === sort);
  return (
    <NativeSelect
      hiddenFrom="sm"
      className="data-table-sort"
      label={t('table.sort')}
      value={known ? sort : ''}
      onChange={(e) => e.currentTarget.value && onSort(e.currentTarget.value)}
      data={known ? options : [{ value: '', label: t('table.sortDefault') }, ...options]}
    />
  );
}

/**
 * The app's table: a table on a wide screen (scrolling in its own box when narrower than
 * `minWidth`), and on a phone a list of cards, one per row, key columns first (issue 14). One
 * markup for both — CSS (`.data-table` in app.css) does the stacking, so tests and screen readers
 * meet the same rows; the roles keep the table's semantics when its display changes.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const {
    label, caption, rows, rowKey, minWidth, maxHeight, testId, tableProps, rowProps, sort, onSort, loading, loadingText, empty, details,
    striped = true, highlightOnHover, verticalSpacing = 'xs', busy,
  } = props;
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  const sortable = onSort ? columns.filter((c) => c.sort) : [];
  return (
    <>
      {sortable.length > 0 && <PhoneSort columns={sortable} sort={sort} onSort={onSort!} />}
      <TableScroll label={label} minWidth={minWidth} maxHeight={maxHeight} className="data-table-scroll">
        <Table className="data-table" role="table" verticalSpacing={verticalSpacing} striped={striped} highlightOnHover={highlightOnHover}
          data-testid={testId} aria-busy={busy} {...tableProps}>
          {caption && <caption className="visually-hidden">{caption}</caption>}
          <Table.Thead role="rowgroup">
            <Table.Tr role="row">
              {columns.map((c) => c.sort && onSort
                ? <SortableTh key={c.id} field={c.sort} sort={sort} onSort={onSort}>{c.header}</SortableTh>
                : <Table.Th key={c.id} role="columnheader" ta={c.align}>{c.hiddenHeader ? <VisuallyHidden>{c.header}</VisuallyHidden> : c.header}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody role="rowgroup">
            {rows.length === 0 && loading && <TableMessageRow colSpan={columns.length}>{loadingText ?? t('table.loading')}</TableMessageRow>}
            {rows.length === 0 && !loading && empty && <TableMessageRow colSpan={columns.length}>{empty}</TableMessageRow>}
            {rows.map((row) => {
              const key = rowKey(row);
              const more = details?.(row);
              return (
                <Fragment key={key}>
                  <Table.Tr role="row" {...rowProps?.(row)}>
                    {columns.map((c) => {
                      const span = c.rowSpan ? c.rowSpan(row) : 1;
                      if (span === 0) return null;
                      const cellLabel = c.stack === 'title' ? null : labelOf(c);
                      return (
                        <Table.Td key={c.id} role="cell" ta={c.align} rowSpan={span > 1 ? span : undefined} data-column={c.id}
                          data-stack={c.stack} data-labelled={cellLabel ? true : undefined}
                          style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined} {...c.cellProps?.(row)}>
                          {cellLabel && <span className="data-table-label">{cellLabel}</span>}
                          <div className="data-table-value">{c.cell(row)}</div>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                  {more && (
                    <Table.Tr role="row" id={more.id} className="data-table-details">
                      <Table.Td role="cell" colSpan={columns.length}>{more.content}</Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </>
  );
}
