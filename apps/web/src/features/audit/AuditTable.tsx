import { ActionIcon, Code, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { SortableTh, TableMessageRow, TableScroll } from '../../app/table.tsx';
import type { AuditEntry } from '../../app/types.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

const COLUMNS = 6;

function Json({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{label}</Text>
      <Code block className="json-block">{value == null ? t('app.none') : JSON.stringify(value, null, 2)}</Code>
    </Stack>
  );
}

/** Audit entries; each row opens to show the record before and after the change. */
export function AuditTable({ items, sort, onSort, loading }: {
  items: readonly AuditEntry[]; sort: string; onSort: (sort: string) => void; loading: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) => setOpen((current) => {
    const next = new Set(current);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <TableScroll label={t('audit.title')} minWidth={820}>
      <Table verticalSpacing="xs" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th><VisuallyHidden>{t('audit.changes')}</VisuallyHidden></Table.Th>
            <SortableTh field="at" sort={sort} onSort={onSort}>{t('audit.at')}</SortableTh>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <SortableTh field="action" sort={sort} onSort={onSort}>{t('audit.action')}</SortableTh>
            <SortableTh field="entityType" sort={sort} onSort={onSort}>{t('audit.entity')}</SortableTh>
            <Table.Th>{t('audit.clientAddress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && items.length === 0 && <TableMessageRow colSpan={COLUMNS}>{t('table.loading')}</TableMessageRow>}
          {!loading && items.length === 0 && <TableMessageRow colSpan={COLUMNS}>{t('audit.empty')}</TableMessageRow>}
          {items.map((entry) => {
            const expanded = open.has(entry.id);
            const detailsId = `audit-entry-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td w={44}>
                    <ActionIcon
                      variant="subtle"
                      onClick={() => toggle(entry.id)}
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      aria-label={t('audit.showChanges', { id: entry.id })}
                    >
                      {expanded ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, language)}</Table.Td>
                  <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
                  <Table.Td><Code>{entry.action}</Code></Table.Td>
                  <Table.Td>
                    {entry.entityType}
                    {entry.entityId && <Text span size="xs" c="gray.8" ff="monospace" style={{ overflowWrap: 'anywhere' }}> {entry.entityId}</Text>}
                  </Table.Td>
                  <Table.Td>{entry.clientAddress ?? t('app.none')}</Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={COLUMNS} bg="gray.0">
                      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                        <Json label={t('audit.before')} value={entry.before} />
                        <Json label={t('audit.after')} value={entry.after} />
                      </SimpleGrid>
                      <Text size="xs" mt="xs" c="gray.8" style={{ overflowWrap: 'anywhere' }}>
                        {t('audit.hash')}: <Code>{entry.hash}</Code>
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
