import { lazyComponent } from './lazy.ts';

/**
 * The signed-in part of the app, each page a chunk of its own: the login page loads only the
 * code it needs, and every page brings its own code when first opened.
 */
export const pages = {
  org: lazyComponent(() => import('../features/org/OrgPage.tsx'), (m) => m.OrgPage),
  district: lazyComponent(() => import('../features/org/DistrictPage.tsx'), (m) => m.DistrictPage),
  import: lazyComponent(() => import('../features/import/ImportPage.tsx'), (m) => m.ImportPage),
  audit: lazyComponent(() => import('../features/audit/AuditPage.tsx'), (m) => m.AuditPage),
  users: lazyComponent(() => import('../features/users/UsersPage.tsx'), (m) => m.UsersPage),
  account: lazyComponent(() => import('../features/account/AccountPage.tsx'), (m) => m.AccountPage),
  board: lazyComponent(() => import('../features/board/BoardPage.tsx'), (m) => m.BoardPage),
  home: lazyComponent(() => import('../features/home/HomePage.tsx'), (m) => m.HomePage),
  newMeeting: lazyComponent(() => import('../features/meetings/wizard/PlanPages.tsx'), (m) => m.NewMeetingPage),
  editMeeting: lazyComponent(() => import('../features/meetings/wizard/PlanPages.tsx'), (m) => m.EditMeetingPage),
  meeting: lazyComponent(() => import('../features/meetings/MeetingPage.tsx'), (m) => m.MeetingPage),
  newLateEntry: lazyComponent(() => import('../features/meetings/late/LateEntryPage.tsx'), (m) => m.NewLateEntryPage),
  correctLateEntry: lazyComponent(() => import('../features/meetings/late/LateEntryPage.tsx'), (m) => m.CorrectLateEntryPage),
  live: lazyComponent(() => import('../features/live/LivePage.tsx'), (m) => m.LivePage),
  report: lazyComponent(() => import('../features/report/ReportPage.tsx'), (m) => m.ReportPage),
  protocol: lazyComponent(() => import('../features/protocol/ProtocolPage.tsx'), (m) => m.ProtocolPage),
  calendar: lazyComponent(() => import('../features/calendar/CalendarPage.tsx'), (m) => m.CalendarPage),
  invitations: lazyComponent(() => import('../features/invitations/MyInvitationsPage.tsx'), (m) => m.MyInvitationsPage),
  rules: lazyComponent(() => import('../features/rules/RulesPage.tsx'), (m) => m.RulesPage),
  control: lazyComponent(() => import('../features/control/ControlBoardPage.tsx'), (m) => m.ControlBoardPage),
  admin: lazyComponent(() => import('../features/admin/AdminPage.tsx'), (m) => m.AdminPage),
  notificationSettings: lazyComponent(() => import('../features/notifications/NotificationSettingsPage.tsx'), (m) => m.NotificationSettingsPage),
  deliveries: lazyComponent(() => import('../features/notifications/DeliveryLogPage.tsx'), (m) => m.DeliveryLogPage),
  analytics: lazyComponent(() => import('../features/analytics/AnalyticsPage.tsx'), (m) => m.AnalyticsPage),
  meetingList: lazyComponent(() => import('../features/meetings/MeetingListPage.tsx'), (m) => m.MeetingListPage),
  outbox: lazyComponent(() => import('../features/notifications/OutboxPage.tsx'), (m) => m.OutboxPage),
};

const BY_PATH: Array<[prefix: string, page: keyof typeof pages]> = [
  ['/org', 'org'],
  ['/districts/', 'district'],
  ['/import', 'import'],
  ['/audit', 'audit'],
  ['/users', 'users'],
  ['/account', 'account'],
  ['/board', 'board'],
  ['/meetings/new', 'newMeeting'],
  ['/meetings/late-entry', 'newLateEntry'],
  ['/meetings/', 'meeting'],
  ['/calendar', 'calendar'],
  ['/invitations', 'invitations'],
  ['/rules', 'rules'],
  ['/control', 'control'],
  ['/admin', 'admin'],
  ['/notifications/settings', 'notificationSettings'],
  ['/deliveries', 'deliveries'],
  ['/deliveries/outbox', 'outbox'],
  ['/analytics', 'analytics'],
  ['/meetings/list', 'meetingList'],
];

/** Starts loading the code of the page at `pathname` (see ./preload.ts). */
export function preloadPage(pathname: string): void {
  if (pathname.startsWith('/login')) return;
  const path = pathname === '/' ? '/org' : pathname;
  if (/^\/meetings\/[^/]+\/live\/?$/.test(path)) pages.live.preload();
  for (const [prefix, page] of BY_PATH) {
    if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) pages[page].preload();
  }
  if (/^\/meetings\/[^/]+\/report\/?$/.test(path)) pages.report.preload();
  if (/^\/meetings\/[^/]+\/protocol\/?$/.test(path)) pages.protocol.preload();
  if (/^\/meetings\/[^/]+\/late-entry\/?$/.test(path)) pages.correctLateEntry.preload();
}
