import { Badge, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { localName } from '../../i18n/names.ts';
import { DataTable } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import type { Delivery, DeliveryStatus } from './notifications.api.ts';
import { errorReason, isKind, isSubscriptionKind, STATUS_COLORS } from './options.ts';

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('notifications');
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" tt="none" styles={badgeStyles} data-testid="delivery-status" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

function KindText({ kind }: { kind: string }) {
  const { t } = useTranslation('notifications');
  // A kind this client does not know yet (a newer server) is shown by its name.
  if (isKind(kind)) return <>{t(`kinds.${kind}`)}</>;
  if (isSubscriptionKind(kind)) return <>{t(`subKinds.${kind}`)}</>;
  return <>{kind}</>;
}

/** A staff member by name; a resident subscriber (issue 13) by her district only — the log never names her. */
function RecipientText({ recipient }: { recipient: Delivery['recipient'] }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  if (recipient.kind === 'staff') return <span data-testid="delivery-recipient" data-kind="staff">{recipient.name}</span>;
  const district = `${localName(recipient.district, language)} (${recipient.district.code})`;
  return <span data-testid="delivery-recipient" data-kind="subscriber">{t('log.subscriber', { district })}</span>;
}

/** The masked address (the server never sends it whole); a Telegram chat id is said to be one. */
function AddressText({ address, channel }: { address: string; channel: Delivery['channel'] }) {
  const { t } = useTranslation('notifications');
  return <>{channel === 'telegram' ? t('log.chat', { address }) : address}</>;
}

/** The provider's or the engine's reason, explained where it is a known one, and when it goes on. */
function Outcome({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  const reason = errorReason(delivery.error);
  return (
    <Stack gap={2}>
      {reason && <Text size="sm">{t(`reasons.${reason}`)}</Text>}
      {delivery.error && <Code className="delivery-error" data-testid="delivery-error">{delivery.error}</Code>}
      {delivery.sentAt && <Text size="sm">{t('log.sentAt', { time: formatDateTime(delivery.sentAt, language) })}</Text>}
      {delivery.nextAttemptAt && !delivery.sentAt && (delivery.status === 'retrying' || delivery.status === 'held' || delivery.status === 'queued') && (
        <Text size="sm">{t('log.nextAttempt', { time: formatDateTime(delivery.nextAttemptAt, language) })}</Text>
      )}
      {!delivery.error && !delivery.sentAt && !delivery.nextAttemptAt && <Text size="sm" c="gray.8">—</Text>}
    </Stack>
  );
}

/** The log: a table on a wide screen, a card per delivery on a phone (its status and kind first). */
export function DeliveryTable({ items, loading }: { items: readonly Delivery[]; loading: boolean }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  return (
    <DataTable
      label={t('log.table')}
      minWidth={980}
      testId="deliveries-table"
      rows={items}
      rowKey={(d) => d.id}
      rowProps={(d) => ({ 'data-testid': 'delivery', 'data-id': d.id, 'data-status': d.status, 'data-channel': d.channel, 'data-recipient': d.recipient.kind })}
      loading={loading}
      loadingText={t('log.loading')}
      empty={t('log.empty')}
      columns={[
        { id: 'createdAt', header: t('log.createdAt'), nowrap: true, cell: (d) => formatDateTime(d.createdAt, language) },
        { id: 'recipient', header: t('log.recipient'), cell: (d) => <RecipientText recipient={d.recipient} /> },
        { id: 'kind', header: t('log.kind'), stack: 'title', cell: (d) => <KindText kind={d.kind} /> },
        {
          id: 'channel', header: t('log.channel'),
          cell: (d) => (
            <>
              <Text size="sm">{t(`channel.${d.channel}`)}</Text>
              {d.address && <Text size="xs" c="gray.8" ff="monospace" data-testid="delivery-address"><AddressText address={d.address} channel={d.channel} /></Text>}
            </>
          ),
        },
        { id: 'status', header: t('log.status'), stack: 'first', cell: (d) => <DeliveryStatusBadge status={d.status} /> },
        { id: 'attempts', header: t('log.attempts'), align: 'center', cellProps: () => ({ 'data-testid': 'delivery-attempts' }), cell: (d) => d.attempts },
        { id: 'outcome', header: t('log.error'), cellProps: () => ({ maw: 320 }), cell: (d) => <Outcome delivery={d} /> },
      ]}
    />
  );
}
