import { IconFileImport, IconHistory, IconSitemap, IconUserCircle, IconUsers, type Icon } from '@tabler/icons-react';
import type { Role } from '../types.ts';
import { IconBook2, IconCalendarMonth, IconChartDonut3, IconMailOpened } from '@tabler/icons-react';
import { BOARD_ROLES, CALENDAR_ROLES, INVITATION_ROLES, PLANNER_ROLES } from '../../features/meetings/roles.ts';
import { IconCalendarEvent } from '@tabler/icons-react';
import { IconChecklist, IconSettings } from '@tabler/icons-react';
import { ADMIN_ROLES, CONTROL_ROLES } from '../../features/followup/roles.ts';
import { IconSend } from '@tabler/icons-react';
import { DELIVERY_ROLES } from '../../features/notifications/roles.ts';
import { IconChartBar } from '@tabler/icons-react';
import { ANALYTICS_ROLES } from '../../features/analytics/roles.ts';

export interface NavItem {
  to: string;
  label: 'nav.org' | 'nav.import' | 'nav.audit' | 'nav.users' | 'nav.account'
    | 'meetings:nav.board' | 'meetings:home.meetings' | 'meetings:nav.calendar' | 'meetings:nav.invitations' | 'meetings:nav.rules'
    | 'followup:nav.control' | 'followup:nav.admin' | 'notifications:nav.deliveries' | 'analytics:nav';
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
  { to: '/meetings', label: 'meetings:home.meetings', icon: IconCalendarEvent, roles: PLANNER_ROLES },
  { to: '/board', label: 'meetings:nav.board', icon: IconChartDonut3, roles: BOARD_ROLES },
  { to: '/analytics', label: 'analytics:nav', icon: IconChartBar, roles: ANALYTICS_ROLES, also: ['/meetings/list'] },
  { to: '/calendar', label: 'meetings:nav.calendar', icon: IconCalendarMonth, roles: CALENDAR_ROLES },
  { to: '/invitations', label: 'meetings:nav.invitations', icon: IconMailOpened, roles: INVITATION_ROLES },
  { to: '/control', label: 'followup:nav.control', icon: IconChecklist, roles: CONTROL_ROLES },
  { to: '/rules', label: 'meetings:nav.rules', icon: IconBook2, roles: 'all' },
  { to: '/import', label: 'nav.import', icon: IconFileImport, roles: IMPORT_ROLES },
  { to: '/audit', label: 'nav.audit', icon: IconHistory, roles: AUDIT_ROLES },
  { to: '/users', label: 'nav.users', icon: IconUsers, roles: USERS_ROLES },
  { to: '/admin', label: 'followup:nav.admin', icon: IconSettings, roles: ADMIN_ROLES },
  { to: '/deliveries', label: 'notifications:nav.deliveries', icon: IconSend, roles: DELIVERY_ROLES },
  { to: '/account', label: 'nav.account', icon: IconUserCircle, roles: 'all' },
];
