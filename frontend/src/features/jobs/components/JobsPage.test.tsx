import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aJob, anAdmin, aUser, renderWithProviders } from '../../../test/render';
import { server } from '../../../test/server';
import { useLiveSync } from '../hooks/use-live-sync';
import { JobsPage } from './JobsPage';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function LiveJobsPage() {
  useLiveSync(true);
  return <JobsPage />;
}

function page(items: unknown[]) {
  return { items, page: 0, size: 20, totalItems: items.length, totalPages: 1 };
}

function rowOf(fileName: string): HTMLElement {
  return screen.getByRole('link', { name: fileName }).closest('tr') as HTMLElement;
}

describe('JobsPage', () => {
  it('updates a job from live events without reloading, ignoring out-of-order ones', async () => {
    let listCalls = 0;
    server.use(
      http.get('*/api/jobs', () => {
        listCalls++;
        return HttpResponse.json(page([aJob({ id: 'j1', fileName: 'sales.csv', sizeBytes: 1000, seq: 1 })]));
      }),
    );
    const { transport } = renderWithProviders(<LiveJobsPage />, { user: aUser });
    await screen.findByRole('link', { name: 'sales.csv' });
    expect(within(rowOf('sales.csv')).getByText('Queued')).toBeInTheDocument();
    const callsBeforeEvents = listCalls;

    act(() => transport.push({ jobId: 'j1', status: 'PROCESSING', seq: 3, progress: 0.5, bytesRead: 500, bytesPerSecond: 100 }));
    const row = rowOf('sales.csv');
    expect(within(row).getByText('Processing')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar')).toHaveAttribute('value', '50');
    expect(within(row).getByText(/5 s left/)).toBeInTheDocument();

    act(() => transport.push({ jobId: 'j1', status: 'QUEUED', seq: 2 }));
    expect(within(rowOf('sales.csv')).getByText('Processing')).toBeInTheDocument();
    expect(listCalls).toBe(callsBeforeEvents);
  });

  it('reloads the list from the API after a reconnect', async () => {
    let status = 'PROCESSING';
    let listCalls = 0;
    server.use(
      http.get('*/api/jobs', () => {
        listCalls++;
        return HttpResponse.json(page([aJob({ id: 'j1', fileName: 'logs.txt', status, seq: status === 'PROCESSING' ? 2 : 9 })]));
      }),
    );
    const { transport, liveEvents } = renderWithProviders(<LiveJobsPage />, { user: aUser });
    await screen.findByRole('link', { name: 'logs.txt' });
    act(() => transport.connect());
    await waitFor(() => expect(listCalls).toBeGreaterThanOrEqual(2));

    act(() => transport.disconnect());
    expect(liveEvents.getSnapshot().connection).toBe('disconnected');
    status = 'COMPLETED';
    const before = listCalls;
    act(() => transport.connect());
    await waitFor(() => expect(listCalls).toBeGreaterThan(before));
    await waitFor(() => expect(within(rowOf('logs.txt')).getByText('Completed')).toBeInTheDocument());
  });

  it('shows an empty state and an error state', async () => {
    server.use(http.get('*/api/jobs', () => HttpResponse.json(page([]))));
    const first = renderWithProviders(<JobsPage />, { user: aUser });
    expect(await screen.findByText(/No jobs yet/)).toBeInTheDocument();
    first.unmount();

    server.use(
      http.get('*/api/jobs', () =>
        HttpResponse.json({ title: 'Internal Server Error', status: 500, detail: 'Database is down' }, { status: 500, headers: { 'Content-Type': 'application/problem+json' } }),
      ),
    );
    renderWithProviders(<JobsPage />, { user: aUser });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load your jobs: Database is down');
  });

  it('filters by state and pages through the list', async () => {
    const requests: string[] = [];
    server.use(
      http.get('*/api/jobs', ({ request }) => {
        const url = new URL(request.url);
        requests.push(url.search);
        const pageNo = Number(url.searchParams.get('page'));
        return HttpResponse.json({ items: [aJob({ id: `p${pageNo}`, fileName: `file-${pageNo}.csv`, status: 'FAILED', error: 'bad bytes' })], page: pageNo, size: 20, totalItems: 25, totalPages: 2 });
      }),
    );
    renderWithProviders(<JobsPage />, { user: aUser });
    await screen.findByRole('link', { name: 'file-0.csv' });
    expect(screen.getByText('bad bytes')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'FAILED' } });
    await waitFor(() => expect(requests).toContain('?page=0&size=20&status=FAILED'));

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'file-1.csv' })).toBeInTheDocument();
    expect(requests).toContain('?page=1&size=20&status=FAILED');
    expect(screen.getByText('Page 2 of 2 · 25 jobs')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('offers administrators everyone’s jobs with an Owner column', async () => {
    const requests: string[] = [];
    server.use(
      http.get('*/api/jobs', ({ request }) => {
        const url = new URL(request.url);
        requests.push(url.search);
        const all = url.searchParams.get('scope') === 'all';
        return HttpResponse.json(page([aJob({ id: 'a1', fileName: 'mine.csv', owner: 'root' }), ...(all ? [aJob({ id: 'b1', fileName: 'theirs.csv', owner: 'bob' })] : [])]));
      }),
    );
    renderWithProviders(<JobsPage />, { user: anAdmin });
    await screen.findByRole('link', { name: 'mine.csv' });
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mine' })).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(screen.getByRole('button', { name: 'Everyone' }));
    expect(await screen.findByRole('link', { name: 'theirs.csv' })).toBeInTheDocument();
    expect(requests).toContain('?page=0&size=20&scope=all');
    expect(screen.getByRole('heading', { name: 'Everyone’s jobs' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Owner' })).toBeInTheDocument();
    expect(within(rowOf('theirs.csv')).getByText('bob')).toBeInTheDocument();
  });

  it('gives other users no scope toggle and never asks for everyone’s jobs', async () => {
    const requests: string[] = [];
    server.use(
      http.get('*/api/jobs', ({ request }) => {
        requests.push(new URL(request.url).search);
        return HttpResponse.json(page([aJob({ id: 'a1', fileName: 'mine.csv', owner: 'alice' })]));
      }),
    );
    renderWithProviders(<JobsPage />, { user: aUser, route: '/?scope=all' });
    await screen.findByRole('link', { name: 'mine.csv' });
    expect(screen.queryByRole('group', { name: 'Whose jobs' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).toBeNull();
    expect(requests).toEqual(['?page=0&size=20']);
  });
});
