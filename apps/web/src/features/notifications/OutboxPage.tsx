import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { Facts } from '../org/DistrictFacts.tsx';
import { useOutbox } from './DeliveryLogPage.tsx';
import type { OutboxMessage } from './notifications.api.ts';
import './notifications.css';

function OutboxCard({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  return (
    <Paper component="li" withBorder p="sm" data-testid="outbox-message" data-channel={message.channel}>
      <Group gap="xs" mb="xs" wrap="wrap">
        <Badge color="dark" variant="outline" tt="none">{t(`channel.${message.channel}`)}</Badge>
        <Text size="xs" c="gray.8" component="time" dateTime={message.at}>{formatDateTime(message.at, language)}</Text>
      </Group>
      <Facts stacked items={[
        [t('outbox.to'), <Text span ff="monospace" size="sm" className="delivery-error">{message.address}</Text>],
        [t('outbox.subject'), <Text span fw={600} size="sm">{message.subject}</Text>],
      ]} />
      <Text size="sm" mt="xs" className="outbox-text" data-testid="outbox-text">{message.text}</Text>
      {message.link && (
        <Text size="sm" mt="xs" className="delivery-error">{t('outbox.link')}: <Text span ff="monospace" size="sm">{message.link}</Text></Text>
      )}
    </Paper>
  );
}

/**
 * Development only: each message exactly as it would have gone out, since a development server
 * sends nothing (the server answers 404 anywhere else, and this page says so).
 */
export function OutboxPage() {
  const { t } = useTranslation(['notifications', 'translation']);
  useDocumentTitle(`${t('outbox.title')} — ${t('translation:app.name')}`);
  const outbox = useOutbox();
  // Newest first, as the server keeps them.
  const items = outbox.data?.items ?? [];
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/deliveries" size="sm" className="notification-link">
        <IconArrowLeft size={16} aria-hidden />
        {t('outbox.back')}
      </Anchor>
      <Title order={1}>{t('outbox.title')}</Title>
      {outbox.isPending && <PageLoader />}
      {isApiError(outbox.error, 404) && <Text data-testid="outbox-unavailable">{t('outbox.unavailable')}</Text>}
      {outbox.isError && !isApiError(outbox.error, 404) && <ErrorAlert error={outbox.error} onRetry={() => void outbox.refetch()} />}
      {outbox.isSuccess && (
        <>
          <Text maw={720}>{t('outbox.intro')}</Text>
          {items.length === 0 ? <Text c="gray.8" role="status">{t('outbox.empty')}</Text> : (
            <Stack component="ul" gap="sm" p={0} m={0} maw={720} style={{ listStyle: 'none' }} aria-label={t('outbox.title')} data-testid="outbox-list">
              {items.map((message) => <OutboxCard key={`${message.key}:${message.at}`} message={message} />)}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
