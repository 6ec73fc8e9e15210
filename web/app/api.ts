import i18next from 'i18next';

/** One field at fault, named by its place in the request (`body.email`, `query.from`). */
export type FieldProblem = { path: string; message: string };

/** `body.memberships.0.role` → `memberships.0.role`: the field without the part of the request it came in. */
export function fieldPath(path: string): string {
  return path.replace(/^(body|query|querystring|params)\./, '');
}

/** An error answer of the API (RFC 9457 problem details). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
};

export type ProblemKind =
  | 'validation'
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'csrf'
  | 'rate-limited'
  | 'network'
  | 'unknown';

const PROBLEM_PREFIX = 'urn:lovit:problem:';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get kind(): ProblemKind {
    const slug = this.problem.type.startsWith(PROBLEM_PREFIX)
      ? this.problem.type.slice(PROBLEM_PREFIX.length)
      : '';
    return (KNOWN_KINDS as readonly string[]).includes(slug) ? (slug as ProblemKind) : 'unknown';
  }

  /** The sentence to show a user: the server's explanation, or its title when there is none. */
  get userMessage(): string {
    return this.problem.detail ?? this.problem.title;
  }
}

const KNOWN_KINDS = [
  'validation',
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'csrf',
  'rate-limited',
] as const;

export type Query = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /**
   * A 401 answer normally means that the session has ended under the user, who is sent to sign in again.
   * Sign-in and sign-out expect a 401 as an ordinary answer.
   */
  isSessionExpiryExpected?: boolean;
  /** A form's own key: the server answers a retry of it with what it did the first time, never twice. */
  idempotencyKey?: string;
};

let csrfToken: string | null = null;
let sessionExpiredHandler: (() => void) | null = null;
let csrfRejectedHandler: (() => void) | null = null;

/** Keeps the CSRF token of the current session (null once signed out) for the requests that follow. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when a request finds that the session it ran under has ended. */
export function onSessionExpired(handler: (() => void) | null): void {
  sessionExpiredHandler = handler;
}

/**
 * What to do when the server refuses the CSRF token: it changes when the user signs in again in another tab,
 * and reading the session again brings the new one.
 */
export function onCsrfRejected(handler: (() => void) | null): void {
  csrfRejectedHandler = handler;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * A fresh key for one form, kept for every retry of it. Not `crypto.randomUUID`, which a browser offers only
 * over HTTPS or on the local machine.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // a form (a file upload) sets its own multipart content type
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({
      type: `${PROBLEM_PREFIX}network`,
      title: i18next.t('errors.network'),
      status: 0,
    });
  }

  if (response.ok) {
    if (response.status === 204 || response.status === 202) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = new ApiError(await readProblem(response));
  if (error.status === 401 && csrfToken !== null && !options.isSessionExpiryExpected) {
    csrfToken = null;
    sessionExpiredHandler?.();
  }
  if (error.kind === 'csrf') csrfRejectedHandler?.();
  throw error;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: i18next.t('errors.unexpected', { status: response.status }),
    status: response.status,
  };
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'title' in body && 'type' in body) {
      return { ...fallback, ...(body as Partial<Problem>) };
    }
  } catch {
    return fallback;
  }
  return fallback;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T = void>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T = void>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** Sends fields and files as multipart/form-data. */
  upload: <T>(path: string, fields: Record<string, string | File>) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return request<T>('POST', path, { body });
  },
};
