import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { LiveEventsProvider, type LiveEventsStore } from '../lib/live-events';

/** A query client that does not retry client errors (4xx) — they will not get better by asking again. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Server state and live events for the tree. */
export function AppProviders({ queryClient, liveEvents, children }: { queryClient: QueryClient; liveEvents: LiveEventsStore; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LiveEventsProvider store={liveEvents}>{children}</LiveEventsProvider>
    </QueryClientProvider>
  );
}
