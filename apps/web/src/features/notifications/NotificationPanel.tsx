import { Anchor, Badge, Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowRight, IconBellCog, IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatRule } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { Notification } from './notifications.api.ts';
import { isAppPath } from './options.ts';
import { useMarkRead, useNotificationList } from './useNotifications.ts';

type MarkRead = ReturnType<typeof useMarkRead>;

function NotificationItem({ item, onOpen }: { item: Notification; onOpen: () => void }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  const unread = item.readAt === null;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      className={unread ? 'notification notification-unread' : 'notification'}
      data-testid="notification"
      data-id={item.id}
      data-kind={item.kind}
      data-read={!unread}
    >
      <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
        <Text fw={unread ? 700 : 500} size="sm" className="notification-title" data-testid="notification-title">{item.title}</Text>
        {/* The rule whose deadline it guards, cited as people cite it ("§32 ¶3"), read out as "Rule §32 ¶3". */}
        <Badge variant="outline" color="dark" tt="none" size="sm" radius="sm" className="notification-rule" data-testid="notification-rule">
          <VisuallyHidden>{t('bell.rule', { rule: formatRule(item.rule) })}</VisuallyHidden>
          <span aria-hidden>{formatRule(item.rule)}</span>
        </Badge>
      </Group>
      <Text size="sm" mt={4} data-testid="notification-body">{item.body}</Text>
      <Group justify="space-between" gap="xs" mt={8} wrap="wrap">
        <Group gap={8} wrap="nowrap">
          {/* Unread is said in words, not by the bold title alone. */}
          {unread && <Badge color="red.9" variant="filled" size="sm" tt="none" data-testid="notification-unread">{t('bell.unread')}</Badge>}
          <Text size="xs" c="gray.8" component="time" dateTime={item.createdAt}>{formatDateTime(item.createdAt, language, { seconds: false })}</Text>
        </Group>
        {isAppPath(item.link) && (
          <Anchor
            component={Link}
            to={item.link}
            onClick={onOpen}
            size="sm"
            fw={600}
            className="notification-link"
            aria-label={t('bell.openItem', { title: item.title })}
            data-testid="notification-link"
          >
            {t('bell.open')}
            <IconArrowRight size={16} aria-hidden />
          </Anchor>
        )}
      </Group>
    </Paper>
  );
}

/** The drawer's content: the reminders, newest first, "mark all read", and older ones on demand. */
export function NotificationPanel({ unread, markRead, onNavigate }: { unread: number; markRead: MarkRead; onNavigate: () => void }) {
  const { t } = useTranslation('notifications');
  const list = useNotificationList(true);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const open = (item: Notification) => {
    if (item.readAt === null) markRead.mutate([item.id]);
    onNavigate();
  };

  return (
    <Stack gap="sm" data-testid="bell-panel">
      <Text size="sm" c="gray.8">{t('bell.intro')}</Text>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Button
          size="sm"
          variant="light"
          leftSection={<IconChecks size={16} aria-hidden />}
          onClick={() => markRead.mutate(undefined)}
          disabled={unread === 0}
          loading={markRead.isPending}
          data-testid="bell-mark-all"
        >
          {t('bell.markAllRead')}
        </Button>
        <Anchor component={Link} to="/notifications/settings" onClick={onNavigate} size="sm" className="notification-link" data-testid="bell-settings">
          <IconBellCog size={16} aria-hidden />
          {t('bell.settings')}
        </Anchor>
      </Group>
      {markRead.isError && <ErrorAlert error={markRead.error} title={t('bell.markFailed')} />}
      {list.isPending && <PageLoader label={t('bell.loading')} />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Text size="sm" role="status" data-testid="bell-empty">{t('bell.empty')}</Text>}
      {items.length > 0 && (
        <Stack component="ul" gap="xs" p={0} m={0} className="notification-list" aria-label={t('bell.title')} data-testid="notification-list">
          {items.map((item) => <NotificationItem key={item.id} item={item} onOpen={() => open(item)} />)}
        </Stack>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="bell-more">
          {t('bell.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
