import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { sessionKey } from '../features/auth/api/auth';
import { ApiError } from '../lib/api-client';
import { LiveEventsProvider, type LiveEventsStore } from '../lib/live-events';

/**
 * A query client that does not retry client errors (4xx) — they will not get better by asking again — and that
 * returns to the sign-in page when any call answers 401 (the session expired or was ended elsewhere).
 */
export function createQueryClient(): QueryClient {
  let queryClient: QueryClient;
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && queryClient.getQueryData(sessionKey)) {
      queryClient.setQueryData(sessionKey, null);
    }
  };
  queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}

/** Server state and live events for the tree. */
export function AppProviders({ queryClient, liveEvents, children }: { queryClient: QueryClient; liveEvents: LiveEventsStore; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LiveEventsProvider store={liveEvents}>{children}</LiveEventsProvider>
    </QueryClientProvider>
  );
}
