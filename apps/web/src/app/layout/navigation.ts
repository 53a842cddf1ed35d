import { IconFileImport, IconHistory, IconSitemap, IconUserCircle, IconUsers, type Icon } from '@tabler/icons-react';
import type { Role } from '../types.ts';

export interface NavItem {
  to: string;
  label: 'nav.org' | 'nav.import' | 'nav.audit' | 'nav.users' | 'nav.account';
  icon: Icon;
  /** Who sees the item; the server enforces the same rule (policy GRANTS). */
  roles: readonly Role[] | 'all';
  /** Other paths that belong to this section. */
  also?: readonly string[];
}

export const IMPORT_ROLES: readonly Role[] = ['admin'];
export const AUDIT_ROLES: readonly Role[] = ['admin', 'auditor'];
export const USERS_ROLES: readonly Role[] = ['admin'];

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/org', label: 'nav.org', icon: IconSitemap, roles: 'all', also: ['/districts'] },
  { to: '/import', label: 'nav.import', icon: IconFileImport, roles: IMPORT_ROLES },
  { to: '/audit', label: 'nav.audit', icon: IconHistory, roles: AUDIT_ROLES },
  { to: '/users', label: 'nav.users', icon: IconUsers, roles: USERS_ROLES },
  { to: '/account', label: 'nav.account', icon: IconUserCircle, roles: 'all' },
];
