import { z } from 'zod';

/**
 * How the web app sees an API call fail. Calls go through the typed SDK (sdk.ts), whose types come
 * from the server's OpenAPI document, so a drift between server and web fails the build instead of
 * showing up as `undefined` deep in a component. Error answers become an `ApiError` carrying the
 * code; the UI translates by code (see i18n/errors.ts), never by the server's English message.
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
