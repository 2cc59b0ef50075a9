import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_TYPES_FILE, sdkSource } from '../../scripts/sdk-source';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The typed SDK (openapi-typescript types + openapi-fetch) is committed in web/src/api/openapi.d.ts;
 * the web app calls the API through it. It must be exactly what the server's OpenAPI document makes
 * now: a route, body or answer changed without `npm run sdk` fails here.
 */
describe('the typed SDK', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 180_000); // a server (PGlite, migrations, the demo seed) starts slowly on a loaded machine
  afterAll(async () => {
    await server?.close();
  });

  it('matches the OpenAPI document the server serves (run `npm run sdk` after changing the API)', async () => {
    const doc = await (await fetch(`${server.url}/api/docs/openapi.json`)).json();
    const committed = readFileSync(new URL(`../../${SDK_TYPES_FILE}`, import.meta.url), 'utf8');
    const fresh = await sdkSource(doc as object);
    // Compared line by line so a failure names the lines that drifted.
    expect(committed.split('\n')).toEqual(fresh.split('\n'));
  });
});
