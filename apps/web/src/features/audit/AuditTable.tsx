import { ActionIcon, Code, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { DataTable } from '../../app/table.tsx';
import type { AuditEntry } from '../../app/types.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

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
    <DataTable
      label={t('audit.title')}
      minWidth={820}
      striped={false}
      testId="audit-table"
      rows={items}
      rowKey={(entry) => String(entry.id)}
      sort={sort}
      onSort={onSort}
      loading={loading}
      empty={t('audit.empty')}
      details={(entry) => open.has(entry.id) ? {
        id: `audit-entry-${entry.id}`,
        content: (
          <>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              <Json label={t('audit.before')} value={entry.before} />
              <Json label={t('audit.after')} value={entry.after} />
            </SimpleGrid>
            <Text size="xs" mt="xs" c="gray.8" style={{ overflowWrap: 'anywhere' }}>
              {t('audit.hash')}: <Code>{entry.hash}</Code>
            </Text>
          </>
        ),
      } : null}
      columns={[
        {
          id: 'toggle', header: t('audit.changes'), hiddenHeader: true, label: false, cellProps: () => ({ w: 44 }),
          cell: (entry) => {
            const expanded = open.has(entry.id);
            return (
              <ActionIcon
                variant="subtle"
                onClick={() => toggle(entry.id)}
                aria-expanded={expanded}
                aria-controls={expanded ? `audit-entry-${entry.id}` : undefined}
                aria-label={t('audit.showChanges', { id: entry.id })}
              >
                {expanded ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
              </ActionIcon>
            );
          },
        },
        { id: 'at', header: t('audit.at'), sort: 'at', nowrap: true, stack: 'first', cell: (entry) => formatDateTime(entry.at, language) },
        { id: 'actor', header: t('audit.actor'), cell: (entry) => entry.actorName ?? t('audit.system') },
        { id: 'action', header: t('audit.action'), sort: 'action', stack: 'title', cell: (entry) => <Code>{entry.action}</Code> },
        {
          id: 'entity', header: t('audit.entity'), sort: 'entityType',
          cell: (entry) => (
            <>
              {entry.entityType}
              {entry.entityId && <Text span size="xs" c="gray.8" ff="monospace" style={{ overflowWrap: 'anywhere' }}> {entry.entityId}</Text>}
            </>
          ),
        },
        { id: 'clientAddress', header: t('audit.clientAddress'), cell: (entry) => entry.clientAddress ?? t('app.none') },
      ]}
    />
  );
}
