import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth, RequireRole } from '../features/auth/RequireAuth.tsx';
import { ImportPage } from '../features/import/ImportPage.tsx';
import { DistrictPage } from '../features/org/DistrictPage.tsx';
import { OrgPage } from '../features/org/OrgPage.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AUDIT_ROLES, IMPORT_ROLES } from './layout/navigation.ts';
import { NotFoundPage } from './status.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    children: [
      { index: true, element: <Navigate to="/org" replace /> },
      { path: 'org', element: <OrgPage /> },
      { path: 'districts/:id', element: <DistrictPage /> },
      { path: 'import', element: <RequireRole roles={IMPORT_ROLES}><ImportPage /></RequireRole> },
      { path: 'audit', element: <RequireRole roles={AUDIT_ROLES}><AuditPage /></RequireRole> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
