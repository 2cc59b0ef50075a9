import { z } from 'zod';

/**
 * The one HTTP client of the web app. Every answer is validated with the contract schema the
 * server answers with, so a drift between server and web shows up as an error here instead of
 * as `undefined` deep in a component. Error answers become an `ApiError` carrying the code; the
 * UI translates by code (see i18n/errors.ts), never by the server's English message.
 */

/** Codes the web app raises itself, beside the server's catalogue (src/contracts/errors.ts). */
export type ClientErrorCode = 'WEB_NETWORK_FAILED' | 'WEB_UNEXPECTED_ANSWER';

export class ApiError extends Error {
  /** A server code from the catalogue, a ClientErrorCode, or a code this build does not know yet. */
  readonly code: string;
  /** HTTP status, or 0 when no answer arrived. */
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Sales writes (orders, payments) carry one; a retry with the same key gets the same answer. */
  idempotencyKey?: string | undefined;
}

async function send(call: Call): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Only a request with a body says it is JSON: the server rejects an empty body declared as JSON.
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(call.path, {
      method: call.method,
      headers,
      credentials: 'same-origin',
      body: call.body === undefined ? null : JSON.stringify(call.body),
      signal: call.signal ?? null,
    });
  } catch (err) {
    if (call.signal?.aborted) throw err; // the caller went away; not an error to show
    throw new ApiError('WEB_NETWORK_FAILED', 0, 'The server could not be reached.');
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  const parsed = errorAnswer.safeParse(await res.json().catch(() => null));
  if (parsed.success) return new ApiError(parsed.data.error.code, res.status, parsed.data.error.message);
  // A proxy in front said the server is down or did not answer in time.
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new ApiError('WEB_NETWORK_FAILED', res.status, 'The server could not be reached.');
  }
  // Something other than the API answered (a static server, a captive portal).
  return new ApiError('WEB_UNEXPECTED_ANSWER', res.status, `Unexpected answer (HTTP ${res.status}).`);
}

async function parse<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError('WEB_UNEXPECTED_ANSWER', res.status, 'The answer did not match the contract.');
  return parsed.data;
}

export const api = {
  get: async <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) =>
    parse(await send({ method: 'GET', path, signal }), schema),

  post: async <S extends z.ZodType>(path: string, body: unknown, schema: S, opts: { idempotencyKey?: string } = {}) =>
    parse(await send({ method: 'POST', path, body, idempotencyKey: opts.idempotencyKey }), schema),

  patch: async <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    parse(await send({ method: 'PATCH', path, body }), schema),

  /** An idempotent write: following a shop (no body), replacing a whole document (the body). */
  put: async <S extends z.ZodType>(path: string, schema: S, body?: unknown) => parse(await send({ method: 'PUT', path, body }), schema),

  /** A write answered without a body (204), e.g. setting a stock level. */
  putNoContent: async (path: string, body: unknown): Promise<void> => {
    await send({ method: 'PUT', path, body });
  },

  /** For answers without a body (204), e.g. logout. */
  postEmpty: async (path: string): Promise<void> => {
    await send({ method: 'POST', path });
  },

  delete: async (path: string): Promise<void> => {
    await send({ method: 'DELETE', path });
  },
};

/**
 * The answer of a typed SDK call (sdk.ts, openapi-fetch) as the rest of the app expects it: its data,
 * or an ApiError carrying the server's code, or WEB_NETWORK_FAILED when no answer came.
 */
export async function typed<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>, signal?: AbortSignal): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call;
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('WEB_NETWORK_FAILED', 0, 'The server could not be reached.');
  }
  const { response } = answer;
  if (!response.ok) {
    const parsed = errorAnswer.safeParse(answer.error);
    if (parsed.success) throw new ApiError(parsed.data.error.code, response.status, parsed.data.error.message);
    if (response.status === 502 || response.status === 503 || response.status === 504) throw new ApiError('WEB_NETWORK_FAILED', response.status, 'The server could not be reached.');
    throw new ApiError('WEB_UNEXPECTED_ANSWER', response.status, `Unexpected answer (HTTP ${response.status}).`);
  }
  return answer.data as T;
}

/** True when the error means "not logged in" (or no longer): the UI sends the user to /login. */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'IDENTITY_UNAUTHENTICATED' || err.code === 'IDENTITY_SESSION_EXPIRED');
}
