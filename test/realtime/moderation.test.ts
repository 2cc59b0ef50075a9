import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient } from '../support/http';
import { TestViewer } from './socket-client';
import { v7 as uuidv7 } from 'uuid';
import { until } from '../support/hutong-process';

let server: TestServer;
let host: ApiClient;
let shopId: string;
const viewers: TestViewer[] = [];
const join = async (query?: Record<string, string>) => {
  const v = await TestViewer.connect(server.url, 'demo', { query });
  viewers.push(v);
  await v.waitFor((f) => f.t === 'hello');
  return v;
};
const hasChat = (v: TestViewer, text: string) => v.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === text));
/**
 * Sends `text` until the server refuses it for a reason other than the rate limit: a change made
 * over the API (a mute, banned words) reaches the room's hub over the bus a moment later.
 */
const firstRefusal = (v: TestViewer, text: string) =>
  until(async () => {
    const ref = v.chat(text);
    const f = await v.waitFor((x) => (x.t === 'ack' || x.t === 'error') && x.ref === ref);
    return f.t === 'error' && f.code !== 'REALTIME_CHAT_RATE_LIMITED' ? f : undefined;
  }, `"${text}" refused`, 20_000);
const idOf = async (v: TestViewer, text: string) => {
  const f = await hasChat(v, text);
  return f.t === 'batch' ? f.chat.find((m) => m.text === text)!.id : '';
};

beforeAll(async () => {
  server = await startTestServer({ env: { HUTONG_SECRET: 'z'.repeat(40) } });
  host = new ApiClient(server.url);
  await host.login(server.seed.hostEmail, server.seed.ownerPassword);
  shopId = (await server.hutong.identity.shops.bySlug('demo'))!.id;
});
afterAll(async () => {
  await Promise.all(viewers.map((v) => v.close()));
  await server.close();
});

describe('moderation', () => {
  it('deletes a message for everyone, and keeps it stored as deleted', async () => {
    const a = await join();
    const b = await join();
    a.chat('买假货的来这里');
    const id = await idOf(b, '买假货的来这里');
    expect((await host.delete(`/api/v1/rooms/demo/chat/${id}`)).status).toBe(200);
    for (const v of [a, b]) await v.waitFor((f) => f.t === 'batch' && f.deleted.includes(id));
    const late = await join();
    expect(late.hello.recent.map((m) => m.id)).not.toContain(id);
    const history = await host.get('/api/v1/rooms/demo/chat?limit=50');
    expect(history.body.messages.find((m: { id: string }) => m.id === id)).toMatchObject({ deleted: true });
    expect((await host.delete(`/api/v1/rooms/demo/chat/00000000-0000-4000-8000-000000000000`)).body.error.code).toBe('REALTIME_MESSAGE_NOT_FOUND');
  });

  it('takes a delete for a message too young to be stored yet, and refuses an old one that never was', async () => {
    // Message ids are time-ordered: one made a moment ago may still be on its way to the database.
    expect((await host.delete(`/api/v1/rooms/demo/chat/${uuidv7()}`)).status).toBe(200);
    const old = uuidv7({ msecs: Date.now() - 60 * 60_000 });
    expect((await host.delete(`/api/v1/rooms/demo/chat/${old}`)).body.error.code).toBe('REALTIME_MESSAGE_NOT_FOUND');
  });

  it('mutes a viewer for N minutes: their chat is refused with the time it ends', async () => {
    const a = await join();
    const res = await host.post('/api/v1/rooms/demo/mutes', { viewerId: a.hello.viewer.id, minutes: 5 });
    expect(res.status).toBe(200);
    const err = await firstRefusal(a, 'can I talk?');
    expect(err).toMatchObject({ code: 'REALTIME_MUTED' });
    expect(err.t === 'error' && err.retryAt! - Date.now()).toBeGreaterThan(4 * 60_000);
  });

  it('bans a viewer from the shop: the socket closes with 4403, a reconnect is refused until the ban is lifted', async () => {
    const a = await join();
    const key = a.hello.viewerKey!;
    await host.post('/api/v1/rooms/demo/bans', { viewerId: a.hello.viewer.id });
    expect(await a.closed()).toBe(4403);
    const again = await TestViewer.connect(server.url, 'demo', { query: { viewerKey: key } });
    expect(await again.closed()).toBe(4403);
    expect((await host.delete(`/api/v1/rooms/demo/bans/${encodeURIComponent(a.hello.viewer.id)}`)).status).toBe(200);
    // The lifted ban reaches the hub over the bus: reconnect until the room lets the viewer in.
    const forgiven = await until(async () => {
      const v = await TestViewer.connect(server.url, 'demo', { query: { viewerKey: key } });
      viewers.push(v);
      return Promise.race([v.waitFor((f) => f.t === 'hello').then(() => v), v.closed().then(() => undefined)]);
    }, 'the viewer let in again', 20_000);
    expect(forgiven.hello.viewer.id).toBe(a.hello.viewer.id);
  });

  it('slow mode refuses a viewer’s second message within the window but not the host’s', async () => {
    expect((await host.post('/api/v1/rooms/demo/slow-mode', { seconds: 30 })).status).toBe(200);
    const a = await join();
    await a.waitFor((f) => (f.t === 'batch' || f.t === 'hello') && f.slowModeSeconds === 30);
    a.chat('first');
    await a.waitFor((f) => f.t === 'ack');
    const ref = a.chat('second');
    await a.waitFor((f) => f.t === 'error' && f.ref === ref && f.code === 'REALTIME_SLOW_MODE');
    const res = await host.login(server.seed.hostEmail, server.seed.ownerPassword);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const h = await TestViewer.connect(server.url, 'demo', { cookie });
    viewers.push(h);
    h.chat('host one');
    h.chat('host two');
    await hasChat(a, 'host two');
    await host.post('/api/v1/rooms/demo/slow-mode', { seconds: 0 });
  });

  it("masks the shop's banned words on top of the operator's", async () => {
    const put = await host.post(`/api/v1/shops/${shopId}/chat/banned-words`, { words: ['加微信', 'VX'] });
    expect(put.body.words).toEqual(['加微信', 'VX']);
    const a = await join();
    const b = await join();
    // The new words reach the hub over the bus: say it until it comes back masked.
    await until(async () => {
      const ref = a.chat('便宜 加微信 vx123');
      const f = await a.waitFor((x) => (x.t === 'ack' || x.t === 'error') && x.ref === ref);
      return f.t === 'ack' && f.message.text === '便宜 *** **123';
    }, 'the shop’s words masked', 20_000);
    await hasChat(b, '便宜 *** **123');
  });

  it('shows live numbers to the shop and refuses them to others', async () => {
    const a = await join();
    a.send({ t: 'like', n: 2 });
    await a.waitForCounts((c) => c.likes >= 2);
    const res = await host.get('/api/v1/rooms/demo/live-numbers');
    expect(res.status).toBe(200);
    const n = res.body.numbers;
    expect(n.online).toBeGreaterThanOrEqual(1);
    expect(n.pcu).toBeGreaterThanOrEqual(n.online);
    expect(n.likes).toBeGreaterThanOrEqual(2);
    expect(n.unique).toBeGreaterThanOrEqual(1);
    expect(n.messagesPerMinute).toBeGreaterThanOrEqual(3);
    // The show's chat totals: every message so far was shown (a quiet room) and is stored or on its way.
    expect(n.chat.accepted).toBeGreaterThanOrEqual(3);
    expect(n.chat.shown).toBe(n.chat.accepted);
    expect(n.chat.stored).toBeLessThanOrEqual(n.chat.accepted);
    expect((await new ApiClient(server.url).get('/api/v1/rooms/demo/live-numbers')).status).toBe(401);
    const stranger = new ApiClient(server.url);
    await stranger.post('/api/v1/auth/signup', { email: 'x@example.com', password: 'long-enough-pass', displayName: 'X' });
    expect((await stranger.delete('/api/v1/rooms/demo/chat/00000000-0000-4000-8000-000000000000')).status).toBe(403);
    expect((await stranger.post('/api/v1/rooms/demo/mutes', { viewerId: a.hello.viewer.id, minutes: 1 })).status).toBe(403);
  });
});
