import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEvent } from '../../src/contracts/room-events.schemas';
import { SALES_EVENTS_TOPIC } from '../../src/sales';
import { startTestServer, type TestServer } from '../support/server';
import { SseClient, type SseEvent } from '../support/sse-client';
import { demoRoom } from '../video/support';
import type { ApiClient } from '../support/http';

/**
 * The room's live event stream read by a plain HTTP client: events in order with ids, the audience
 * each second, a resume with Last-Event-ID that gets exactly what was missed (and a `gap` past the
 * window), the public/key split, the origin check, the per-IP limit and a slow reader dropped.
 */
const WINDOW = 20;

describe('the live event stream (SSE)', () => {
  let server: TestServer;
  let owner: ApiClient;
  let shopId: string;
  let roomId: string;
  let url: string;
  const open: SseClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { HUTONG_EVENT_STREAM_WINDOW: String(WINDOW), HUTONG_EVENT_STREAM_PER_IP: '6', HUTONG_EVENT_STREAM_BUFFER_BYTES: '65536' },
    });
    ({ api: owner, shopId, roomId } = await demoRoom(server));
    url = `${server.url}/api/v1/rooms/demo/events`;
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  const connect = async (headers: Record<string, string> = {}, query = '') => {
    const c = await SseClient.connect(url + query, headers);
    open.push(c);
    await c.waitFor((events) => events.length > 0);
    return c;
  };
  /** A room event a test can tell apart by its `count`. */
  const buying = (count: number): RoomEvent => ({ type: 'item.buying', itemId: '00000000-0000-4000-8000-000000000001', number: 1, title: 'Tea', count });
  const publish = (counts: number[]) => Promise.all(counts.map((n) => server.hutong.roomEvents.publish(roomId, buying(n))));
  const countsOf = (events: SseEvent[]) => events.filter((e) => e.event === 'item.buying').map((e) => JSON.parse(e.data).count);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('starts with hello (a resume point), then carries room events in order with ids, and the audience each second', async () => {
    const c = await connect();
    expect(c.events[0]).toMatchObject({ event: 'hello', id: expect.stringMatching(/^[a-z0-9]+-\d+$/) });
    expect(JSON.parse(c.events[0]!.data)).toEqual({ room: 'demo', keyed: false, window: WINDOW });
    await publish([1, 2, 3]);
    await c.waitFor((e) => countsOf(e).length === 3);
    expect(countsOf(c.events)).toEqual([1, 2, 3]);
    const ids = c.events.filter((e) => e.event === 'item.buying').map((e) => Number(e.id!.split('-')[1]));
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2]);
    await c.waitFor((e) => e.filter((x) => x.event === 'audience').length >= 2, 5_000);
    const audience = JSON.parse(c.events.find((e) => e.event === 'audience')!.data);
    expect(audience).toMatchObject({ online: expect.any(Number), views: expect.any(Number), unique: expect.any(Number), likes: expect.any(Number), pcu: expect.any(Number) });
    expect(c.events.find((e) => e.event === 'audience')!.id).toBeUndefined();
    c.close();
  });

  it('resumes with Last-Event-ID with exactly what was missed, then goes on live', async () => {
    const first = await connect();
    await publish([10, 11]);
    await first.waitFor((e) => countsOf(e).length === 2);
    const last = first.lastEventId!;
    first.close();
    await publish(range(12, 20));
    const again = await connect({ 'last-event-id': last });
    await again.waitFor((e) => countsOf(e).length === 9);
    expect(again.roomEvents.map((e) => e.event)).not.toContain('hello');
    expect(countsOf(again.events)).toEqual(range(12, 20));
    await publish([21]);
    await again.waitFor((e) => countsOf(e).length === 10);
    expect(countsOf(again.events)).toEqual(range(12, 21));

    // The same by query, for a first connection (EventSource sends the header only when it reconnects).
    const byQuery = await connect({}, `?lastEventId=${encodeURIComponent(last)}`);
    await byQuery.waitFor((e) => countsOf(e).length === 10);
    expect(countsOf(byQuery.events)).toEqual(range(12, 21));
    again.close();
    byQuery.close();
  });

  it('says gap (with a fresh resume point) when what was missed has left the window, or the id is not this node’s', async () => {
    const first = await connect();
    await publish([100]);
    await first.waitFor((e) => countsOf(e).length === 1);
    const last = first.lastEventId!;
    first.close();
    await publish(range(101, 101 + WINDOW));
    const late = await connect({ 'last-event-id': last });
    expect(late.events[0]).toMatchObject({ event: 'gap', id: expect.any(String) });
    expect(JSON.parse(late.events[0]!.data)).toMatchObject({ gap: 'expired', window: WINDOW });
    expect(countsOf(late.events)).toEqual([]);
    const foreign = await connect({ 'last-event-id': 'zzzzzz-5' });
    expect(JSON.parse(foreign.events[0]!.data)).toMatchObject({ gap: 'unknown' });
    late.close();
    foreign.close();
  });

  it('carries the room’s orders to its shop’s API key only; another shop’s key is refused', async () => {
    const key = (await owner.post(`/api/v1/shops/${shopId}/api-keys`, { name: 'stream' })).body.secret;
    const keyed = await connect({ authorization: `Bearer ${key}` });
    expect(JSON.parse(keyed.events[0]!.data)).toMatchObject({ keyed: true });
    const anon = await connect();
    const order = {
      id: '42', shopId, subjectId: randomUUID(), at: new Date().toISOString(), type: 'order.paid',
      data: {
        orderId: randomUUID(), buyerId: randomUUID(), roomId, showId: null, kind: 'regular', campaignId: null, state: 'paid',
        currency: 'CNY', totalMinor: 9900, paidMinor: 9900, refundedMinor: 0, units: 1, lines: [],
      },
    };
    await server.hutong.bus.publish(SALES_EVENTS_TOPIC, order);
    await publish([500]);
    await keyed.waitFor((e) => countsOf(e).includes(500));
    await anon.waitFor((e) => countsOf(e).includes(500));
    expect(keyed.roomEvents.map((e) => e.event)).toEqual(['hello', 'order.paid', 'item.buying']);
    expect(JSON.parse(keyed.roomEvents[1]!.data)).toMatchObject({ type: 'order.paid', data: { totalMinor: 9900, roomId } });
    expect(anon.roomEvents.map((e) => e.event)).toEqual(['hello', 'item.buying']);

    // A public stream resuming over the order skips it; the keyed one gets it back.
    const anonResume = await connect({ 'last-event-id': anon.roomEvents[0]!.id! });
    const keyedResume = await connect({ authorization: `Bearer ${key}`, 'last-event-id': keyed.roomEvents[0]!.id! });
    expect(anonResume.roomEvents.map((e) => e.event)).toEqual(['item.buying']);
    expect(keyedResume.roomEvents.map((e) => e.event)).toEqual(['order.paid', 'item.buying']);
    for (const c of [keyed, anon, anonResume, keyedResume]) c.close();

    const other = new (owner.constructor as typeof ApiClient)(server.url);
    await other.post('/api/v1/auth/signup', { email: 'other@example.com', password: 'another-password-1', displayName: 'Other' });
    const otherShop = (await other.post('/api/v1/shops', { slug: 'other-shop', name: 'Other' })).body.shop.id;
    const otherKey = (await other.post(`/api/v1/shops/${otherShop}/api-keys`, { name: 'x' })).body.secret;
    expect(await SseClient.open(url, { authorization: `Bearer ${otherKey}` })).toMatchObject({ status: 403, body: { error: { code: 'IDENTITY_FORBIDDEN' } } });
    expect(await SseClient.open(url, { authorization: 'Bearer nope' })).toMatchObject({ status: 401, body: { error: { code: 'IDENTITY_INVALID_API_KEY' } } });
  });

  it('lets a browser page of a listed origin read it (CORS) and refuses any other origin', async () => {
    await owner.request('PUT', `/api/v1/shops/${shopId}/embed-origins`, { origins: ['https://partner.example'] });
    const listed = await connect({ origin: 'https://partner.example' });
    expect(listed.res.headers['access-control-allow-origin']).toBe('https://partner.example');
    listed.close();
    expect(await SseClient.open(url, { origin: 'https://evil.example' })).toMatchObject({ status: 403, body: { error: { code: 'EMBED_ORIGIN_REFUSED' } } });
    expect(await SseClient.open(`${server.url}/api/v1/rooms/no-such-room/events`)).toMatchObject({ status: 404 });
  });

  it('holds at most HUTONG_EVENT_STREAM_PER_IP streams per address, and frees a place when one closes', async () => {
    // The streams closed above must have reached the server: wait until it holds none.
    for (const c of open) c.close();
    await expect.poll(() => server.hutong.eventStreams.held()).toBe(0);
    const held = [];
    for (let i = 0; i < 6; i++) held.push(await connect());
    expect(await SseClient.open(url)).toMatchObject({ status: 429, body: { error: { code: 'STREAM_TOO_MANY' } } });
    held[0]!.close();
    await expect.poll(async () => {
      const c = await SseClient.open(url);
      if (c instanceof SseClient) open.push(c);
      return c instanceof SseClient;
    }).toBe(true);
    for (const c of held) c.close();
  });

  it('drops a reader that stops reading once 64 kB wait for it, while a reader that keeps up gets every event', async () => {
    for (const c of open) c.close();
    await expect.poll(() => server.hutong.eventStreams.held()).toBe(0);
    const reader = await connect();
    const slow = await connect();
    slow.res.pause(); // reads nothing more: the kernel's buffers fill, then the server's
    let n = 1000;
    // Small batches with a turn of the event loop between them, as a room's ticks would come: the
    // reader that keeps up drains each, the paused one fills the kernel's buffers, then the server's.
    while (!server.logs.some((l) => l.includes('event stream dropped'))) {
      await publish(range(n, n + 19));
      n += 20;
      await new Promise((r) => setImmediate(r));
      if (n > 400_000) throw new Error('the slow reader was never dropped');
    }
    const line = JSON.parse(server.logs.find((l) => l.includes('event stream dropped'))!);
    expect(line.buffered).toBeGreaterThan(65_536);
    expect(line.buffered).toBeLessThan(65_536 + 1024);
    slow.res.resume(); // reading again, it finds the server closed the stream after what it had sent
    await expect.poll(() => slow.ended, { timeout: 30_000 }).toBe(true);
    // The reader that keeps up still has every event, in order.
    await reader.waitFor((e) => countsOf(e).length === n - 1000, 60_000);
    expect(countsOf(reader.events)).toEqual(range(1000, n - 1));
    reader.close();
  });
});
