import { formatDuration } from '../../lib/format';
import type { Job } from './api/jobs';

/**
 * Where a QUEUED job stands, in words: "#3 in line · starts in ~20 s". The estimate is counted from `now`, so a page
 * left open says "starts any moment" once the estimated start has passed; with no worker running it says so, since
 * the job cannot start before one does. Null for a job that is not waiting.
 */
export function describeQueuePlace(job: Job, now: number = Date.now()): string | null {
  if (job.status !== 'QUEUED') return null;
  const parts: string[] = [];
  if (job.queuePosition != null) parts.push(`#${job.queuePosition} in line`);
  const start = job.estimatedStartAt ? new Date(job.estimatedStartAt).getTime() : Number.NaN;
  if (job.workersOnline === false) {
    parts.push('no worker is running');
  } else if (!Number.isNaN(start)) {
    const seconds = (start - now) / 1000;
    parts.push(seconds < 1 ? 'starts any moment' : `starts in ~${formatDuration(seconds)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : 'Waiting for a worker';
}
