import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aUser, renderWithProviders } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountPage } from './AccountPage';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  document.cookie = 'XSRF-TOKEN=t; path=/';
});

const SECRET = `assay_${'A'.repeat(43)}`;

function problem(status: number, detail: string) {
  return HttpResponse.json({ type: 'about:blank', title: 'Bad Request', status, detail }, { status, headers: { 'Content-Type': 'application/problem+json' } });
}

function aToken(overrides: Record<string, unknown> = {}) {
  return { id: 't1', name: 'nightly export', createdAt: '2026-12-01T10:00:00Z', expiresAt: '2027-03-01T10:00:00Z', lastUsedAt: null, ...overrides };
}

function fillPasswords(current: string, next: string, repeat: string) {
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: repeat } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('AccountPage', () => {
  it('changes the password and shows the problem detail when the current one is wrong', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get('*/api/tokens', () => HttpResponse.json([])),
      http.post('*/api/auth/password', async ({ request }) => {
        const body = (await request.json()) as { currentPassword: string };
        bodies.push(body);
        return body.currentPassword === 'old-secret' ? new HttpResponse(null, { status: 204 }) : problem(400, 'The current password is not correct');
      }),
    );
    renderWithProviders(<AccountPage />, { user: aUser });

    fillPasswords('wrong', 'brand-new-pass', 'brand-new-pass');
    expect(await screen.findByRole('alert')).toHaveTextContent('The current password is not correct');

    fillPasswords('old-secret', 'brand-new-pass', 'brand-new-pass');
    expect(await screen.findByText('Your password was changed.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bodies).toEqual([
      { currentPassword: 'wrong', newPassword: 'brand-new-pass' },
      { currentPassword: 'old-secret', newPassword: 'brand-new-pass' },
    ]);
  });

  it('does not send a new password that is too short or repeated differently', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/tokens', () => HttpResponse.json([])),
      http.post('*/api/auth/password', () => {
        calls++;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderWithProviders(<AccountPage />, { user: aUser });
    fillPasswords('old-secret', 'short', 'short');
    expect(await screen.findByRole('alert')).toHaveTextContent('at least 8 characters');
    fillPasswords('old-secret', 'long-enough-1', 'long-enough-2');
    expect(await screen.findByRole('alert')).toHaveTextContent('differ');
    expect(calls).toBe(0);
  });

  it('shows a new token once, with a copy button and a curl example, and never again', async () => {
    let tokens = [aToken()];
    let created: unknown;
    server.use(
      http.get('*/api/tokens', () => HttpResponse.json(tokens)),
      http.post('*/api/tokens', async ({ request }) => {
        created = await request.json();
        const token = aToken({ id: 't2', name: 'ci upload', createdAt: '2026-12-03T10:00:00Z' });
        tokens = [...tokens, token];
        return HttpResponse.json({ ...token, token: SECRET }, { status: 201 });
      }),
    );
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithProviders(<AccountPage />, { user: aUser });

    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(table).getByRole('rowheader', { name: 'nightly export' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: ' ci upload ' } });
    fireEvent.change(screen.getByLabelText('Expires in (days)'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const notice = await screen.findByRole('region', { name: 'New token' });
    expect(notice).toHaveTextContent('you will not see it again');
    expect(within(notice).getByTestId('new-token')).toHaveTextContent(SECRET);
    expect(within(notice).getByTestId('curl-example')).toHaveTextContent(`curl -H "Authorization: Bearer ${SECRET}" -F "files=@data.csv" http://localhost:3000/api/jobs`);
    expect(created).toEqual({ name: 'ci upload', expiresInDays: 30 });
    fireEvent.click(within(notice).getByRole('button', { name: 'Copy token' }));
    expect(await within(notice).findByText('Copied.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(SECRET);

    await within(table).findByRole('rowheader', { name: 'ci upload' });
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByRole('region', { name: 'New token' })).toBeNull();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(screen.getByLabelText('Token name')).toBeInTheDocument();
  });

  it('shows why a token could not be created', async () => {
    server.use(
      http.get('*/api/tokens', () => HttpResponse.json([])),
      http.post('*/api/tokens', () => problem(400, 'expiresInDays must be between 1 and 365, got 400')),
    );
    renderWithProviders(<AccountPage />, { user: aUser });
    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'x' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Create a token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('expiresInDays must be between 1 and 365, got 400');
  });

  it('revokes a token only after confirmation', async () => {
    let tokens = [aToken()];
    const deleted: string[] = [];
    server.use(
      http.get('*/api/tokens', () => HttpResponse.json(tokens)),
      http.delete('*/api/tokens/:id', ({ params }) => {
        deleted.push(String(params.id));
        tokens = [];
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderWithProviders(<AccountPage />, { user: aUser });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke nightly export' }));
    const confirm = screen.getByRole('group', { name: 'Confirm: Revoke nightly export' });
    expect(confirm).toHaveTextContent('Scripts that use it stop working');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep' }));
    expect(deleted).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke nightly export' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();
    expect(deleted).toEqual(['t1']);
  });
});
