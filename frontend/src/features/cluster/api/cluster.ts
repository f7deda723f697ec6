import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export const clusterSchema = z.object({
  mode: z.string(),
  workers: z.array(
    z.object({
      workerId: z.string(),
      host: z.string().nullish(),
      concurrency: z.number().nullish(),
      activeJobs: z.number().nullish(),
      jobsDone: z.number().nullish(),
      lastHeartbeat: z.string().nullish(),
    }),
  ),
  queueDepth: z.number().nullish(),
  jobsByStatus: z.record(z.string(), z.number()).nullish(),
});
export type ClusterState = z.infer<typeof clusterSchema>;

export function getCluster(signal?: AbortSignal): Promise<ClusterState> {
  return apiRequest('/api/cluster', clusterSchema, { signal });
}
