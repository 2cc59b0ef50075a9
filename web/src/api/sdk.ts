import createClient from 'openapi-fetch';
import type { paths } from './openapi';

/**
 * The typed SDK: openapi-fetch over the types openapi-typescript generated from the server's OpenAPI
 * document (openapi.d.ts, `npm run sdk`; test/api/sdk-drift.test.ts keeps them equal). Paths,
 * parameters, bodies and answers are checked at compile time, so a route changed on the server breaks
 * the web build. Every call of the web app goes through it, wrapped in `typed()` (client.ts), which
 * turns an error answer into an ApiError carrying the server's code.
 * Partners use the same two packages with the same file (docs/api.md, "The typed SDK").
 */
export const sdk = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { accept: 'application/json' } });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<C> = C extends { content: { 'application/json': infer J } } ? J : never;
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** What a route answers when it succeeds (its 200 or 201 JSON): `Answer<'/api/v1/me'>`. */
export type Answer<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? JsonOf<R[keyof R & (200 | 201)]> : never;

/** The JSON body a route takes: `Body<'/api/v1/orders', 'post'>`. */
export type Body<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query a route reads: `Query<'/api/v1/shops/{shopId}/orders'>`. */
export type Query<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The Idempotency-Key header of a sales write: a retry with the same key gets the same answer. */
export const idempotent = (key: string) => ({ 'idempotency-key': key });
