import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert, ForbiddenPage, FullPageLoader } from '../../app/status.tsx';
import type { Role } from '../../app/types.ts';
import { hasRole, useCurrentUser, useSessionQuery, UserProvider } from './session.tsx';

export interface ReturnState { from?: string }

/** Pages behind it need a session; without one the user goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) {
    return <FullPageLoader />;
  }
  if (session.isError) {
    return (
      <Container component="main" id="main" py="xl">
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from } satisfies ReturnState} />;
  }
  return <UserProvider user={session.data.user}>{children}</UserProvider>;
}

/** A page only some roles may open (the server checks again). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  return hasRole(user, roles) ? children : <ForbiddenPage />;
}
