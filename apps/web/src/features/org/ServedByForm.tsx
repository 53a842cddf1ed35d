import { Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLongDate, todayIso } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchServedBy, orgKeys } from './org.api.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "Who served the district on a date": the inspector and assistants assigned that day. */
export function ServedByForm({ districtId }: { districtId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [input, setInput] = useState(todayIso);
  const [date, setDate] = useState<string | null>(null);
  const query = useQuery({
    queryKey: orgKeys.servedBy(districtId, date ?? ''),
    queryFn: ({ signal }) => fetchServedBy(districtId, date ?? '', signal),
    enabled: date !== null,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ISO_DATE.test(input)) setDate(input);
  };

  return (
    <Stack gap="sm">
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm">
          <TextInput
            type="date"
            label={t('district.servedByDate')}
            value={input}
            onChange={(event) => setInput(event.currentTarget.value)}
            required
            data-testid="served-by-date"
          />
          <Button type="submit" variant="default" data-testid="served-by-submit">{t('district.servedByShow')}</Button>
        </Group>
      </form>
      <div aria-live="polite" data-testid="served-by-result">
        {date !== null && query.isFetching && <PageLoader />}
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && !query.isFetching && (
          <Stack gap={4}>
            <Text fw={600}>{t('district.servedByResult', { date: formatLongDate(query.data.date, language) })}</Text>
            <Text>
              {t('district.inspector')}: {query.data.inspector?.fullName ?? t('district.servedByNone')}
            </Text>
            {query.data.assistants.length > 0 && (
              <>
                <Text>{t('district.assistants')}:</Text>
                <List size="sm">{query.data.assistants.map((a) => <List.Item key={a.id}>{a.fullName}</List.Item>)}</List>
              </>
            )}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
