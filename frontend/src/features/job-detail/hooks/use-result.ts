import { useQuery } from '@tanstack/react-query';
import { jobKeys } from '../../jobs/api/jobs';
import { getResult } from '../api/result';

/** The analysis result, fetched once the job is COMPLETED. */
export function useResult(id: string, completed: boolean) {
  return useQuery({
    queryKey: jobKeys.result(id),
    queryFn: ({ signal }) => getResult(id, signal),
    enabled: completed,
    staleTime: Infinity,
  });
}
