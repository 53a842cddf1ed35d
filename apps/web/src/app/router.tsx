import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useRoutes, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth, RequireRole } from '../features/auth/RequireAuth.tsx';
import { AUDIT_ROLES, IMPORT_ROLES, USERS_ROLES } from './layout/navigation.ts';
import { pages } from './pages.ts';
import { BOARD_ROLES, CALENDAR_ROLES, INVITATION_ROLES, LATE_ENTRY_ROLES, PLANNER_ROLES } from '../features/meetings/roles.ts';
import { FullPageLoader, NotFoundPage, RouteError } from './status.tsx';
import { ADMIN_ROLES, CONTROL_ROLES } from '../features/followup/roles.ts';
import { DELIVERY_ROLES } from '../features/notifications/roles.ts';

const {
  layout: AppLayout, org: OrgPage, district: DistrictPage, import: ImportPage, audit: AuditPage, users: UsersPage,
  account: AccountPage,
} = pages;
const {
  board: BoardPage, newMeeting: NewMeetingPage, editMeeting: EditMeetingPage, meeting: MeetingPage, calendar: CalendarPage,
  invitations: MyInvitationsPage, rules: RulesPage,
} = pages;
const { live: LivePage } = pages;
const { report: ReportPage } = pages;
const { protocol: ProtocolPage } = pages;
const { control: ControlBoardPage, admin: AdminPage } = pages;
const { newLateEntry: NewLateEntryPage, correctLateEntry: CorrectLateEntryPage } = pages;
const { notificationSettings: NotificationSettingsPage, deliveries: DeliveryLogPage, outbox: OutboxPage } = pages;

/**
 * Catches what a page throws while rendering — above all a chunk that could not be downloaded —
 * and shows `RouteError` instead of a white page. Going to another address clears it.
 */
class ErrorBoundary extends Component<{ resetKey: string; fullPage?: boolean; children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <RouteError error={this.state.error} fullPage={this.props.fullPage} />;
  }
}

function Boundary({ fullPage, children }: { fullPage?: boolean; children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname} fullPage={fullPage}>{children}</ErrorBoundary>;
}

/** The signed-in frame; its code is a chunk of its own, so until it arrives a whole-page loader. */
function Layout() {
  return (
    <Boundary fullPage>
      <RequireAuth>
        <Suspense fallback={<FullPageLoader />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    </Boundary>
  );
}

/** A page that fails keeps the header and navigation around its error. */
function PageBoundary() {
  return <Boundary><Outlet /></Boundary>;
}

export const routes: RouteObject[] = [
  { path: '/login', element: <Boundary fullPage><LoginPage /></Boundary> },
  {
    path: '/',
    element: <Layout />,
    children: [
      {
        element: <PageBoundary />,
        children: [
          { index: true, element: <Navigate to="/org" replace /> },
          { path: 'org', element: <OrgPage /> },
          { path: 'districts/:id', element: <DistrictPage /> },
          { path: 'import', element: <RequireRole roles={IMPORT_ROLES}><ImportPage /></RequireRole> },
          { path: 'audit', element: <RequireRole roles={AUDIT_ROLES}><AuditPage /></RequireRole> },
          { path: 'users', element: <RequireRole roles={USERS_ROLES}><UsersPage /></RequireRole> },
          { path: 'account', element: <AccountPage /> },
          { path: 'board', element: <RequireRole roles={BOARD_ROLES}><BoardPage /></RequireRole> },
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

export function AppRoutes() {
  return useRoutes(routes);
}
