import { useEffect, useState } from 'react';
import { useLiveEventsStore, type JobEvent } from '../../../lib/live-events';
import { partialResultSchema, type PartialResult } from '../api/result';

/**
 * The latest partial result pushed for a job while it runs (progress events without one keep the last), or
 * undefined before the first and after the job ends.
 */
export function useLivePartial(jobId: string, running: boolean): PartialResult | undefined {
  const store = useLiveEventsStore();
  const [partial, setPartial] = useState<{ seq: number; value: PartialResult }>();

  useEffect(() => {
    if (!running) return;
    return store.onEvent((event: JobEvent) => {
      if (event.jobId !== jobId || event.partial === undefined || event.partial === null) return;
      const parsed = partialResultSchema.safeParse(event.partial);
      if (!parsed.success) return;
      setPartial((current) => (current && current.seq >= event.seq ? current : { seq: event.seq, value: parsed.data }));
    });
  }, [store, jobId, running]);

  return running ? partial?.value : undefined;
}
