import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/status.tsx';
import { DeliveryTable } from './DeliveryList.tsx';
import { fetchDeliveries, fetchOutbox, notificationKeys, type DeliveryChannel, type DeliveryFilters, type DeliveryRecipientKind, type DeliveryStatus } from './notifications.api.ts';
import { DELIVERY_CHANNELS, DELIVERY_RECIPIENTS, DELIVERY_STATUSES } from './options.ts';
import './notifications.css';

const PAGE_SIZE = 50;

/** The development outbox answers only on a development server; elsewhere it is 404, and not offered. */
export function useOutbox() {
  return useQuery({ queryKey: notificationKeys.outbox, queryFn: ({ signal }) => fetchOutbox(signal), retry: false, staleTime: 0 });
}

/** The delivery log (issue 12), for the administrator: every message to staff and to residents' subscriptions (issue 13), its state and why. */
export function DeliveryLogPage() {
  const { t } = useTranslation(['notifications', 'translation']);
  useDocumentTitle(`${t('log.title')} — ${t('translation:app.name')}`);
  const [filters, setFilters] = useState<DeliveryFilters>({});
  // The value is read from the event at once: React has let go of `currentTarget` by the time an updater runs.
  const setFilter = (patch: DeliveryFilters) => setFilters((current) => ({ ...current, ...patch }));
  const log = useInfiniteQuery({
    queryKey: notificationKeys.deliveries(filters),
    queryFn: ({ pageParam, signal }) => fetchDeliveries({ ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const outbox = useOutbox();
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const loading = log.isPending || (log.isFetching && !log.isFetchingNextPage);

  return (
    <Stack gap="md">
      <Title order={1}>{t('log.title')}</Title>
      <Text maw={720}>{t('log.intro')}</Text>
      {outbox.isSuccess && (
        <Anchor component={Link} to="/deliveries/outbox" className="notification-link" data-testid="deliveries-outbox-link">
          <IconInbox size={18} aria-hidden />
          {t('log.outbox')}
        </Anchor>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="deliveries-filters">
        <Title order={2} size="h4" mb="sm" id="deliveries-filters">{t('log.filters')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" maw={840}>
          <NativeSelect
            label={t('log.status')}
            value={filters.status ?? ''}
            onChange={(e) => setFilter({ status: (e.currentTarget.value || undefined) as DeliveryStatus | undefined })}
            data-testid="deliveries-status"
          >
            <option value="">{t('log.all')}</option>
            {DELIVERY_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </NativeSelect>
          <NativeSelect
            label={t('log.channel')}
            value={filters.channel ?? ''}
            onChange={(e) => setFilter({ channel: (e.currentTarget.value || undefined) as DeliveryChannel | undefined })}
            data-testid="deliveries-channel"
          >
            <option value="">{t('log.all')}</option>
            {DELIVERY_CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
          </NativeSelect>
          <NativeSelect
            label={t('log.recipientKind')}
            value={filters.recipient ?? ''}
            onChange={(e) => setFilter({ recipient: (e.currentTarget.value || undefined) as DeliveryRecipientKind | undefined })}
            data-testid="deliveries-recipient"
          >
            <option value="">{t('log.all')}</option>
            {DELIVERY_RECIPIENTS.map((r) => <option key={r} value={r}>{t(`log.recipients.${r}`)}</option>)}
          </NativeSelect>
        </SimpleGrid>
      </Paper>
      {log.isError && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      <DeliveryTable items={items} loading={loading} />
      {log.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="deliveries-more">
            {t('log.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
