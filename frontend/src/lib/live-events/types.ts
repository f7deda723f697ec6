import { z } from 'zod';

export const jobStatusSchema = z.enum(['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** A job event as pushed on /user/queue/jobs. */
export const jobEventSchema = z.object({
  jobId: z.union([z.string(), z.number()]).transform(String),
  owner: z.string().nullish(),
  status: jobStatusSchema,
  seq: z.number(),
  progress: z.number().nullish(),
  bytesRead: z.number().nullish(),
  recordsRead: z.number().nullish(),
  bytesPerSecond: z.number().nullish(),
  timestamp: z.string().nullish(),
  workerId: z.string().nullish(),
  error: z.string().nullish(),
  /** On some PROCESSING events: what the analysis found so far (validated where it is shown). */
  partial: z.unknown().optional(),
});
export type JobEvent = z.infer<typeof jobEventSchema>;

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'disconnected';

/** What the live-events store exposes to React through useSyncExternalStore. */
export interface LiveSnapshot {
  readonly connection: ConnectionState;
  /** Latest event per job id. */
  readonly events: ReadonlyMap<string, JobEvent>;
}

/** Callbacks a transport reports to. */
export interface TransportCallbacks {
  onConnected(): void;
  onDisconnected(): void;
  onMessage(body: string): void;
}

/** The wire underneath the store (STOMP in the app, a fake in tests). */
export interface LiveTransport {
  start(callbacks: TransportCallbacks): void;
  stop(): void;
}
