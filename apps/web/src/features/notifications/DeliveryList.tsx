import { Badge, Code, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { TableMessageRow, TableScroll } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import { Facts } from '../org/DistrictFacts.tsx';
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

/** The log as a table, for a wide screen. */
export function DeliveryTable({ items, loading }: { items: readonly Delivery[]; loading: boolean }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  const columns = 7;
  return (
    <TableScroll label={t('log.table')} minWidth={980}>
      <Table verticalSpacing="xs" striped data-testid="deliveries-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('log.createdAt')}</Table.Th>
            <Table.Th>{t('log.recipient')}</Table.Th>
            <Table.Th>{t('log.kind')}</Table.Th>
            <Table.Th>{t('log.channel')}</Table.Th>
            <Table.Th>{t('log.status')}</Table.Th>
            <Table.Th>{t('log.attempts')}</Table.Th>
            <Table.Th>{t('log.error')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && items.length === 0 && <TableMessageRow colSpan={columns}>{t('log.loading')}</TableMessageRow>}
          {!loading && items.length === 0 && <TableMessageRow colSpan={columns}>{t('log.empty')}</TableMessageRow>}
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid="delivery" data-id={d.id} data-status={d.status} data-channel={d.channel} data-recipient={d.recipient.kind}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt, language)}</Table.Td>
              <Table.Td><RecipientText recipient={d.recipient} /></Table.Td>
              <Table.Td><KindText kind={d.kind} /></Table.Td>
              <Table.Td>
                <Text size="sm">{t(`channel.${d.channel}`)}</Text>
                {d.address && <Text size="xs" c="gray.8" ff="monospace" data-testid="delivery-address"><AddressText address={d.address} channel={d.channel} /></Text>}
              </Table.Td>
              <Table.Td><DeliveryStatusBadge status={d.status} /></Table.Td>
              <Table.Td ta="center" data-testid="delivery-attempts">{d.attempts}</Table.Td>
              <Table.Td maw={320}><Outcome delivery={d} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The log as cards, for a phone: a table of seven columns does not fit 360 px. */
export function DeliveryCards({ items, loading }: { items: readonly Delivery[]; loading: boolean }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  if (items.length === 0) return <Text c="gray.8" role="status" ta="center" py="md">{loading ? t('log.loading') : t('log.empty')}</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('log.table')} data-testid="deliveries-cards">
      {items.map((d) => (
        <Paper component="li" key={d.id} withBorder p="sm" data-testid="delivery" data-id={d.id} data-status={d.status} data-channel={d.channel} data-recipient={d.recipient.kind}>
          <Stack gap={6} mb="xs" align="flex-start">
            <DeliveryStatusBadge status={d.status} />
            <Text fw={600} size="sm"><KindText kind={d.kind} /></Text>
          </Stack>
          <Facts stacked items={[
            [t('log.recipient'), <RecipientText recipient={d.recipient} />],
            [t('log.channel'), t(`channel.${d.channel}`)],
            [t('log.address'), d.address ? <Text span ff="monospace" size="sm" data-testid="delivery-address"><AddressText address={d.address} channel={d.channel} /></Text> : '—'],
            [t('log.attempts'), <span data-testid="delivery-attempts">{d.attempts}</span>],
            [t('log.createdAt'), formatDateTime(d.createdAt, language)],
            [t('log.error'), <Outcome delivery={d} />],
          ]} />
        </Paper>
      ))}
    </Stack>
  );
}
