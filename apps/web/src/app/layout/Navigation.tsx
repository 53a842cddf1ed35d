import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { hasRole, useCurrentUser } from '../../features/auth/session.tsx';
import { preloadPage as preloadPath } from '../pages.ts';
import { NAV_ITEMS, type NavItem } from './navigation.ts';

/** How closely an item's paths match: the length of the longest matching one (0: none). */
const matchLength = (item: NavItem, pathname: string) => Math.max(0,
  ...[item.to, ...(item.also ?? [])].filter((path) => pathname === path || pathname.startsWith(`${path}/`)).map((path) => path.length));

/** The item the page belongs to: the closest match (/meetings/list is the analytics', not the meetings'). */
const isActive = (item: NavItem, pathname: string, items: readonly NavItem[]) => {
  const own = matchLength(item, pathname);
  return own > 0 && items.every((other) => matchLength(other, pathname) <= own);
};

/** The sections the user's role may open. */
export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation(['translation', 'meetings', 'followup', 'notifications', 'analytics']);
  const user = useCurrentUser();
  const { pathname } = useLocation();
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {NAV_ITEMS.filter((item) => hasRole(user, item.roles)).map((item, _, visible) => {
        const active = isActive(item, pathname, visible);
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
