import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient } from '../support/http';
import { TestViewer } from './socket-client';
import { until } from '../support/hutong-process';
import { HyperLogLog } from '../../src/platform/counters/hyperloglog';

let server: TestServer;
const viewers: TestViewer[] = [];
const join = async (opts?: Parameters<typeof TestViewer.connect>[2]) => {
  const v = await TestViewer.connect(server.url, 'demo', opts);
  viewers.push(v);
  await v.waitFor((f) => f.t === 'hello');
  return v;
};

/** The counts of the last frame a viewer got. */
const lastCounts = (v: TestViewer) => {
  const f = v.frames.filter((x) => x.t === 'batch' || x.t === 'hello').at(-1)!;
  return f.t === 'batch' || f.t === 'hello' ? f.counts : undefined!;
};

const demoHub = async () => (await server.hutong.realtime.hubs.peek((await server.hutong.rooms.bySlug('demo')).id))!;

/**
 * A positive signal that the server is done with what a socket's joining started: one like, seen
 * back in the counts (so the join was read), then the hub's numbers settled (joins are counted as
 * views at a settlement, beside the ticks).
 */
async function settled(v: TestViewer): Promise<void> {
  const likes = lastCounts(v).likes;
  v.send({ t: 'like', n: 1 });
  await v.waitForCounts((c) => c.likes > likes);
  await (await demoHub()).settleNow();
}

beforeAll(async () => {
  server = await startTestServer({ env: { HUTONG_SECRET: 'x'.repeat(40) } });
});
afterAll(async () => {
  await Promise.all(viewers.map((v) => v.close()));
  await server.close();
});

describe('room socket protocol', () => {
  it('greets with a hello naming the room, an anonymous viewer with a signed key, and the counts', async () => {
    const a = await join();
    const h = a.hello;
    expect(h.room.slug).toBe('demo');
    expect(h.viewer.role).toBe('viewer');
    expect(h.viewer.id).toMatch(/^a:/);
    expect(h.viewerKey).toMatch(/\./);
    expect(h.resumed).toBe(false);
    await a.waitForCounts((c) => c.online >= 1 && c.views >= 1 && c.unique >= 1);
    expect(a.invalid).toEqual([]);
  });

  it('delivers chat from one viewer to another, acknowledges the sender, and keeps HTML as plain text', async () => {
    const a = await join();
    const b = await join();
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const ref = a.chat(payload);
    const ack = await a.waitFor((f) => f.t === 'ack' && f.ref === ref);
    expect(ack.t === 'ack' && ack.message.text).toBe(payload);
    const batch = await b.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === payload));
    const msg = batch.t === 'batch' ? batch.chat.find((m) => m.text === payload)! : undefined;
    expect(msg?.from.id).toBe(a.hello.viewer.id);
    expect(msg?.from.role).toBe('viewer');
  });

  it('coalesces what arrives together into one frame, not one frame per message', async () => {
    const senders = await Promise.all([join(), join(), join(), join()]);
    const watcher = await join();
    const before = watcher.frames.length;
    const texts = senders.flatMap((s, i) => [0, 1, 2].map((j) => `burst ${i}-${j}`));
    senders.forEach((s, i) => [0, 1, 2].forEach((j) => s.chat(`burst ${i}-${j}`)));
    await watcher.waitFor(() => texts.every((t) => watcher.chatTexts().includes(t)));
    // Each sender's three messages arrive together: a quiet room writes them at once, in one frame.
    const frames = watcher.frames.slice(before).filter((f) => f.t === 'batch' && f.chat.length > 0);
    expect(frames.length).toBeLessThan(texts.length);
    expect(frames.some((f) => f.t === 'batch' && f.chat.length > 1)).toBe(true);
  });

  it('counts likes as totals and online as open sockets', async () => {
    const a = await join();
    const b = await join();
    const start = b.hello.counts.likes;
    a.send({ t: 'like', n: 3 });
    a.send({ t: 'like', n: 4 });
    await b.waitForCounts((c) => c.likes === start + 7);
    const open = () => viewers.filter((v) => v.ws.readyState === v.ws.OPEN).length;
    const c = await join();
    await b.waitForCounts((x) => x.online === open());
    const n = open();
    await c.close();
    await b.waitForCounts((x) => x.online === n - 1);
    expect(b.frames.at(-1)).toMatchObject({ counts: { pcu: expect.any(Number) } });
  });

  it('delivers room events published by other contexts to every socket', async () => {
    const a = await join();
    const b = await join();
    const room = await server.hutong.rooms.bySlug('demo');
    const showId = '00000000-0000-4000-8000-000000000001';
    await server.hutong.roomEvents.publish(room.id, { type: 'show.state', showId, state: 'live' } as never);
    for (const v of [a, b]) {
      const f = await v.waitFor((x) => x.t === 'batch' && x.events.length > 0);
      expect(f.t === 'batch' && f.events[0]).toMatchObject({ type: 'show.state', showId });
    }
  });

  it('counts a reconnect with the same viewer key as the same view and the same unique viewer', async () => {
    const a = await join();
    await a.waitForCounts((c) => c.views >= 1);
    const key = a.hello.viewerKey!;
    await settled(a);
    const hub = await demoHub();
    const before = hub.counts();
    await a.close();
    const again = await join({ query: { viewerKey: key } });
    expect(again.hello.viewer.id).toBe(a.hello.viewer.id);
    expect(again.hello.viewerKey).toBeUndefined();
    await settled(again);
    const after = hub.counts();
    expect(after.views).toBe(before.views);
    expect(after.unique).toBe(before.unique);
    const fresh = await join();
    await fresh.waitForCounts((c) => c.views === before.views + 1 && c.unique === before.unique + 1);
  });

  it('resumes after a disconnect without losing the chat sent meanwhile', async () => {
    const a = await join();
    const talker = await join();
    talker.chat('before the blip');
    await a.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'before the blip'));
    const last = a.frames.filter((f) => f.t === 'batch').at(-1)!;
    const seq = last.t === 'batch' ? last.seq : 0;
    await a.close();
    talker.chat('during the blip');
    await talker.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'during the blip'));
    const back = await join({ query: { viewerKey: a.hello.viewerKey!, epoch: a.hello.epoch, resume: String(seq) } });
    expect(back.hello).toMatchObject({ resumed: true, seq });
    await back.waitFor((f) => f.t === 'batch' && f.seq === seq + 1);
    expect(back.chatTexts()).toContain('during the blip');
    expect(back.chatTexts()).not.toContain('before the blip');
    const fresh = await join({ query: { epoch: 'not-this-node', resume: String(seq) } });
    expect(fresh.hello.resumed).toBe(false);
    expect(fresh.hello.recent.map((m) => m.text)).toEqual(expect.arrayContaining(['before the blip', 'during the blip']));
  });

  it('refuses a forged viewer key by making a new viewer', async () => {
    const v = await join({ query: { viewerKey: 'abc.forged' } });
    expect(v.hello.viewer.id).not.toBe('a:abc');
    expect(v.hello.viewerKey).toBeDefined();
  });

  it('gives the host role from the session cookie, never from the client, and does not count the host as a view', async () => {
    const api = new ApiClient(server.url);
    const res = await api.login(server.seed.hostEmail, server.seed.ownerPassword);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const hub = await demoHub();
    await hub.settleNow();
    const before = hub.counts();
    const host = await join({ cookie, query: { role: 'host' } });
    expect(host.hello.viewer.role).toBe('host');
    await settled(host);
    // The host is online, but not audience: no view, no unique viewer.
    expect(hub.counts()).toMatchObject({ online: before.online + 1, views: before.views, unique: before.unique });
    expect(host.hello.viewer.id).toMatch(/^u:/);
    const anon = await join({ query: { role: 'host' } });
    expect(anon.hello.viewer.role).toBe('viewer');
  });

  it('answers refusals with coded error frames', async () => {
    const a = await join();
    const tooLong = a.chat('长'.repeat(201));
    await a.waitFor((f) => f.t === 'error' && f.ref === tooLong && f.code === 'REALTIME_CHAT_TOO_LONG');
    a.send('not json');
    await a.waitFor((f) => f.t === 'error' && f.code === 'REALTIME_BAD_FRAME');
    a.send({ t: 'like', n: 100_000 });
    await a.waitFor((f) => f.t === 'error' && f.code === 'REALTIME_BAD_FRAME' && a.frames.filter((x) => x.t === 'error' && x.code === 'REALTIME_BAD_FRAME').length === 2);
    // Too long however long, as long as the frame fits in 4 KiB: the ref comes back with the code.
    const long = a.chat('x'.repeat(801));
    await a.waitFor((f) => f.t === 'error' && f.ref === long && f.code === 'REALTIME_CHAT_TOO_LONG');
    // A malformed chat frame with a readable ref is refused with that ref.
    a.send({ t: 'chat', ref: 'no-text', text: 42 });
    await a.waitFor((f) => f.t === 'error' && f.ref === 'no-text' && f.code === 'REALTIME_BAD_FRAME');
    const refs = Array.from({ length: 7 }, (_, i) => a.chat(`fast ${i}`));
    await a.waitFor((f) => f.t === 'error' && f.code === 'REALTIME_CHAT_RATE_LIMITED' && refs.includes(f.ref!));
  });

  it('closes a socket that sends a frame over 4 KiB (1009) and keeps serving the others', async () => {
    const a = await join();
    const b = await join();
    a.send({ t: 'chat', ref: 'big', text: 'x'.repeat(5000) });
    expect(await a.closed()).toBe(1009);
    const ref = b.chat('still here');
    await b.waitFor((f) => f.t === 'ack' && f.ref === ref);
  });

  it('caps the likes one socket can add, so a script cannot inflate the total', async () => {
    const a = await join();
    const start = a.hello.counts.likes;
    for (let i = 0; i < 10; i++) a.send({ t: 'like', n: 100 });
    // A socket's frames are handled in order: once the chat sent after the likes is acknowledged,
    // every like frame has been taken (or capped); settled, the total is final.
    const ref = a.chat('after the likes');
    await a.waitFor((f) => f.t === 'ack' && f.ref === ref);
    const hub = await demoHub();
    await hub.settleNow();
    const total = hub.counts().likes;
    const last = await a.waitForCounts((c) => c.likes === total);
    const added = (last.t === 'batch' || last.t === 'hello' ? last.counts.likes : 0) - start;
    expect(added).toBeGreaterThanOrEqual(100);
    expect(added).toBeLessThan(120);
  });

  it('refuses a client of another protocol version before any frame (426)', async () => {
    await expect(TestViewer.connect(server.url, 'demo', { query: { v: '2' } })).rejects.toThrow(/426/);
  });

  it('refuses an upgrade from another site (the session cookie must not be ridden) and for an unknown room', async () => {
    await expect(TestViewer.connect(server.url, 'demo', { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(TestViewer.connect(server.url, 'no-such-room')).rejects.toThrow(/404/);
  });

  it('counts per show: when the room goes live, views, likes and unique start again from the audience present', async () => {
    const a = await join();
    a.send({ t: 'like', n: 5 });
    await a.waitForCounts((c) => c.likes >= a.hello.counts.likes + 5);
    const room = await server.hutong.rooms.bySlug('demo');
    const present = new Set(viewers.filter((v) => v.ws.readyState === v.ws.OPEN && v.hello.viewer.role === 'viewer').map((v) => v.hello.viewer.id));
    // Unique viewers are a HyperLogLog estimate (docs/audience.md): two of 20-odd ids can share a
    // register and read as one. The expected figure is the same sketch's estimate of the same ids.
    const sketch = new HyperLogLog();
    for (const id of present) sketch.add(id);
    const { show } = await server.hutong.shows.goLive(room.id);
    const f = await a.waitFor((x) => x.t === 'batch' && x.events.some((e) => e.type === 'show.state' && e.showId === show.id));
    expect(f.t === 'batch' && f.counts.likes).toBe(0);
    await a.waitForCounts((c) => c.likes === 0 && c.views === present.size && c.unique === sketch.count());
  });

  it('a hub opened afresh (after a restart) starts from the stored chat', async () => {
    const a = await join();
    a.chat('kept across restarts');
    await a.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'kept across restarts'));
    // Chat is written behind, per tick: wait for its row rather than for a while.
    await until(async () => (await server.hutong.db.query(`SELECT 1 FROM chat_messages WHERE body = $1`, ['kept across restarts'])).length === 1, 'the chat message stored', 20_000);
    const old = a.hello.epoch;
    await server.hutong.realtime.hubs.close();
    expect(await a.closed()).toBe(1001);
    const b = await join();
    expect(b.hello.epoch).not.toBe(old);
    expect(b.hello.recent.map((m) => m.text)).toContain('kept across restarts');
  });
  it('reports sockets, frames, ticks and chat outcomes at /metrics', async () => {
    const metric = async (name: string) => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line ? Number(line.split(' ')[1]) : undefined;
    };
    const chatBefore = (await metric('hutong_realtime_chat_messages_total{outcome="accepted"}')) ?? 0;
    const a = await join();
    const open = viewers.filter((v) => v.ws.readyState === v.ws.OPEN).length;
    await until(async () => (await metric('hutong_realtime_sockets')) === open, 'the socket gauge to count every open socket', 10_000);
    expect(await metric('hutong_realtime_rooms')).toBeGreaterThanOrEqual(1);
    const ref = a.chat('counted');
    await a.waitFor((f) => f.t === 'ack' && f.ref === ref);
    a.chat('   ');
    await a.waitFor((f) => f.t === 'error' && f.code === 'REALTIME_CHAT_EMPTY');
    expect(await metric('hutong_realtime_chat_messages_total{outcome="accepted"}')).toBe(chatBefore + 1);
    expect(await metric('hutong_realtime_chat_messages_total{outcome="REALTIME_CHAT_EMPTY"}')).toBeGreaterThanOrEqual(1);
    await a.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'counted'));
    expect(await metric('hutong_realtime_frames_total')).toBeGreaterThan(0);
    expect(await metric('hutong_realtime_frame_bytes_total')).toBeGreaterThan(0);
    expect(await metric('hutong_realtime_tick_seconds_count')).toBeGreaterThan(0);
    await a.close();
    await until(async () => (await metric('hutong_realtime_sockets')) === open - 1, 'the socket gauge to drop', 10_000);
  });
});
