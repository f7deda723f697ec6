import { formatDateTime, formatNumber } from '../../../lib/format';
import { useCluster } from '../hooks/use-cluster';

/** Workers, queue depth and jobs per state. */
export function ClusterPage() {
  const { data, isPending, isError, error, refetch } = useCluster();
  if (isPending) return <p className="muted" role="status">Loading cluster state…</p>;
  if (isError) {
    return (
      <div className="card error-box" role="alert">
        <p>Could not load the cluster state: {error.message}</p>
        <button type="button" className="button" onClick={() => void refetch()}>Try again</button>
      </div>
    );
  }
  const states = Object.entries(data.jobsByStatus ?? {});
  return (
    <>
      <section className="card" aria-labelledby="cluster-title">
        <h1 id="cluster-title">Cluster</h1>
        <dl className="stats">
          <div><dt>Mode</dt><dd>{data.mode}</dd></div>
          <div><dt>Workers</dt><dd>{data.workers.length}</dd></div>
          <div><dt>Queue depth</dt><dd>{formatNumber(data.queueDepth, 0)}</dd></div>
          {states.map(([state, count]) => (
            <div key={state}><dt>{state.charAt(0) + state.slice(1).toLowerCase()}</dt><dd>{formatNumber(count, 0)}</dd></div>
          ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="workers-title">
        <h2 id="workers-title">Workers</h2>
        {data.workers.length === 0 ? (
          <p className="empty">No worker has reported in yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Worker</th>
                  <th scope="col">Host</th>
                  <th scope="col">Load</th>
                  <th scope="col">Jobs done</th>
                  <th scope="col">Last heartbeat</th>
                </tr>
              </thead>
              <tbody>
                {data.workers.map((worker) => (
                  <tr key={worker.workerId}>
                    <td>{worker.workerId}</td>
                    <td>{worker.host ?? '—'}</td>
                    <td>
                      {formatNumber(worker.activeJobs, 0)} of {formatNumber(worker.concurrency, 0)}
                    </td>
                    <td>{formatNumber(worker.jobsDone, 0)}</td>
                    <td>{formatDateTime(worker.lastHeartbeat)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
