import { z } from 'zod';

/**
 * The one HTTP client of the dashboard. Every request goes through here so that credentials, the CSRF header,
 * payload validation and error mapping are handled in a single place.
 */

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

const problemSchema = z.object({
  type: z.string().nullish(),
  title: z.string().nullish(),
  status: z.number().nullish(),
  detail: z.string().nullish(),
  instance: z.string().nullish(),
});

/** An HTTP failure, carrying the RFC 9457 problem details the gateway sent (or what could be inferred). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type?: string;
  /** Seconds to wait before trying again, from a `Retry-After` header (429, 503). */
  readonly retryAfterSeconds?: number;

  constructor(status: number, title: string, detail: string, type?: string, retryAfterSeconds?: number) {
    super(detail || title || `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Reads `Retry-After` as seconds from now: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Reads a cookie by name; returns undefined when it is not set. */
export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) {
      return decodeURIComponent(trimmed.slice(prefix.length));
    }
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function statusTitle(status: number): string {
  switch (status) {
    case 400: return 'Bad request';
    case 401: return 'Not signed in';
    case 403: return 'Forbidden';
    case 404: return 'Not found';
    case 409: return 'Conflict';
    case 410: return 'Gone';
    case 413: return 'File too large';
    case 415: return 'Unsupported file type';
    case 422: return 'File cannot be analysed';
    case 429: return 'Too many requests';
    case 507: return 'Storage quota exceeded';
    default: return status >= 500 ? 'Server error' : `HTTP ${status}`;
  }
}

/** Turns a response body (text) and status into an ApiError, using problem JSON when the server sent it. */
export function toApiError(status: number, body: string, contentType: string | null, retryAfter: string | null = null): ApiError {
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  if (body && contentType && contentType.includes('json')) {
    try {
      const parsed = problemSchema.safeParse(JSON.parse(body));
      if (parsed.success) {
        const p = parsed.data;
        const title = p.title ?? statusTitle(status);
        return new ApiError(p.status ?? status, title, p.detail ?? title, p.type ?? undefined, retryAfterSeconds);
      }
    } catch {
      // not JSON after all: fall through to the generic error
    }
  }
  const title = statusTitle(status);
  return new ApiError(status, title, title, undefined, retryAfterSeconds);
}

function errorOf(response: Response, body: string): ApiError {
  return toApiError(response.status, body, response.headers.get('Content-Type'), response.headers.get('Retry-After'));
}

/** Makes sure the XSRF-TOKEN cookie exists, asking the gateway to set it when missing. */
export async function ensureCsrfToken(force = false): Promise<string | undefined> {
  if (!force) {
    const existing = readCookie(CSRF_COOKIE);
    if (existing) return existing;
  }
  await fetch(url('/api/auth/csrf'), { credentials: 'same-origin' });
  return readCookie(CSRF_COOKIE);
}

function url(path: string): string {
  return new URL(path, window.location.origin).toString();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: unknown;
  body?: BodyInit;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions, retryOnCsrf: boolean): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (!SAFE_METHODS.has(method)) {
    const token = await ensureCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(url(path), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  // A login rotates the CSRF token; one retry with a fresh token recovers from a stale cookie.
  if (response.status === 403 && retryOnCsrf && !SAFE_METHODS.has(method)) {
    await ensureCsrfToken(true);
    return send(path, options, false);
  }
  return response;
}

/**
 * Sends a request and validates the JSON answer with the given schema.
 * Throws ApiError for HTTP errors and for payloads that do not match the schema.
 */
export async function apiRequest<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, true);
  const text = await response.text();
  if (!response.ok) {
    throw errorOf(response, text);
  }
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, 'Unexpected response', 'The server answered with something that is not JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(response.status, 'Unexpected response', `The server answered in an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Sends a request whose successful answer has no body of interest (204 and the like). */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<void> {
  const response = await send(path, options, true);
  if (!response.ok) {
    const text = await response.text();
    throw errorOf(response, text);
  }
}

/** Fetches a JSON document without validating it (used only to hand the raw result to a download). */
export async function apiRaw(path: string): Promise<string> {
  const response = await send(path, {}, false);
  const text = await response.text();
  if (!response.ok) {
    throw errorOf(response, text);
  }
  return text;
}

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort(): void;
}

/**
 * Posts a multipart form with XMLHttpRequest so that upload progress can be reported (fetch cannot).
 * `onProgress` receives a fraction 0..1.
 */
export function apiUpload<T>(path: string, form: FormData, schema: z.ZodType<T>, onProgress: (fraction: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = ensureCsrfToken().then(
    (token) =>
      new Promise<T>((resolve, reject) => {
        xhr.open('POST', url(path));
        xhr.withCredentials = true;
        xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
        if (token) xhr.setRequestHeader(CSRF_HEADER, token);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
        };
        xhr.onload = () => {
          if (xhr.status < 200 || xhr.status >= 300) {
            reject(toApiError(xhr.status, xhr.responseText, xhr.getResponseHeader('Content-Type'), xhr.getResponseHeader('Retry-After')));
            return;
          }
          try {
            const parsed = schema.safeParse(JSON.parse(xhr.responseText));
            if (parsed.success) {
              onProgress(1);
              resolve(parsed.data);
            } else {
              reject(new ApiError(xhr.status, 'Unexpected response', 'The server accepted the file but answered in an unexpected shape.'));
            }
          } catch {
            reject(new ApiError(xhr.status, 'Unexpected response', 'The server answered with something that is not JSON.'));
          }
        };
        xhr.onerror = () => reject(new ApiError(0, 'Network error', 'The upload was interrupted: the server could not be reached.'));
        xhr.onabort = () => reject(new ApiError(0, 'Cancelled', 'The upload was cancelled.'));
        xhr.send(form);
      }),
  );
  return { promise, abort: () => xhr.abort() };
}
