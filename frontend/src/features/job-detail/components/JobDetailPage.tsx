import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { jobDownloads } from '../../jobs/api/jobs';
import { JobActions } from '../../jobs/components/JobActions';
import { JobProgress } from '../../jobs/components/JobProgress';
import { StatusBadge } from '../../jobs/components/StatusBadge';
import { useJob } from '../../jobs/hooks/use-jobs';
import { useLivePartial } from '../hooks/use-live-partial';
import { useResult } from '../hooks/use-result';
import { LivePartial } from './LivePartial';
import { ResultView } from './ResultView';

/** One job: its state live, and once completed its analysis. */
export function JobDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { job, isPending, isError, error } = useJob(id);
  const expired = Boolean(job?.expired);
  const result = useResult(id, job?.status === 'COMPLETED' && !expired);
  const partial = useLivePartial(id, job?.status === 'PROCESSING');

  if (isPending) return <p className="muted" role="status">Loading job…</p>;
  if (isError || !job) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div className="card error-box" role="alert">
        <p>{missing ? 'This job does not exist or is not yours.' : `Could not load the job: ${error?.message}`}</p>
        <Link to="/">Back to your jobs</Link>
      </div>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Jobs</Link> / <span className="file-name">{job.fileName}</span>
      </nav>
      <section className="card" aria-labelledby="job-title">
        <div className="section-head">
          <h1 id="job-title" className="file-name">{job.fileName}</h1>
          <StatusBadge status={job.status} />
        </div>
        <dl className="facts">
          <div><dt>Size</dt><dd>{formatBytes(job.sizeBytes)}</dd></div>
          <div><dt>Submitted</dt><dd>{formatDateTime(job.submittedAt)}</dd></div>
          <div><dt>Started</dt><dd>{formatDateTime(job.startedAt)}</dd></div>
          <div><dt>Finished</dt><dd>{formatDateTime(job.finishedAt)}</dd></div>
          {job.owner && <div><dt>Owner</dt><dd>{job.owner}</dd></div>}
          {job.workerId && <div><dt>Worker</dt><dd>{job.workerId}</dd></div>}
          {job.sha256 && <div><dt>SHA-256</dt><dd className="hash">{job.sha256}</dd></div>}
        </dl>
        <JobProgress job={job} />
        {job.status === 'FAILED' && <p role="alert" className="error-text">The analysis failed: {job.error ?? 'no reason given'}</p>}
        {job.status === 'CANCELLED' && <p className="muted">The analysis was cancelled.</p>}
        {expired ? (
          <p role="note" className="muted">Expired: file and result deleted by retention.</p>
        ) : (
          <div className="actions downloads">
            <a className="button" href={jobDownloads.file(job.id)} download>Download file</a>
            {job.status === 'COMPLETED' && <a className="button" href={jobDownloads.resultCsv(job.id)} download>Profile as CSV</a>}
          </div>
        )}
        <JobActions job={job} onDeleted={() => navigate('/')} />
      </section>
      {partial && <LivePartial partial={partial} />}
      {job.status === 'COMPLETED' && !expired && result.isPending && <p className="muted" role="status">Loading the analysis…</p>}
      {result.isError && (
        <div className="card error-box" role="alert">
          <p>Could not load the analysis: {result.error.message}</p>
          <button type="button" className="button" onClick={() => void result.refetch()}>Try again</button>
        </div>
      )}
      {result.data && <ResultView jobId={job.id} fileName={job.fileName} result={result.data} />}
    </>
  );
}
