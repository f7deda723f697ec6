import { useQuery } from '@tanstack/react-query';
import { getCluster } from '../api/cluster';

/** The cluster overview, refreshed every five seconds while shown. */
export function useCluster() {
  return useQuery({ queryKey: ['cluster'], queryFn: ({ signal }) => getCluster(signal), refetchInterval: 5000 });
}
