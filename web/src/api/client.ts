import type { App } from 'antd';
import { translate } from '../i18n/translate';
import { acceptLanguage } from '../i18n/current';
import { createIdempotencyKey, sendWrite } from './write-retries';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/** The API's error shape: `{ "error": { "code", "message", "details"? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not show the error message; the caller handles it. */
  silent?: boolean;
  /** Send a write once, not again after a lost answer (logout: the page moves on whatever the answer). */
  once?: boolean;
}

let messageApi: MessageInstance | null = null;
let onUnauthorized: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** Called once from inside antd's <App> so messages follow the theme and locale. */
export function bindMessageApi(api: MessageInstance): void {
  messageApi = api;
}

/** Called once by the router so a 401 navigates without a page reload. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function showError(err: unknown): void {
  const text = err instanceof Error ? err.message : String(err);
  // the same text twice (several requests failing together) shows once
  if (messageApi) void messageApi.error({ content: text, key: text });
}

export function showSuccess(text: string): void {
  if (messageApi) void messageApi.success(text);
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // not JSON (proxy error page, empty body)
  }
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  if (error && typeof error.message === 'string') {
    const code = typeof error.code === 'string' ? error.code : `HTTP_${res.status}`;
    return new ApiError(res.status, code, error.message, error.details);
  }
  const fallback = res.status >= 500 ? translate('error.unavailable') : translate('error.httpStatus', { status: res.status });
  return new ApiError(res.status, `HTTP_${res.status}`, fallback);
}

/** The one way the web client talks to the server. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // Accept-Language: the server answers errors, light reasons and checklists in the chosen language
  const init: RequestInit = { method, credentials: 'include', headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage() } };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    const url = buildUrl(path, options.query);
    if (method === 'GET') res = await fetch(url, init);
    else {
      // a write keeps one key through its retries, so a lost answer never applies it twice (write-retries.ts)
      init.headers = { ...init.headers, 'Idempotency-Key': createIdempotencyKey() };
      res = options.once ? await fetch(url, init) : await sendWrite(() => fetch(url, init));
    }
  } catch {
    const err = new ApiError(0, 'NETWORK', translate('error.network'));
    if (!options.silent) showError(err);
    throw err;
  }
  if (!res.ok) {
    const err = await toApiError(res);
    const isLogin = path === '/api/auth/login';
    if (res.status === 401 && !isLogin) {
      // the first "who am I" on page load is expected to fail when signed out: no message then
      if (!options.silent && path !== '/api/auth/me') showError(err);
      onUnauthorized();
      throw err;
    }
    if (!options.silent) showError(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, silent?: boolean) => request<T>('GET', path, { query, silent }),
  post: <T>(path: string, body?: unknown, silent?: boolean) => request<T>('POST', path, { body, silent }),
  put: <T>(path: string, body?: unknown, silent?: boolean) => request<T>('PUT', path, { body, silent }),
  patch: <T>(path: string, body?: unknown, silent?: boolean) => request<T>('PATCH', path, { body, silent }),
  delete: <T>(path: string, body?: unknown, silent?: boolean) => request<T>('DELETE', path, { body, silent }),
};
