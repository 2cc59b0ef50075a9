import createClient from 'openapi-fetch';
import type { paths } from './openapi';

/**
 * The typed SDK: openapi-fetch over the types openapi-typescript generated from the server's OpenAPI
 * document (openapi.d.ts, `npm run sdk`; test/api/sdk-drift.test.ts keeps them equal). Paths,
 * parameters, bodies and answers are checked at compile time. Call through `typed()` (client.ts),
 * which turns an error answer into an ApiError like every other call of the app.
 * Partners use the same two packages with the same file.
 */
export const sdk = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
