import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useComboboxProps } from '../../app/combobox.ts';

export interface SearchOption { value: string; label: string }

/**
 * A select whose options the server finds (`q`), for lists too long to send whole: the
 * country's police units, points, ATUs and staff. The chosen option stays listed while the
 * user searches for another.
 */
export function SearchSelect({
  queryKey, search: find, label, description, value, onChange, error, required, testId,
}: {
  queryKey: readonly unknown[];
  search: (q: string, signal: AbortSignal) => Promise<SearchOption[]>;
  label: string;
  description?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  required?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<SearchOption | null>(null);
  const combobox = useComboboxProps();
  // With an option chosen its label is the search text: then list everything again.
  const typed = chosen && text === chosen.label ? '' : text.trim();
  const [q] = useDebouncedValue(typed, 300);
  const query = useQuery({
    queryKey: [...queryKey, q],
    queryFn: ({ signal }) => find(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const found = query.data ?? [];
  const data = chosen && value === chosen.value && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('users.searchPlaceholder')}
      data={data}
      value={value}
      onChange={(next, option) => { setChosen(next ? option : null); onChange(next); }}
      searchable
      searchValue={text}
      onSearchChange={setText}
      // The server has filtered already.
      filter={({ options }) => options}
      clearable
      nothingFoundMessage={query.isFetching ? t('app.loading') : t('table.empty')}
      rightSection={query.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
      error={error}
      required={required}
      {...combobox}
      data-testid={testId}
    />
  );
}
