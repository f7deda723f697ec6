import { act, fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { superstoreResult } from '../../../test/fixtures/superstore-result';
import { aJob, renderWithProviders } from '../../../test/render';
import { server } from '../../../test/server';
import { JobDetailPage } from './JobDetailPage';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderDetail(id = 'j1') {
  return renderWithProviders(
    <Routes>
      <Route path="/jobs/:id" element={<JobDetailPage />} />
    </Routes>,
    { route: `/jobs/${id}` },
  );
}

describe('JobDetailPage', () => {
  it('explains the format, warnings, counts, columns and top user of a completed job', async () => {
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: 'superstore.csv', status: 'COMPLETED', seq: 9 }))),
      http.get('*/api/jobs/j1/result', () => HttpResponse.json(superstoreResult)),
    );
    renderDetail();

    expect(await screen.findByText(/This looks like a CSV file, encoded as windows-1252\. Fields are separated by commas\. The first row is a header\./)).toBeInTheDocument();
    expect(screen.getByRole('note', { name: 'Warnings' })).toHaveTextContent('The file is not UTF-8; it was read as windows-1252.');
    expect(screen.getByText('9,994')).toBeInTheDocument();
    expect(screen.getByText('Line 77: expected 21 fields, found 19')).toBeInTheDocument();

    const users = screen.getByRole('figure', { name: 'Top users' });
    expect(within(users).getByText('WB-21850')).toHaveClass('top-user');
    expect(within(users).getByText('37')).toHaveClass('top-user-events');
    expect(users).toHaveTextContent('793 distinct values of Customer ID.');
    expect(screen.getByRole('figure', { name: 'Users by number of events' })).toBeInTheDocument();

    const columns = screen.getByRole('table', { name: 'Column profile' });
    expect(within(columns).getByRole('rowheader', { name: 'Sales' })).toBeInTheDocument();
    expect(within(columns).getByText('54.49 / 572.76 / 2,481.69')).toBeInTheDocument();
    expect(within(columns).getByText('≈ 5,825', { exact: false })).toBeInTheDocument();
    expect(within(columns).getByText('=HYPERLINK("http://x")', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Timeline' })).toHaveTextContent('Records per day by Order Date');
  });

  it('downloads the per-user breakdown as CSV with formula cells neutralised', async () => {
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: 'superstore.csv', status: 'COMPLETED', seq: 9 }))),
      http.get('*/api/jobs/j1/result', () => HttpResponse.json(superstoreResult)),
    );
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:users';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderDetail();

    fireEvent.click(await screen.findByRole('button', { name: 'Download users (CSV)' }));
    expect(click).toHaveBeenCalled();
    const csv = await blobs[0]!.text();
    expect(csv.split('\r\n')).toEqual([
      'Customer ID,events,firstSeen,lastSeen',
      'WB-21850,37,2014-01-06T00:00:00Z,2017-12-29T00:00:00Z',
      'JL-15835,34,,',
      "'=cmd|calc,3,,",
      '',
    ]);
  });

  it('follows a running job live and loads the result once it completes', async () => {
    let resultCalls = 0;
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: 'big.csv', status: 'PROCESSING', seq: 2, sizeBytes: 1000 }))),
      http.get('*/api/jobs/j1/result', () => {
        resultCalls++;
        return HttpResponse.json(superstoreResult);
      }),
    );
    const { transport, liveEvents } = renderDetail();
    liveEvents.start();
    expect(await screen.findByText('Processing')).toBeInTheDocument();
    expect(resultCalls).toBe(0);

    act(() => transport.push({ jobId: 'j1', status: 'COMPLETED', seq: 10, progress: 1 }));
    expect(await screen.findByRole('figure', { name: 'Top users' })).toBeInTheDocument();
    expect(resultCalls).toBe(1);
  });

  it('fills in the charts of a running job from its partial results and settles on the final result', async () => {
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: 'big.csv', status: 'PROCESSING', seq: 2, sizeBytes: 1000 }))),
      http.get('*/api/jobs/j1/result', () => HttpResponse.json(superstoreResult)),
    );
    const partial = (records: number, events: number) => ({
      records,
      users: { column: 'user_id', distinct: 2, distinctIsEstimate: false, top: [{ id: 'u7', events }, { id: 'u1', events: 1 }], histogram: [] },
      timeline: { column: 'time', bucketWidth: 'PT1H', buckets: [{ start: '2026-01-01T00:00:00Z', count: records }] },
    });
    const { transport, liveEvents } = renderDetail();
    liveEvents.start();
    expect(await screen.findByText('Processing')).toBeInTheDocument();

    act(() => transport.push({ jobId: 'j1', status: 'PROCESSING', seq: 3, progress: 0.2, partial: partial(100, 40) }));
    const soFar = await screen.findByRole('region', { name: 'So far' });
    expect(within(soFar).getByText('40')).toHaveClass('top-user-events');
    act(() => transport.push({ jobId: 'j1', status: 'PROCESSING', seq: 4, progress: 0.3 }));
    act(() => transport.push({ jobId: 'j1', status: 'PROCESSING', seq: 5, progress: 0.6, partial: partial(300, 90) }));
    expect(await within(soFar).findByText('90')).toHaveClass('top-user-events');
    expect(soFar).toHaveTextContent('300 records read');

    act(() => transport.push({ jobId: 'j1', status: 'COMPLETED', seq: 10, progress: 1 }));
    expect(await screen.findByRole('heading', { name: 'Summary' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'So far' })).toBeNull();
    expect(within(screen.getByRole('figure', { name: 'Top users' })).getByText('WB-21850')).toHaveClass('top-user');
  });

  it('says plainly when the job is missing or not the caller’s', async () => {
    server.use(
      http.get('*/api/jobs/nope', () =>
        HttpResponse.json({ title: 'Not Found', status: 404, detail: 'No such job' }, { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
      ),
    );
    renderDetail('nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('This job does not exist or is not yours.');
  });

  it('offers the uploaded file and the profile as CSV for download', async () => {
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: 'superstore.csv', status: 'COMPLETED', seq: 9 }))),
      http.get('*/api/jobs/j1/result', () => HttpResponse.json(superstoreResult)),
    );
    renderDetail();
    expect(await screen.findByRole('link', { name: 'Download file' })).toHaveAttribute('href', '/api/jobs/j1/file');
    expect(screen.getByRole('link', { name: 'Profile as CSV' })).toHaveAttribute('href', '/api/jobs/j1/result.csv');
  });

  it('says an expired job lost its file and result, and does not ask for them', async () => {
    let resultCalls = 0;
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: 'old.csv', status: 'COMPLETED', seq: 9, expired: true, owner: 'alice' }))),
      http.get('*/api/jobs/j1/result', () => {
        resultCalls++;
        return HttpResponse.json({ title: 'Gone', status: 410, detail: 'expired' }, { status: 410 });
      }),
    );
    renderDetail();
    expect(await screen.findByText('Expired: file and result deleted by retention.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download file' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Profile as CSV' })).toBeNull();
    expect(screen.queryByText('Loading the analysis…')).toBeNull();
    expect(resultCalls).toBe(0);
  });

  it('renders hostile file names and cell values as text', async () => {
    const hostile = '<script>window.__pwned=1</script>.csv';
    const cell = '<img src=x onerror="window.__pwned=2">';
    const result = { ...superstoreResult, columns: [{ name: cell, type: 'STRING', nulls: 0, distinct: 1, topValues: [{ value: cell, count: 1 }] }] };
    server.use(
      http.get('*/api/jobs/j1', () => HttpResponse.json(aJob({ id: 'j1', fileName: hostile, status: 'COMPLETED', seq: 9 }))),
      http.get('*/api/jobs/j1/result', () => HttpResponse.json(result)),
    );
    renderDetail();
    expect(await screen.findByRole('heading', { name: hostile })).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: cell })).toBeInTheDocument();
    expect(document.querySelector('img, script')).toBeNull();
  });
});
