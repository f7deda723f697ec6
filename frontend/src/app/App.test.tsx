import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { server } from '../test/server';
import { App } from './App';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  document.cookie = 'XSRF-TOKEN=t; path=/';
});

const unauthorized = () =>
  HttpResponse.json({ title: 'Unauthorized', status: 401, detail: 'Bad user name or password' }, { status: 401, headers: { 'Content-Type': 'application/problem+json' } });

describe('App', () => {
  it('signs in, shows the jobs, and signs out again', async () => {
    let signedIn = false;
    server.use(
      http.get('*/api/auth/me', () => (signedIn ? HttpResponse.json({ username: 'alice', roles: ['USER'] }) : unauthorized())),
      http.post('*/api/auth/login', async ({ request }) => {
        const body = (await request.json()) as { username: string; password: string };
        if (body.password !== 'alice-pass') return unauthorized();
        signedIn = true;
        return HttpResponse.json({ username: body.username, roles: ['USER'] });
      }),
      http.post('*/api/auth/logout', () => {
        signedIn = false;
        return new HttpResponse(null, { status: 204 });
      }),
      http.get('*/api/jobs', () => HttpResponse.json({ items: [], page: 0, size: 20, totalItems: 0, totalPages: 0 })),
    );
    renderWithProviders(<App />);

    fireEvent.change(await screen.findByLabelText('User name'), { target: { value: 'alice' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Bad user name or password');

    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'alice-pass' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/No jobs yet/)).toBeInTheDocument();
    expect(screen.getByLabelText('Signed in as')).toHaveTextContent('alice');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('returns to the sign-in page when the session has expired', async () => {
    server.use(
      http.get('*/api/auth/me', () => HttpResponse.json({ username: 'alice', roles: ['USER'] })),
      http.get('*/api/jobs', () => unauthorized()),
    );
    renderWithProviders(<App />);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('shows the administration and the cluster to administrators only; for others their addresses are not found', async () => {
    server.use(
      http.get('*/api/auth/me', () => HttpResponse.json({ username: 'alice', roles: ['USER'] })),
      http.get('*/api/tokens', () => HttpResponse.json([])),
    );
    for (const route of ['/admin', '/cluster']) {
      const view = renderWithProviders(<App />, { route });
      expect(await screen.findByText('Not found: there is no page here.')).toBeInTheDocument();
      const nav = screen.getByRole('navigation', { name: 'Main' });
      expect(within(nav).getByRole('link', { name: 'Account' })).toBeInTheDocument();
      expect(within(nav).queryByRole('link', { name: 'Admin' })).toBeNull();
      expect(within(nav).queryByRole('link', { name: 'Cluster' })).toBeNull();
      view.unmount();
    }

    server.use(
      http.get('*/api/auth/me', () => HttpResponse.json({ username: 'root', roles: ['USER', 'ADMIN'] })),
      http.get('*/api/admin/users', () => HttpResponse.json([])),
      http.get('*/api/admin/quota-defaults', () => HttpResponse.json({ maxFileBytes: 1, maxActiveJobs: 1, maxStorageBytes: 1, uploadsPerMinute: 1 })),
    );
    renderWithProviders(<App />, { route: '/admin' });
    expect(await screen.findByRole('heading', { name: 'Administration' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Admin' })).toHaveAttribute('href', '/admin');
    expect(within(nav).getByRole('link', { name: 'Cluster' })).toHaveAttribute('href', '/cluster');
  });
});
