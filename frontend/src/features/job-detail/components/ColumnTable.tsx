import { formatNumber } from '../../../lib/format';
import type { ColumnProfile } from '../api/result';

function show(value: string | number | boolean | null | undefined): string {
  if (value == null) return '—';
  return typeof value === 'number' ? formatNumber(value, 4) : String(value);
}

/** One row per column: type, nulls, distinct, range, mean, quantiles and the most common values. */
export function ColumnTable({ columns }: { columns: ColumnProfile[] }) {
  return (
    <div className="table-wrap">
      <table className="columns-table">
        <caption className="visually-hidden">Column profile</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Nulls</th>
            <th scope="col">Distinct</th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Mean ± sd</th>
            <th scope="col">p50 / p90 / p99</th>
            <th scope="col">Top values</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column, index) => (
            <tr key={`${index}-${column.name}`}>
              <th scope="row" className="file-name">{column.name}</th>
              <td>{column.type ?? '—'}</td>
              <td>{formatNumber(column.nulls, 0)}</td>
              <td>
                {column.distinctIsEstimate ? '≈ ' : ''}
                {formatNumber(column.distinct, 0)}
              </td>
              <td className="value-cell">{show(column.min)}</td>
              <td className="value-cell">{show(column.max)}</td>
              <td>{column.mean != null ? `${formatNumber(column.mean)}${column.stddev != null ? ` ± ${formatNumber(column.stddev)}` : ''}` : '—'}</td>
              <td>{column.quantiles ? [column.quantiles.p50, column.quantiles.p90, column.quantiles.p99].map((q) => show(q)).join(' / ') : '—'}</td>
              <td className="value-cell">
                {column.topValues && column.topValues.length > 0
                  ? column.topValues.slice(0, 3).map((top, i) => (
                      <span key={i} className="chip">
                        {top.value === '' ? '(empty)' : top.value} <span className="muted">×{formatNumber(top.count, 0)}</span>
                      </span>
                    ))
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
