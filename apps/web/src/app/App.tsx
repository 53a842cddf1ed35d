import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { sessionKey } from '../features/auth/auth.api.ts';
import { isApiError, setCsrfToken } from './api.ts';
import { AppRoutes } from './router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

/**
 * A 401 "unauthenticated" from any call but the session check means the session has ended:
 * forget it, and `RequireAuth` sends the user to the login page. (Wrong credentials are not it.)
 */
function onApiError(error: unknown, key: readonly unknown[] | undefined): void {
  if (!isApiError(error, 401) || error.code !== 'unauthenticated' || key?.[0] === sessionKey[0]) return;
  setCsrfToken(null);
  queryClient.setQueryData(sessionKey, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error, _vars, _ctx, mutation) => onApiError(error, mutation.options.mutationKey) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !isApiError(error) || (error.status >= 500 && failures < 2),
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        {/* Without transitions a page whose code is still downloading shows its loader at once. */}
        <BrowserRouter useTransitions={false}>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
