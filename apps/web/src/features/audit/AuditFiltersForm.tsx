import { Button, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from './audit.api.ts';

const EMPTY: AuditFilters = {};

/** Action, record type and a date range; applied on submit. */
export function AuditFiltersForm({ value, onChange }: { value: AuditFilters; onChange: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(value);
  const rangeInvalid = Boolean(draft.from && draft.to && draft.from > draft.to);
  const set = (key: keyof AuditFilters) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setDraft((current) => ({ ...current, [key]: event.currentTarget.value || undefined }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rangeInvalid) return;
    onChange({
      action: draft.action?.trim() || undefined,
      entityType: draft.entityType?.trim() || undefined,
      from: draft.from,
      to: draft.to,
    });
  };

  return (
    <form onSubmit={submit}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <TextInput label={t('audit.action')} value={draft.action ?? ''} onChange={set('action')} maxLength={80} data-testid="audit-action" />
        <TextInput label={t('audit.entityType')} value={draft.entityType ?? ''} onChange={set('entityType')} maxLength={50} data-testid="audit-entity-type" />
        <TextInput type="date" label={t('audit.from')} value={draft.from ?? ''} onChange={set('from')} data-testid="audit-from" />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={draft.to ?? ''}
          onChange={set('to')}
          error={rangeInvalid ? t('audit.invalidRange') : undefined}
          data-testid="audit-to"
        />
      </SimpleGrid>
      <Group gap="sm" mt="sm">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />} disabled={rangeInvalid}>{t('audit.apply')}</Button>
        <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={() => { setDraft(EMPTY); onChange(EMPTY); }}>
          {t('audit.reset')}
        </Button>
        {rangeInvalid && <Text size="sm" c="red.9" role="alert">{t('audit.invalidRange')}</Text>}
      </Group>
    </form>
  );
}
