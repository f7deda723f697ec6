import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aJob, renderWithProviders } from '../../../test/render';
import { server } from '../../../test/server';
import { UploadPanel } from './UploadPanel';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  document.cookie = 'XSRF-TOKEN=t; path=/';
});

function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}) {
  return HttpResponse.json({ type: 'about:blank', title, status, detail, instance: '/api/jobs' }, { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

describe('UploadPanel', () => {
  it('uploads each file on its own and shows each rejection next to its file', async () => {
    const received: number[] = [];
    server.use(
      http.post('*/api/jobs', async ({ request }) => {
        // jsdom's XMLHttpRequest loses multipart file names and bodies on the way to MSW, so the answers are chosen by
        // arrival order: uploads start in the order the files were picked.
        const form = await request.formData();
        received.push(form.getAll('files').length);
        switch (received.length) {
          case 2: return problem(413, 'Payload Too Large', 'The file is larger than the 2 GB limit.');
          case 3: return problem(415, 'Unsupported Media Type', 'This looks like a PNG image, not a text file.');
          default: return HttpResponse.json({ jobs: [aJob({ id: 'j-ok', fileName: 'good.csv' })] }, { status: 202 });
        }
      }),
    );
    renderWithProviders(<UploadPanel />);

    const files = [new File(['GOOD'], 'good.csv', { type: 'text/csv' }), new File(['HUGE'], 'huge.csv'), new File(['PNG'], 'photo.png')];
    fireEvent.change(screen.getByTestId('file-input'), { target: { files } });

    const huge = await screen.findByRole('listitem', { name: 'Upload of huge.csv' });
    expect(await within(huge).findByRole('alert')).toHaveTextContent('Payload Too Large: The file is larger than the 2 GB limit.');
    const photo = screen.getByRole('listitem', { name: 'Upload of photo.png' });
    expect(await within(photo).findByRole('alert')).toHaveTextContent('This looks like a PNG image, not a text file.');
    const good = screen.getByRole('listitem', { name: 'Upload of good.csv' });
    await waitFor(() => expect(within(good).getByText('Uploaded')).toBeInTheDocument());
    expect(within(good).queryByRole('alert')).toBeNull();
    expect(within(good).getByRole('link', { name: 'View job' })).toHaveAttribute('href', '/jobs/j-ok');
    expect(received).toEqual([1, 1, 1]);
  });

  it('sends the analysis options that were filled in, and only those', async () => {
    let fields: Record<string, string> = {};
    server.use(
      http.post('*/api/jobs', async ({ request }) => {
        const form = await request.formData();
        fields = {};
        form.forEach((value, key) => {
          if (typeof value === 'string') fields[key] = value;
        });
        return HttpResponse.json({ jobs: [aJob()] }, { status: 202 });
      }),
    );
    renderWithProviders(<UploadPanel />);
    fireEvent.change(screen.getByLabelText('User column'), { target: { value: ' Customer ID ' } });
    fireEvent.change(screen.getByLabelText('Delimiter'), { target: { value: '\\t' } });
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['x'], 'a.tsv')] } });

    await screen.findByText('Uploaded');
    expect(fields).toEqual({ userColumn: 'Customer ID', delimiter: '\t' });
  });

  it('renders a hostile file name as text', async () => {
    server.use(http.post('*/api/jobs', () => problem(422, 'Unprocessable Entity', 'Not a text file.')));
    renderWithProviders(<UploadPanel />);
    const name = '<img src=x onerror=alert(1)>.csv';
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['x'], name)] } });
    expect(await screen.findByText(name)).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows quota refusals per file with their detail, and for 429 when to try again', async () => {
    let calls = 0;
    server.use(
      http.post('*/api/jobs', () => {
        calls++;
        return calls === 1
          ? problem(429, 'Too Many Requests', 'You have 3 jobs queued or running; the limit is 3.', { 'Retry-After': '90' })
          : problem(507, 'Insufficient Storage', 'Your files use 9.9 GB of 10 GB; this upload would exceed it.');
      }),
    );
    renderWithProviders(<UploadPanel />);
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['a'], 'one.csv'), new File(['b'], 'two.csv')] } });
    const one = await screen.findByRole('listitem', { name: 'Upload of one.csv' });
    expect(await within(one).findByRole('alert')).toHaveTextContent('Too Many Requests: You have 3 jobs queued or running; the limit is 3. Try again in 1 min 30 s.');
    const two = screen.getByRole('listitem', { name: 'Upload of two.csv' });
    expect(await within(two).findByRole('alert')).toHaveTextContent('Insufficient Storage: Your files use 9.9 GB of 10 GB; this upload would exceed it.');
    expect(within(two).getByRole('alert')).not.toHaveTextContent('Try again');
  });
});
