import { formatNumber } from '../../../lib/format';
import type { PartialResult } from '../api/result';
import { TimelineChart, UserActivityChart } from './charts';

/** The charts of a running job, filled in from its partial results until the final result replaces them. */
export function LivePartial({ partial }: { partial: PartialResult }) {
  return (
    <section className="card" aria-labelledby="so-far-title" aria-live="polite">
      <h2 id="so-far-title">So far</h2>
      <p className="muted">
        <strong className="records-so-far">{formatNumber(partial.records, 0)}</strong> records read; the figures settle when the
        analysis completes.
      </p>
      {partial.users && <UserActivityChart users={partial.users} />}
      {partial.timeline && <TimelineChart timeline={partial.timeline} />}
    </section>
  );
}
