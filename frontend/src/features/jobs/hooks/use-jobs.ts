import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLiveSnapshot } from '../../../lib/live-events';
import { cancelJob, deleteJob, getJob, jobKeys, listJobs, retryJob, type Job, type JobListParams } from '../api/jobs';
import { withLiveEvent } from './live-job';

/** One page of the caller's jobs with live events applied. */
export function useJobList(params: JobListParams) {
  const query = useQuery({
    queryKey: jobKeys.list(params),
    queryFn: ({ signal }) => listJobs(params, signal),
    placeholderData: keepPreviousData,
  });
  const { events } = useLiveSnapshot();
  const items = useMemo<Job[] | undefined>(
    () => query.data?.items.map((job) => withLiveEvent(job, events.get(job.id))),
    [query.data, events],
  );
  return { ...query, items };
}

/** One job with live events applied. */
export function useJob(id: string) {
  const query = useQuery({ queryKey: jobKeys.detail(id), queryFn: ({ signal }) => getJob(id, signal) });
  const { events } = useLiveSnapshot();
  const event = events.get(id);
  const job = useMemo(() => (query.data ? withLiveEvent(query.data, event) : undefined), [query.data, event]);
  return { ...query, job };
}

/** Cancel, retry and delete, each refreshing the job queries when done. */
export function useJobActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: jobKeys.all });
  const cancel = useMutation({ mutationFn: cancelJob, onSettled: refresh });
  const retry = useMutation({ mutationFn: retryJob, onSettled: refresh });
  const remove = useMutation({ mutationFn: deleteJob, onSettled: refresh });
  return { cancel, retry, remove };
}
