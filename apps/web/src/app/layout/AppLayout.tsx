import '../zod.ts';
import { AppShell, Burger, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { AccountLanguageSwitch } from '../../features/account/AccountLanguageSwitch.tsx';
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx';
import { PageLoader } from '../status.tsx';
import { Navigation } from './Navigation.tsx';
import { UserMenu } from './UserMenu.tsx';

/** Header with language and user menu, role-aware navigation, and the page in `<main>`. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  // The service worker (offline use of the live screen) starts only after login: the login page
  // does not download the app's code in the background (issue 14, item 13).
  useEffect(() => {
    void import('../../features/live/pwa.ts').then((pwa) => pwa.registerServiceWorker()).catch(() => undefined);
  }, []);

  return (
    <>
      {/* Messages of the signed-in pages; shown from here so the login page goes without its code. */}
      {/* Issue 14: one notification at a time, never a stack over the screen. */}
      <Notifications position="top-right" zIndex={1000} limit={1} />
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'md' }}
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
                aria-expanded={opened}
                aria-controls="app-navbar"
              />
              <Text component={Link} to="/org" fw={700} size="xl" c="blue.9" td="none">{t('app.name')}</Text>
            </Group>
            {/* Tighter on a phone: the language, the bell and the user menu share 360 px with the name. */}
            <Group gap={6} wrap="nowrap">
              <AccountLanguageSwitch />
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id="app-navbar"
          aria-label={t('app.mainNavigation')}
          p="xs"
          inert={narrow && !opened}
        >
          <AppShell.Section grow component={ScrollArea}>
            <Navigation onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1} className="app-main">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
