import { describe, expect, it } from 'vitest';
import type { Job } from './api/jobs';
import { describeQueuePlace } from './queue-place';

const now = Date.parse('2026-12-03T10:00:00Z');
const queued: Job = { id: 'j1', fileName: 'a.csv', status: 'QUEUED' };

describe('describeQueuePlace', () => {
  it('gives the place in line and the estimated start', () => {
    expect(describeQueuePlace({ ...queued, queuePosition: 3, estimatedStartAt: '2026-12-03T10:00:20Z' }, now)).toBe(
      '#3 in line · starts in ~20 s',
    );
  });

  it('says the job starts any moment once the estimate has passed', () => {
    expect(describeQueuePlace({ ...queued, queuePosition: 1, estimatedStartAt: '2026-12-03T09:59:58Z' }, now)).toBe(
      '#1 in line · starts any moment',
    );
  });

  it('leaves out an unknown estimate, and falls back to waiting without a place', () => {
    expect(describeQueuePlace({ ...queued, queuePosition: 12, estimatedStartAt: null }, now)).toBe('#12 in line');
    expect(describeQueuePlace(queued, now)).toBe('Waiting for a worker');
  });

  it('says that no worker is running, since the job waits for one', () => {
    expect(describeQueuePlace({ ...queued, queuePosition: 2, estimatedStartAt: null, workersOnline: false }, now)).toBe(
      '#2 in line · no worker is running',
    );
    expect(describeQueuePlace({ ...queued, workersOnline: false }, now)).toBe('no worker is running');
  });

  it('says nothing for a job that is not waiting', () => {
    expect(describeQueuePlace({ ...queued, status: 'PROCESSING', queuePosition: 3 }, now)).toBeNull();
  });
});
