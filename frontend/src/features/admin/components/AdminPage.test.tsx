import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anAdmin, renderWithProviders } from '../../../test/render';
import { server } from '../../../test/server';
import { AdminPage } from './AdminPage';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  document.cookie = 'XSRF-TOKEN=t; path=/';
});

const MIB = 1024 * 1024;
const noOverrides = { maxFileBytes: null, maxActiveJobs: null, maxStorageBytes: null, uploadsPerMinute: null };
const defaults = { maxFileBytes: 2048 * MIB, maxActiveJobs: 10, maxStorageBytes: 10240 * MIB, uploadsPerMinute: 60 };

function aManagedUser(overrides: Record<string, unknown> = {}) {
  return { username: 'bob', role: 'USER', enabled: true, createdAt: '2026-12-01T10:00:00Z', jobs: 3, storageBytes: 5 * MIB, quota: noOverrides, ...overrides };
}

function problem(status: number, detail: string) {
  return HttpResponse.json({ type: 'about:blank', title: 'Conflict', status, detail }, { status, headers: { 'Content-Type': 'application/problem+json' } });
}

/** An admin API over an in-memory list of users, recording the changes it receives. */
function adminApi(initial: ReturnType<typeof aManagedUser>[]) {
  let users = initial;
  const patches: { username: string; body: unknown }[] = [];
  const deleted: string[] = [];
  const passwords: { username: string; body: unknown }[] = [];
  server.use(
    http.get('*/api/admin/users', () => HttpResponse.json(users)),
    http.get('*/api/admin/quota-defaults', () => HttpResponse.json(defaults)),
    http.patch('*/api/admin/users/:username', async ({ params, request }) => {
      const username = String(params.username);
      const body = (await request.json()) as Record<string, unknown>;
      patches.push({ username, body });
      if (username === 'root' && (body.enabled === false || body.role === 'USER')) return problem(409, 'You cannot disable or demote yourself.');
      users = users.map((u) => (u.username === username ? { ...u, ...body } : u));
      return HttpResponse.json(users.find((u) => u.username === username));
    }),
    http.post('*/api/admin/users/:username/password', async ({ params, request }) => {
      passwords.push({ username: String(params.username), body: await request.json() });
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete('*/api/admin/users/:username', ({ params }) => {
      deleted.push(String(params.username));
      users = users.filter((u) => u.username !== params.username);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/api/admin/users', async ({ request }) => {
      const body = (await request.json()) as { username: string; role: string };
      if (users.some((u) => u.username === body.username)) return problem(409, `A user named ${body.username} already exists.`);
      const created = aManagedUser({ username: body.username, role: body.role, jobs: 0, storageBytes: 0 });
      users = [...users, created];
      return HttpResponse.json(created, { status: 201 });
    }),
  );
  return { patches, deleted, passwords };
}

function row(username: string): HTMLElement {
  return screen.getByRole('rowheader', { name: username }).closest('tr') as HTMLElement;
}

describe('AdminPage', () => {
  it('lists users with their usage, and quota overrides next to the defaults', async () => {
    adminApi([aManagedUser({ username: 'root', role: 'ADMIN', jobs: 1, storageBytes: 0 }), aManagedUser({ quota: { ...noOverrides, maxActiveJobs: 2 } })]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    await screen.findByRole('rowheader', { name: 'bob' });
    const bob = row('bob');
    expect(within(bob).getByText('5.0 MB')).toBeInTheDocument();
    expect(within(bob).getByText('Max active jobs: 2')).toHaveClass('quota-override');
    expect(await within(bob).findByText('Max file size: default (2.0 GB)')).toHaveClass('muted');
    expect(within(row('root')).getByLabelText('Role of root')).toHaveValue('ADMIN');
    expect(screen.getByText(/Default limits: max file size 2\.0 GB · max active jobs 10/)).toBeInTheDocument();
  });

  it('creates a user and shows why a duplicate is refused', async () => {
    adminApi([aManagedUser()]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    await screen.findByRole('rowheader', { name: 'bob' });
    const form = screen.getByRole('form', { name: 'Create a user' });
    fireEvent.change(within(form).getByLabelText('New user name'), { target: { value: 'bob' } });
    fireEvent.change(within(form).getByLabelText('First password'), { target: { value: 'first-password' } });
    fireEvent.submit(form);
    expect(await within(form).findByRole('alert')).toHaveTextContent('A user named bob already exists.');

    fireEvent.change(within(form).getByLabelText('New user name'), { target: { value: 'carol' } });
    fireEvent.change(within(form).getByLabelText('First password'), { target: { value: 'first-password' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'ADMIN' } });
    fireEvent.submit(form);
    expect(await screen.findByRole('rowheader', { name: 'carol' })).toBeInTheDocument();
    expect(within(row('carol')).getByLabelText('Role of carol')).toHaveValue('ADMIN');
  });

  it('disables a user and shows the detail when an admin tries to demote themselves', async () => {
    const api = adminApi([aManagedUser({ username: 'root', role: 'ADMIN' }), aManagedUser()]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    await screen.findByRole('rowheader', { name: 'bob' });

    fireEvent.click(within(row('bob')).getByLabelText('bob enabled'));
    await waitFor(() => expect(within(row('bob')).getByText('Disabled')).toBeInTheDocument());

    fireEvent.change(within(row('root')).getByLabelText('Role of root'), { target: { value: 'USER' } });
    expect(await within(row('root')).findByRole('alert')).toHaveTextContent('You cannot disable or demote yourself.');
    expect(within(row('root')).getByLabelText('Role of root')).toHaveValue('ADMIN');
    expect(api.patches).toEqual([
      { username: 'bob', body: { enabled: false } },
      { username: 'root', body: { role: 'USER' } },
    ]);
  });

  it('sets and clears per-user quotas, sizes in MiB', async () => {
    const api = adminApi([aManagedUser()]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    await screen.findByRole('rowheader', { name: 'bob' });
    fireEvent.click(screen.getByRole('button', { name: 'Quotas of bob' }));
    const editor = screen.getByRole('form', { name: 'Quotas of bob' });
    expect(await within(editor).findByPlaceholderText('default 2.0 GB')).toBeInTheDocument();
    fireEvent.change(within(editor).getByLabelText('Max file size (MiB)'), { target: { value: '100' } });
    fireEvent.change(within(editor).getByLabelText('Uploads per minute (per minute)'), { target: { value: '5' } });
    fireEvent.submit(editor);
    await waitFor(() => expect(within(row('bob')).getByText('Max file size: 100 MB')).toBeInTheDocument());
    expect(screen.queryByRole('form', { name: 'Quotas of bob' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Quotas of bob' }));
    expect(within(screen.getByRole('form', { name: 'Quotas of bob' })).getByLabelText('Max file size (MiB)')).toHaveValue(100);
    fireEvent.click(screen.getByRole('button', { name: 'Use the defaults' }));
    await waitFor(() => expect(within(row('bob')).getByText('Max file size: default (2.0 GB)')).toBeInTheDocument());
    expect(api.patches.map((p) => p.body)).toEqual([
      { quota: { maxFileBytes: 100 * MIB, maxActiveJobs: null, maxStorageBytes: null, uploadsPerMinute: 5 } },
      { quota: noOverrides },
    ]);
  });

  it('resets a password', async () => {
    const api = adminApi([aManagedUser()]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    await screen.findByRole('rowheader', { name: 'bob' });
    fireEvent.click(screen.getByRole('button', { name: 'Reset password of bob' }));
    fireEvent.change(screen.getByLabelText('New password for bob'), { target: { value: 'temporary-pass' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Password reset for bob' }));
    expect(await within(row('bob')).findByText('Password set.')).toBeInTheDocument();
    expect(api.passwords).toEqual([{ username: 'bob', body: { password: 'temporary-pass' } }]);
  });

  it('deletes a user after a confirmation that names what is deleted', async () => {
    const api = adminApi([aManagedUser()]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    await screen.findByRole('rowheader', { name: 'bob' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete bob' }));
    expect(screen.getByRole('group', { name: 'Confirm: Delete bob' })).toHaveTextContent(
      'Delete the user bob, their API tokens, their 3 jobs and 5.0 MB of stored files? This cannot be undone.',
    );
    expect(api.deleted).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete user and data' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'bob' })).toBeNull());
    expect(api.deleted).toEqual(['bob']);
  });

  it('renders a hostile user name as text', async () => {
    adminApi([aManagedUser({ username: '<img src=x onerror=alert(1)>' })]);
    renderWithProviders(<AdminPage />, { user: anAdmin });
    expect(await screen.findByRole('rowheader', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});
