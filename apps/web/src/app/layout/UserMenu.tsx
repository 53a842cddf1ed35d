import { Avatar, Button, Group, Menu, Modal, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellCog, IconChevronDown, IconKey, IconLogout, IconUser } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { logout, rememberSession } from '../../features/auth/auth.api.ts';
import { isApiError } from '../api.ts';
import { useCurrentUser } from '../../features/auth/session.tsx';

export function UserMenu() {
  const { t } = useTranslation(['translation', 'notifications']);
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    // A session that has already ended is as good as logged out.
    mutationFn: () => logout().catch((error: unknown) => { if (!isApiError(error, 401)) throw error; }),
    onSuccess: () => {
      queryClient.clear();
      rememberSession(queryClient, null);
      void navigate('/login', { replace: true });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('user.logoutFailed'), message: error.message }),
  });
  // Entries typed on the live screen that have not reached the server, per meeting.
  const [unsent, setUnsent] = useState<Array<{ meetingId: string; count: number }> | null>(null);
  const unsentCount = unsent?.reduce((sum, m) => sum + m.count, 0) ?? 0;

  /** Logging out with entries still on the device says so first, and offers to go back and send them. */
  const requestLogout = async () => {
    let waiting: Array<{ meetingId: string; count: number }> = [];
    try {
      waiting = await (await import('../../features/live/outbox.ts')).unsentOf(user.id);
    } catch {
      // No IndexedDB on this browser: nothing can be waiting in it.
    }
    if (waiting.length > 0) setUnsent(waiting);
    else signOut.mutate();
  };
  const goBackAndSend = () => {
    const most = [...(unsent ?? [])].sort((a, b) => b.count - a.count)[0];
    setUnsent(null);
    if (most) void navigate(`/meetings/${most.meetingId}/live`);
  };

  return (
    <>
      <Menu position="bottom-end" width={260} withinPortal>
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" py={4} px={4}>
            <Group gap={6} wrap="nowrap">
              <Avatar size={32} color="blue" radius="xl" aria-hidden><IconUser size={18} /></Avatar>
              <Text size="sm" fw={500} visibleFrom="md" maw={180} truncate="end">{user.displayName}</Text>
              <VisuallyHidden>{t('user.menu')}</VisuallyHidden>
              <IconChevronDown size={16} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark.9" data-testid="user-name">{user.displayName}</Text>
            <Text size="xs" c="gray.8" data-testid="user-role">{t(`roles.${user.role}`)}</Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item component={Link} to="/account" leftSection={<IconKey size={16} aria-hidden />}>
            {t('user.changePassword')}
          </Menu.Item>
          <Menu.Item component={Link} to="/notifications/settings" leftSection={<IconBellCog size={16} aria-hidden />} data-testid="menu-notification-settings">
            {t('notifications:bell.settings')}
          </Menu.Item>
          <Menu.Item
            data-testid="logout"
            color="red"
            leftSection={<IconLogout size={16} aria-hidden />}
            onClick={() => void requestLogout()}
            disabled={signOut.isPending}
          >
            {t('user.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={unsent !== null} onClose={() => setUnsent(null)} title={t('user.unsentTitle')} centered>
        <Text size="sm" data-testid="logout-unsent" data-count={unsentCount}>{t('user.unsentText', { count: unsentCount })}</Text>
        <Group justify="flex-end" mt="lg" gap="sm">
          <Button variant="default" onClick={goBackAndSend} data-testid="logout-unsent-back">{t('user.unsentBack')}</Button>
          <Button color="red.9" onClick={() => { setUnsent(null); signOut.mutate(); }} data-testid="logout-unsent-confirm">{t('user.unsentLogout')}</Button>
        </Group>
      </Modal>
    </>
  );
}
