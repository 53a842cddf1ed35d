import { Navigate, Outlet, useRoutes, type RouteObject } from 'react-router';
import { RequireRole } from '../features/auth/RequireAuth.tsx';
import { useCurrentUser } from '../features/auth/session.tsx';
import { Boundary } from './boundary.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AUDIT_ROLES, IMPORT_ROLES, USERS_ROLES } from './layout/navigation.ts';
import { pages } from './pages.ts';
import { NotFoundPage } from './status.tsx';
import { BOARD_ROLES, CALENDAR_ROLES, INVITATION_ROLES, LATE_ENTRY_ROLES, PLANNER_ROLES } from '../features/meetings/roles.ts';
import { ADMIN_ROLES, CONTROL_ROLES } from '../features/followup/roles.ts';
import { DELIVERY_ROLES } from '../features/notifications/roles.ts';
import { ANALYTICS_ROLES } from '../features/analytics/roles.ts';

/**
 * The signed-in part of the app: the frame and every page's route, a chunk of its own that the
 * login page does not download (issue 14, item 13); each page is a further chunk (./pages.ts).
 */
const {
  org: OrgPage, district: DistrictPage, import: ImportPage, audit: AuditPage, users: UsersPage,
  account: AccountPage,
} = pages;
const {
  board: BoardPage, newMeeting: NewMeetingPage, editMeeting: EditMeetingPage, meeting: MeetingPage, calendar: CalendarPage,
  invitations: MyInvitationsPage, rules: RulesPage,
} = pages;
const { live: LivePage, home: HomePage } = pages;

/** Issue 14: those who hold meetings land on their quarter; everyone else on the organisation. */
const HOLDER_ROLES = ['inspector', 'assistant'] as const;
function Home() {
  const user = useCurrentUser();
  return <Navigate to={(HOLDER_ROLES as readonly string[]).includes(user.role) ? '/meetings' : '/org'} replace />;
}
const { report: ReportPage } = pages;
const { protocol: ProtocolPage } = pages;
const { control: ControlBoardPage, admin: AdminPage } = pages;
const { newLateEntry: NewLateEntryPage, correctLateEntry: CorrectLateEntryPage } = pages;
const { notificationSettings: NotificationSettingsPage, deliveries: DeliveryLogPage, outbox: OutboxPage } = pages;
const { analytics: AnalyticsPage, meetingList: MeetingListPage } = pages;

/** A page that fails keeps the header and navigation around its error. */
function PageBoundary() {
  return <Boundary><Outlet /></Boundary>;
}

export const signedInRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        element: <PageBoundary />,
        children: [
          { index: true, element: <Home /> },
          { path: 'meetings', element: <RequireRole roles={PLANNER_ROLES}><HomePage /></RequireRole> },
          { path: 'org', element: <OrgPage /> },
          { path: 'districts/:id', element: <DistrictPage /> },
          { path: 'import', element: <RequireRole roles={IMPORT_ROLES}><ImportPage /></RequireRole> },
          { path: 'audit', element: <RequireRole roles={AUDIT_ROLES}><AuditPage /></RequireRole> },
          { path: 'users', element: <RequireRole roles={USERS_ROLES}><UsersPage /></RequireRole> },
          { path: 'account', element: <AccountPage /> },
          { path: 'board', element: <RequireRole roles={BOARD_ROLES}><BoardPage /></RequireRole> },
          { path: 'meetings/list', element: <RequireRole roles={ANALYTICS_ROLES}><MeetingListPage /></RequireRole> },
          { path: 'analytics', element: <RequireRole roles={ANALYTICS_ROLES}><AnalyticsPage /></RequireRole> },
          { path: 'meetings/new', element: <RequireRole roles={PLANNER_ROLES}><NewMeetingPage /></RequireRole> },
          { path: 'meetings/:id/edit', element: <RequireRole roles={PLANNER_ROLES}><EditMeetingPage /></RequireRole> },
          { path: 'meetings/late-entry', element: <RequireRole roles={LATE_ENTRY_ROLES}><NewLateEntryPage /></RequireRole> },
          { path: 'meetings/:id/late-entry', element: <RequireRole roles={PLANNER_ROLES}><CorrectLateEntryPage /></RequireRole> },
          { path: 'meetings/:id', element: <MeetingPage /> },
          { path: 'meetings/:id/live', element: <RequireRole roles={PLANNER_ROLES}><LivePage /></RequireRole> },
          { path: 'meetings/:id/report', element: <ReportPage /> },
          { path: 'meetings/:id/protocol', element: <ProtocolPage /> },
          { path: 'calendar', element: <RequireRole roles={CALENDAR_ROLES}><CalendarPage /></RequireRole> },
          { path: 'invitations', element: <RequireRole roles={INVITATION_ROLES}><MyInvitationsPage /></RequireRole> },
          { path: 'rules', element: <RulesPage /> },
          { path: 'control', element: <RequireRole roles={CONTROL_ROLES}><ControlBoardPage /></RequireRole> },
          { path: 'admin', element: <RequireRole roles={ADMIN_ROLES}><AdminPage /></RequireRole> },
          { path: 'notifications/settings', element: <NotificationSettingsPage /> },
          { path: 'deliveries', element: <RequireRole roles={DELIVERY_ROLES}><DeliveryLogPage /></RequireRole> },
          { path: 'deliveries/outbox', element: <RequireRole roles={DELIVERY_ROLES}><OutboxPage /></RequireRole> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function SignedInRoutes() {
  return useRoutes(signedInRoutes);
}

export { preloadPage } from './pages.ts';
