import { z } from 'zod';
import { apiRequest, apiSend } from '../../../lib/api-client';
import { jobStatusSchema, type JobStatus } from '../../../lib/live-events';

export const jobSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  fileName: z.string(),
  sizeBytes: z.number().nullish(),
  sha256: z.string().nullish(),
  status: jobStatusSchema,
  progress: z.number().nullish(),
  bytesRead: z.number().nullish(),
  recordsRead: z.number().nullish(),
  bytesPerSecond: z.number().nullish(),
  seq: z.number().nullish(),
  submittedAt: z.string().nullish(),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
  error: z.string().nullish(),
  workerId: z.string().nullish(),
  options: z.record(z.string(), z.unknown()).nullish(),
  owner: z.string().nullish(),
  /** Retention deleted the file and the result; the job keeps its state and figures. */
  expired: z.boolean().nullish(),
  queuePosition: z.number().nullish(),
  estimatedStartAt: z.string().nullish(),
  /** While QUEUED: false when no worker has reported in, so the job waits until one starts. */
  workersOnline: z.boolean().nullish(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobPageSchema = z.object({
  items: z.array(jobSchema),
  page: z.number(),
  size: z.number(),
  totalItems: z.number(),
  totalPages: z.number(),
});
export type JobPage = z.infer<typeof jobPageSchema>;

export interface JobListParams {
  page: number;
  size: number;
  status?: JobStatus;
  /** `all`: every user's jobs (honoured for administrators only). */
  scope?: 'all';
}

export const jobKeys = {
  all: ['jobs'] as const,
  list: (params: JobListParams) => ['jobs', 'list', params] as const,
  detail: (id: string) => ['jobs', 'detail', id] as const,
  result: (id: string) => ['jobs', 'result', id] as const,
};

export function listJobs({ page, size, status, scope }: JobListParams, signal?: AbortSignal): Promise<JobPage> {
  const query = new URLSearchParams({ page: String(page), size: String(size) });
  if (status) query.set('status', status);
  if (scope) query.set('scope', scope);
  return apiRequest(`/api/jobs?${query}`, jobPageSchema, { signal });
}

export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return apiRequest(`/api/jobs/${encodeURIComponent(id)}`, jobSchema, { signal });
}

export function cancelJob(id: string): Promise<Job> {
  return apiRequest(`/api/jobs/${encodeURIComponent(id)}/cancel`, jobSchema, { method: 'POST' });
}

export function retryJob(id: string): Promise<Job> {
  return apiRequest(`/api/jobs/${encodeURIComponent(id)}/retry`, jobSchema, { method: 'POST' });
}

export function deleteJob(id: string): Promise<void> {
  return apiSend(`/api/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Same-origin addresses the browser downloads with the session cookie (the gateway names the file). */
export const jobDownloads = {
  file: (id: string) => `/api/jobs/${encodeURIComponent(id)}/file`,
  resultCsv: (id: string) => `/api/jobs/${encodeURIComponent(id)}/result.csv`,
};
