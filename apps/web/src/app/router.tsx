import { Suspense } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { Boundary } from './boundary.tsx';
import { signedIn } from './preload.ts';
import { FullPageLoader } from './status.tsx';

const SignedIn = signedIn;

/**
 * The signed-in frame and its pages (./signed-in.tsx); their code and strings are chunks of their
 * own, so until they arrive a whole-page loader.
 */
function Layout() {
  return (
    <Boundary fullPage>
      <RequireAuth>
        <Suspense fallback={<FullPageLoader />}>
          <SignedIn />
        </Suspense>
      </RequireAuth>
    </Boundary>
  );
}

export const routes: RouteObject[] = [
  { path: '/login', element: <Boundary fullPage><LoginPage /></Boundary> },
  { path: '*', element: <Layout /> },
];

export function AppRoutes() {
  return useRoutes(routes);
}
