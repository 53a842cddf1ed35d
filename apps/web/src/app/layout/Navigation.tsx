import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { hasRole, useCurrentUser } from '../../features/auth/session.tsx';
import { preloadPage as preloadPath } from '../pages.ts';
import { NAV_ITEMS, type NavItem } from './navigation.ts';

const isActive = (item: NavItem, pathname: string) =>
  [item.to, ...(item.also ?? [])].some((path) => pathname === path || pathname.startsWith(`${path}/`));

/** The sections the user's role may open. */
export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation(['translation', 'meetings', 'followup', 'notifications', 'analytics']);
  const user = useCurrentUser();
  const { pathname } = useLocation();
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {NAV_ITEMS.filter((item) => hasRole(user, item.roles)).map((item) => {
        const active = isActive(item, pathname);
        return (
          <li key={item.to}>
            <NavLink
              component={Link}
              to={item.to}
              label={t(item.label)}
              leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
              // The page's code starts downloading as soon as the user heads for the link.
              onPointerEnter={() => preloadPath(item.to)}
              onFocus={() => preloadPath(item.to)}
              data-testid={`nav-${item.to.slice(1)}`}
            />
          </li>
        );
      })}
    </Stack>
  );
}
