import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProviders, createQueryClient } from '../app/providers';
import { LiveEventsStore } from '../lib/live-events';
import { FakeTransport } from './fake-transport';

/** Renders UI with a fresh query client, a live-events store over a fake transport, and a memory router. */
export function renderWithProviders(ui: ReactElement, { route = '/' }: { route?: string } = {}) {
  const transport = new FakeTransport();
  const liveEvents = new LiveEventsStore(transport);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, refetchOnWindowFocus: false } });
  const utils = render(
    <AppProviders queryClient={queryClient} liveEvents={liveEvents}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
  return { ...utils, transport, liveEvents, queryClient };
}

/** A job as the API returns it, with sensible defaults. */
export function aJob(overrides: Record<string, unknown> = {}) {
  return {
    id: 'job-1',
    fileName: 'events.csv',
    sizeBytes: 2048,
    sha256: null,
    status: 'QUEUED',
    progress: 0,
    bytesRead: 0,
    recordsRead: 0,
    bytesPerSecond: null,
    seq: 1,
    submittedAt: '2026-12-03T10:00:00Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    workerId: null,
    options: {},
    ...overrides,
  };
}
