import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createGateway, type GatewayDeps } from './gateway';
import type { Hubs } from './hubs';
import { createViewerKeys } from './viewer-key';

/**
 * The socket gateway on a real HTTP server and a real WebSocket client, with its dependencies
 * standing in: what happens to an upgrade when the session cannot be read.
 */
const room = { id: '00000000-0000-4000-8000-00000000000a', slug: 'r', shopId: '00000000-0000-4000-8000-00000000000b' };
let server: Server | undefined;
let gateway: ReturnType<typeof createGateway> | undefined;
afterEach(async () => {
  await gateway?.close();
  server?.close();
});

async function start(overrides: Partial<GatewayDeps>) {
  const errors: { obj: object; msg: string }[] = [];
  const hubsOpened: string[] = [];
  gateway = createGateway({
    hubs: { get: async (r: { id: string }) => (hubsOpened.push(r.id), Promise.reject(new Error('not in this test'))) } as unknown as Hubs,
    viewerKeys: createViewerKeys(() => 'k'.repeat(40)),
    roomBySlug: async (slug) => (slug === room.slug ? room : undefined),
    userFromCookie: async () => undefined,
    roleOf: async () => undefined,
    publicOrigin: 'http://localhost',
    log: { warn: (obj, msg) => errors.push({ obj, msg }), error: (obj, msg) => errors.push({ obj, msg }) },
    ...overrides,
  });
  server = createServer();
  gateway.attach(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/api/v1/rooms/r/socket?v=1`, errors, hubsOpened };
}

/** The HTTP status the upgrade was answered with. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.once('open', () => (ws.terminate(), resolve(101)));
    ws.once('error', reject);
  });
}

describe('socket gateway', () => {
  it('refuses the upgrade with 503 and logs when the session cannot be read, instead of taking a host for an anonymous viewer', async () => {
    const { url, errors, hubsOpened } = await start({
      userFromCookie: async () => {
        throw new Error('connection terminated');
      },
    });
    expect(await upgradeStatus(url, { cookie: 'hutong_session=abc' })).toBe(503);
    expect(errors).toEqual([expect.objectContaining({ msg: 'reading the socket’s session failed' })]);
    expect(hubsOpened).toEqual([]); // refused before the room's hub is touched
  });

  it('refuses with 503 when the role in the shop cannot be read either', async () => {
    const { url, errors } = await start({
      userFromCookie: async () => ({ id: 'u1', displayName: 'Host' }),
      roleOf: async () => {
        throw new Error('connection terminated');
      },
    });
    expect(await upgradeStatus(url, { cookie: 'hutong_session=abc' })).toBe(503);
    expect(errors.map((e) => e.msg)).toEqual(['reading the socket’s session failed']);
  });

  it('never takes a hub for an upgrade dropped before it completes, so no empty hub is pinned open', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    let lookUp!: () => void;
    const slowLookup = new Promise<void>((r) => (lookUp = r));
    const { url, hubsOpened } = await start({
      roomBySlug: async (slug) => (arrived(), await slowLookup, slug === room.slug ? room : undefined),
    });
    const { port, pathname, search } = new URL(url);
    const raw = connect(Number(port), '127.0.0.1');
    await once(raw, 'connect');
    raw.write(
      `GET ${pathname}${search} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await reached; // the gateway is looking the room up
    raw.destroy(); // the visitor is gone before the upgrade completes
    await new Promise((r) => setTimeout(r, 50));
    lookUp();
    await new Promise((r) => setTimeout(r, 100));
    expect(hubsOpened).toEqual([]);
  });

  it('lets go of a hub it opened for a socket that closed while the hub was opening', async () => {
    const released: string[] = [];
    let open!: () => void;
    const opening = new Promise<void>((r) => (open = r));
    const hub = { isBanned: () => false };
    const { url } = await start({
      hubs: { get: async () => (await opening, hub), release: (id: string) => released.push(id) } as unknown as Hubs,
    });
    const ws = new WebSocket(url);
    await once(ws, 'open');
    ws.terminate();
    await new Promise((r) => setTimeout(r, 50));
    open();
    await new Promise((r) => setTimeout(r, 50));
    expect(released).toEqual([room.id]);
  });
});
