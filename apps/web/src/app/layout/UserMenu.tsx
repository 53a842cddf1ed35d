import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconKey, IconLogout, IconUser } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { logout, rememberSession } from '../../features/auth/auth.api.ts';
import { isApiError } from '../api.ts';
import { useCurrentUser } from '../../features/auth/session.tsx';

export function UserMenu() {
  const { t } = useTranslation();
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

  return (
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
        <Menu.Item
          data-testid="logout"
          color="red"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
