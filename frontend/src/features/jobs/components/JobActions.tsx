import type { Job } from '../api/jobs';
import { useJobActions } from '../hooks/use-jobs';

/** Cancel / retry / delete buttons for one job, shown as allowed by its state. */
export function JobActions({ job, onDeleted }: { job: Job; onDeleted?: () => void }) {
  const { cancel, retry, remove } = useJobActions();
  const busy = cancel.isPending || retry.isPending || remove.isPending;
  const error = cancel.error ?? retry.error ?? remove.error;
  const running = job.status === 'QUEUED' || job.status === 'PROCESSING';
  const retryable = job.status === 'FAILED' || job.status === 'CANCELLED';
  return (
    <div className="actions">
      {running && (
        <button type="button" className="button" disabled={busy} onClick={() => cancel.mutate(job.id)} aria-label={`Cancel ${job.fileName}`}>
          Cancel
        </button>
      )}
      {retryable && (
        <button type="button" className="button" disabled={busy} onClick={() => retry.mutate(job.id)} aria-label={`Retry ${job.fileName}`}>
          Retry
        </button>
      )}
      <button
        type="button"
        className="button danger"
        disabled={busy}
        aria-label={`Delete ${job.fileName}`}
        onClick={() => {
          if (window.confirm(`Delete "${job.fileName}" and its result?`)) remove.mutate(job.id, { onSuccess: onDeleted });
        }}
      >
        Delete
      </button>
      {error && (
        <span role="alert" className="error-text small">
          {error.message}
        </span>
      )}
    </div>
  );
}
