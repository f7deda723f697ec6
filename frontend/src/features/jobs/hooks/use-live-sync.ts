import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { TERMINAL_STATUSES, useLiveEventsStore, type JobEvent } from '../../../lib/live-events';
import { jobKeys, type JobPage } from '../api/jobs';

function isListed(queryClient: QueryClient, jobId: string): boolean {
  return queryClient
    .getQueriesData<JobPage>({ queryKey: ['jobs', 'list'] })
    .some(([, page]) => page?.items.some((job) => job.id === jobId));
}

/**
 * Connects the live-events store to the query cache while signed in: every (re)connect reloads the jobs from the
 * API, and an event for a job not on screen yet, or a terminal event, refreshes the lists (batched).
 */
export function useLiveSync(enabled: boolean): void {
  const store = useLiveEventsStore();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      }, 250);
    };
    const offResync = store.onResync(() => void queryClient.invalidateQueries({ queryKey: jobKeys.all }));
    const offEvent = store.onEvent((event: JobEvent) => {
      if (TERMINAL_STATUSES.has(event.status) || !isListed(queryClient, event.jobId)) refreshSoon();
    });
    store.start();
    return () => {
      offResync();
      offEvent();
      if (timer) clearTimeout(timer);
      store.stop();
    };
  }, [enabled, store, queryClient]);
}
