import { Link, useSearchParams } from 'react-router';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { jobStatusSchema, type JobStatus } from '../../../lib/live-events';
import { useIsAdmin } from '../../auth/hooks/use-session';
import { UploadPanel } from '../../upload/components/UploadPanel';
import { useJobList } from '../hooks/use-jobs';
import { JobActions } from './JobActions';
import { JobProgress } from './JobProgress';
import { StatusBadge } from './StatusBadge';

const PAGE_SIZE = 20;

/** Mine / Everyone, for administrators. */
function ScopeToggle({ everyone, onChange }: { everyone: boolean; onChange: (everyone: boolean) => void }) {
  return (
    <div role="group" aria-label="Whose jobs" className="segmented">
      <button type="button" className="button" aria-pressed={!everyone} onClick={() => onChange(false)}>
        Mine
      </button>
      <button type="button" className="button" aria-pressed={everyone} onClick={() => onChange(true)}>
        Everyone
      </button>
    </div>
  );
}

function JobsTable() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const statusParam = params.get('status');
  const status = jobStatusSchema.safeParse(statusParam).success ? (statusParam as JobStatus) : undefined;
  const admin = useIsAdmin();
  const everyone = admin && params.get('scope') === 'all';
  const { items, data, isPending, isError, error, refetch, isFetching } = useJobList({ page, size: PAGE_SIZE, status, scope: everyone ? 'all' : undefined });

  const go = (next: { page?: number; status?: string; everyone?: boolean }) => {
    const updated = new URLSearchParams(params);
    if (next.everyone !== undefined) {
      if (next.everyone) updated.set('scope', 'all');
      else updated.delete('scope');
      updated.delete('page');
    }
    if (next.status !== undefined) {
      if (next.status) updated.set('status', next.status);
      else updated.delete('status');
      updated.delete('page');
    }
    if (next.page !== undefined) {
      if (next.page > 0) updated.set('page', String(next.page));
      else updated.delete('page');
    }
    setParams(updated);
  };

  return (
    <section className="card" aria-labelledby="jobs-title">
      <div className="section-head">
        <h2 id="jobs-title">{everyone ? 'Everyone’s jobs' : 'Your jobs'}</h2>
        {admin && <ScopeToggle everyone={everyone} onChange={(value) => go({ everyone: value })} />}
        <label className="inline-label">
          State
          <select value={status ?? ''} onChange={(e) => go({ status: e.target.value })}>
            <option value="">All</option>
            {jobStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      {isPending && <p className="muted" role="status">Loading jobs…</p>}
      {isError && (
        <div role="alert" className="error-box">
          <p>Could not load your jobs: {error.message}</p>
          <button type="button" className="button" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      )}
      {items && items.length === 0 && (
        <p className="empty">{status ? 'No jobs in this state.' : 'No jobs yet. Upload a file to start an analysis.'}</p>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="jobs-table" aria-busy={isFetching}>
            <thead>
              <tr>
                <th scope="col">File</th>
                {everyone && <th scope="col">Owner</th>}
                <th scope="col">State</th>
                <th scope="col">Progress</th>
                <th scope="col">Size</th>
                <th scope="col">Submitted</th>
                <th scope="col">Finished</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <tr key={job.id} data-job-id={job.id} data-status={job.status}>
                  <td data-label="File">
                    <Link to={`/jobs/${encodeURIComponent(job.id)}`} className="file-name">
                      {job.fileName}
                    </Link>
                    {job.status === 'FAILED' && job.error && <div className="error-text small">{job.error}</div>}
                  </td>
                  {everyone && <td data-label="Owner">{job.owner ?? '—'}</td>}
                  <td data-label="State">
                    <StatusBadge status={job.status} />
                  </td>
                  <td data-label="Progress">
                    <JobProgress job={job} />
                    {job.status === 'COMPLETED' && job.recordsRead != null && <span className="muted small">{job.recordsRead.toLocaleString()} records</span>}
                  </td>
                  <td data-label="Size">{formatBytes(job.sizeBytes)}</td>
                  <td data-label="Submitted">{formatDateTime(job.submittedAt)}</td>
                  <td data-label="Finished">{formatDateTime(job.finishedAt)}</td>
                  <td data-label="Actions">
                    <JobActions job={job} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.totalPages > 1 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="button" disabled={page <= 0} onClick={() => go({ page: page - 1 })}>
            Previous
          </button>
          <span>
            Page {page + 1} of {data.totalPages} · {data.totalItems} jobs
          </span>
          <button type="button" className="button" disabled={page + 1 >= data.totalPages} onClick={() => go({ page: page + 1 })}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}

/** The home page: upload on top, the caller's jobs below. */
export function JobsPage() {
  return (
    <>
      <UploadPanel />
      <JobsTable />
    </>
  );
}
