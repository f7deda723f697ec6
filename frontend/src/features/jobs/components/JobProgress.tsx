import { formatBytes, formatDuration, formatRate } from '../../../lib/format';
import type { Job } from '../api/jobs';
import { describeQueuePlace } from '../queue-place';

/** Progress bar with rate and estimated time left for a running job; place in line for a queued one. */
export function JobProgress({ job }: { job: Job }) {
  if (job.status !== 'PROCESSING' && job.status !== 'QUEUED') return null;
  if (job.status === 'QUEUED') return <span className="muted queue-place">{describeQueuePlace(job)}</span>;
  const fraction = Math.max(0, Math.min(1, job.progress ?? 0));
  const rate = job.bytesPerSecond ?? 0;
  const left = rate > 0 && job.sizeBytes != null && job.bytesRead != null ? (job.sizeBytes - job.bytesRead) / rate : undefined;
  return (
    <div className="job-progress">
      <progress max={100} value={Math.round(fraction * 100)} aria-label={`Analysis progress of ${job.fileName}`} />
      <span className="muted small">
        {Math.round(fraction * 100)} % · {formatRate(rate)} · {left != null ? `${formatDuration(left)} left` : 'estimating'}
        {job.bytesRead != null && job.sizeBytes != null ? ` · ${formatBytes(job.bytesRead)} of ${formatBytes(job.sizeBytes)}` : ''}
      </span>
    </div>
  );
}
