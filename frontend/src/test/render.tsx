import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProviders, createQueryClient } from '../app/providers';
import { sessionKey, type User } from '../features/auth/api/auth';
import { LiveEventsStore } from '../lib/live-events';
import { FakeTransport } from './fake-transport';

export const aUser: User = { username: 'alice', roles: ['USER'] };
export const anAdmin: User = { username: 'root', roles: ['USER', 'ADMIN'] };

/**
 * Renders UI with a fresh query client, a live-events store over a fake transport, and a memory router. With `user`
 * the session is already known (no call to /api/auth/me); without it the session is fetched like in the app.
 */
export function renderWithProviders(ui: ReactElement, { route = '/', user }: { route?: string; user?: User } = {}) {
  const transport = new FakeTransport();
  const liveEvents = new LiveEventsStore(transport);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, refetchOnWindowFocus: false } });
  if (user) queryClient.setQueryData(sessionKey, user);
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
