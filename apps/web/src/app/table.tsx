import { Group, Pagination, Table, Text, UnstyledButton, useMatches } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';
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
    <Table.Th aria-sort={direction}>
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
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text ta="center" py="md" c="gray.8" role="status">{children}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * A table's own scroll box: wide tables scroll here, not the page. It can take keyboard focus
 * so the hidden columns can be reached without a mouse.
 */
export function TableScroll({ label, minWidth, maxHeight, children }: {
  label: string; minWidth: number; maxHeight?: number; children: ReactNode;
}) {
  return (
    <div
      className="table-scroll"
      role="group"
      aria-label={label}
      tabIndex={0}
      style={{ ['--table-min-width' as string]: `${minWidth}px`, maxHeight }}
    >
      {children}
    </div>
  );
}
