import { ActionIcon, Drawer } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NotificationPanel } from './NotificationPanel.tsx';
import { useMarkRead, useUnreadCount } from './useNotifications.ts';
import './notifications.css';

/**
 * The bell in the header (issue 12): the unread count, said in words to screen readers, and a
 * drawer with the reminders. On a phone the drawer takes the whole screen.
 */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [opened, { open, close }] = useDisclosure(false);
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  const count = useUnreadCount();
  // Held here, not in the drawer: a reminder opened from the drawer closes it, and its "read"
  // must still be recorded after the drawer's content is gone.
  const markRead = useMarkRead();
  const unread = count.data ?? 0;
  const label = unread > 0 ? t('bell.label', { count: unread }) : t('bell.labelNone');

  return (
    <>
      <ActionIcon
        variant="subtle"
        color="dark"
        size={40}
        radius="xl"
        className="bell-button"
        onClick={open}
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={opened}
        data-testid="bell"
        data-unread={unread}
      >
        <IconBell size={22} stroke={1.7} aria-hidden />
        {unread > 0 && <span className="bell-count" aria-hidden>{unread > 99 ? '99+' : unread}</span>}
      </ActionIcon>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size={narrow ? '100%' : 'md'}
        title={t('bell.title')}
        closeButtonProps={{ 'aria-label': t('bell.close') }}
        data-testid="bell-drawer"
      >
        {opened && <NotificationPanel unread={unread} markRead={markRead} onNavigate={close} />}
      </Drawer>
    </>
  );
}
