import type { JobEvent } from '../../../lib/live-events';
import type { Job } from '../api/jobs';

/** Overlays the latest live event on a job from the API when the event is newer (by seq). */
export function withLiveEvent(job: Job, event: JobEvent | undefined): Job {
  if (!event || event.seq <= (job.seq ?? -1)) return job;
  return {
    ...job,
    status: event.status,
    seq: event.seq,
    progress: event.progress ?? job.progress,
    bytesRead: event.bytesRead ?? job.bytesRead,
    recordsRead: event.recordsRead ?? job.recordsRead,
    bytesPerSecond: event.bytesPerSecond ?? job.bytesPerSecond,
    workerId: event.workerId ?? job.workerId,
    error: event.error ?? job.error,
    startedAt: job.startedAt ?? (event.status === 'PROCESSING' ? event.timestamp : undefined),
    finishedAt:
      job.finishedAt ?? (event.status === 'COMPLETED' || event.status === 'FAILED' || event.status === 'CANCELLED' ? event.timestamp : undefined),
  };
}
