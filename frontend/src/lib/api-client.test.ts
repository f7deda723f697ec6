import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { server } from '../test/server';
import { ApiError, apiRequest, apiSend, parseRetryAfter } from './api-client';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const okSchema = z.object({ ok: z.boolean() });

describe('api client', () => {
  it('turns problem JSON into an ApiError with status, title and detail', async () => {
    server.use(
      http.get('*/api/jobs/42', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No job 42', instance: '/api/jobs/42' },
          { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await apiRequest('/api/jobs/42', okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, title: 'Not Found', detail: 'No job 42', message: 'No job 42' });
  });

  it('still gives a readable ApiError when the error body is not JSON', async () => {
    server.use(http.get('*/api/cluster', () => new HttpResponse('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } })));
    await expect(apiRequest('/api/cluster', okSchema)).rejects.toMatchObject({ status: 502, title: 'Server error' });
  });

  it('rejects a payload that does not match the schema', async () => {
    server.use(http.get('*/api/thing', () => HttpResponse.json({ ok: 'yes' })));
    await expect(apiRequest('/api/thing', okSchema)).rejects.toMatchObject({ title: 'Unexpected response' });
  });

  it('copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header of state-changing requests', async () => {
    document.cookie = 'XSRF-TOKEN=token-123; path=/';
    let header: string | null = null;
    server.use(
      http.post('*/api/jobs/7/cancel', ({ request }) => {
        header = request.headers.get('X-XSRF-TOKEN');
        return HttpResponse.json({ ok: true });
      }),
    );
    await apiRequest('/api/jobs/7/cancel', okSchema, { method: 'POST' });
    expect(header).toBe('token-123');
  });

  it('asks the gateway for a CSRF cookie first when there is none', async () => {
    const calls: string[] = [];
    server.use(
      http.get('*/api/auth/csrf', () => {
        calls.push('csrf');
        document.cookie = 'XSRF-TOKEN=fresh; path=/';
        return new HttpResponse(null, { status: 204 });
      }),
      http.post('*/api/auth/logout', ({ request }) => {
        calls.push(`logout:${request.headers.get('X-XSRF-TOKEN')}`);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await apiSend('/api/auth/logout', { method: 'POST' });
    expect(calls).toEqual(['csrf', 'logout:fresh']);
  });

  it('does not send a CSRF header on GET', async () => {
    document.cookie = 'XSRF-TOKEN=token-123; path=/';
    let header: string | null = 'unset';
    server.use(
      http.get('*/api/thing', ({ request }) => {
        header = request.headers.get('X-XSRF-TOKEN');
        return HttpResponse.json({ ok: true });
      }),
    );
    await apiRequest('/api/thing', okSchema);
    expect(header).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Thu, 03 Dec 2026 10:01:00 GMT', Date.parse('2026-12-03T10:00:00Z'))).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();

    server.use(
      http.get('*/api/jobs', () =>
        HttpResponse.json({ title: 'Too Many Requests', status: 429, detail: '3 jobs are queued or running, the limit is 3' }, { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '12' } }),
      ),
    );
    await expect(apiRequest('/api/jobs', okSchema)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 12, detail: '3 jobs are queued or running, the limit is 3' });
  });
});
