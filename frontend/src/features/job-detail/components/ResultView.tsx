import { useState } from 'react';
import { toCsv } from '../../../lib/csv';
import { downloadText } from '../../../lib/download';
import { formatBytes, formatNumber, formatPercent } from '../../../lib/format';
import { getRawResult, type AnalysisResult } from '../api/result';
import { ColumnTable } from './ColumnTable';
import { CountChart, TimelineChart, UserActivityChart } from './charts';
import { FormatSummary } from './FormatSummary';

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '') || 'result';
}

function Downloads({ jobId, fileName, result }: { jobId: string; fileName: string; result: AnalysisResult }) {
  const [error, setError] = useState<string>();
  const downloadJson = () => {
    setError(undefined);
    getRawResult(jobId).then(
      (text) => downloadText(`${baseName(fileName)}.analysis.json`, text, 'application/json'),
      (e: Error) => setError(e.message),
    );
  };
  const downloadUsers = () => {
    const users = result.users;
    if (!users) return;
    const rows = [[users.column ?? 'user', 'events', 'firstSeen', 'lastSeen'], ...users.top.map((u) => [u.id, u.events, u.firstSeen ?? '', u.lastSeen ?? ''])];
    downloadText(`${baseName(fileName)}.users.csv`, toCsv(rows), 'text/csv;charset=utf-8');
  };
  return (
    <div className="actions">
      <button type="button" className="button" onClick={downloadJson}>
        Download result (JSON)
      </button>
      {result.users && (
        <button type="button" className="button" onClick={downloadUsers}>
          Download users (CSV)
        </button>
      )}
      {error && <span role="alert" className="error-text small">{error}</span>}
    </div>
  );
}

/** The analysis of a completed job: format, counts, columns, users, timeline, log statistics. */
export function ResultView({ jobId, fileName, result }: { jobId: string; fileName: string; result: AnalysisResult }) {
  const log = result.log;
  return (
    <>
      <section className="card" aria-labelledby="summary-title">
        <div className="section-head">
          <h2 id="summary-title">Summary</h2>
          <Downloads jobId={jobId} fileName={fileName} result={result} />
        </div>
        <FormatSummary result={result} />
        <dl className="stats">
          <div><dt>Records</dt><dd>{formatNumber(result.records, 0)}</dd></div>
          <div><dt>Malformed</dt><dd>{formatNumber(result.malformedRecords, 0)}</dd></div>
          <div><dt>Lines</dt><dd>{formatNumber(result.lines, 0)}</dd></div>
          <div><dt>Size</dt><dd>{formatBytes(result.bytes)}</dd></div>
        </dl>
        {result.malformedExamples && result.malformedExamples.length > 0 && (
          <details>
            <summary>Examples of malformed records ({result.malformedExamples.length})</summary>
            <ul className="plain-list">
              {result.malformedExamples.map((example, i) => (
                <li key={i}>
                  Line {example.line ?? '?'}: {example.reason ?? 'unreadable'}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {result.users && (
        <section className="card" aria-labelledby="users-title">
          <h2 id="users-title">User activity</h2>
          <UserActivityChart users={result.users} />
          {result.users.histogram && result.users.histogram.length > 1 && (
            <CountChart
              title="Users by number of events"
              data={result.users.histogram.map((bin) => ({
                value: bin.minEvents === bin.maxEvents ? String(bin.minEvents) : `${bin.minEvents}–${bin.maxEvents}`,
                count: bin.users,
              }))}
            />
          )}
        </section>
      )}

      {result.timeline && result.timeline.buckets.length > 0 && (
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <TimelineChart timeline={result.timeline} />
        </section>
      )}

      {log && (
        <section className="card" aria-labelledby="log-title">
          <h2 id="log-title">Log statistics</h2>
          <dl className="stats">
            <div><dt>Error rate</dt><dd>{formatPercent(log.errorRate)}</dd></div>
            <div><dt>Bytes served</dt><dd>{formatBytes(log.bytes)}</dd></div>
          </dl>
          <div className="chart-grid">
            {log.statusCodes && log.statusCodes.length > 0 && <CountChart title="Status codes" data={log.statusCodes} />}
            {log.levels && log.levels.length > 0 && <CountChart title="Levels" data={log.levels} />}
            {log.methods && log.methods.length > 0 && <CountChart title="Methods" data={log.methods} />}
          </div>
          {log.topPaths && log.topPaths.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption>Top paths</caption>
                <thead>
                  <tr><th scope="col">Path</th><th scope="col">Requests</th></tr>
                </thead>
                <tbody>
                  {log.topPaths.slice(0, 15).map((path, i) => (
                    <tr key={i}><td className="value-cell">{path.value}</td><td>{formatNumber(path.count, 0)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {result.columns && result.columns.length > 0 && (
        <section className="card" aria-labelledby="columns-title">
          <h2 id="columns-title">Columns</h2>
          <ColumnTable columns={result.columns} />
        </section>
      )}
    </>
  );
}
