import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

describe('readiness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.hutong.http.close());

  it('answers 503 HTTP_UNAVAILABLE once the database is gone, while staying alive', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await server.hutong.db.close();
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('HTTP_UNAVAILABLE');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
