import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom, tempDataDir } from './support';

/** Shows and stream keys over the API: who may see and rotate keys, scheduling, what visitors read. */
describe('video API: shows and stream keys', () => {
  let server: TestServer;
  let owner: ApiClient;
  let roomPath: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_DATA_DIR: tempDataDir() } });
    const demo = await demoRoom(server);
    owner = demo.api;
    roomPath = `/api/v1/shops/${demo.shopId}/rooms/${demo.roomId}`;
  });
  afterAll(() => server?.close());

  it("lets the shop's host reveal the same key as the owner, and never caches it", async () => {
    const host = new ApiClient(server.url);
    await host.login(server.seed.hostEmail, server.seed.ownerPassword);
    const a = await owner.get(`${roomPath}/stream-key`);
    const b = await host.get(`${roomPath}/stream-key`);
    expect(a.status).toBe(200);
    expect(b.body.streamKey).toBe(a.body.streamKey);
    expect(a.headers.get('cache-control')).toBe('no-store');
    expect(a.body.rtmpUrl).toMatch(/^rtmp:\/\/[^/]+\/live$/);
  });

  it('refuses the key to visitors, staff and other shops', async () => {
    expect((await new ApiClient(server.url).get(`${roomPath}/stream-key`)).status).toBe(401);
    // A staff member of the same shop.
    const staff = new ApiClient(server.url);
    await staff.post('/api/v1/auth/signup', { email: 'staff@video.test', password: 'a-long-password-1', displayName: 'Staff' });
    const shopId = roomPath.split('/')[4];
    expect((await owner.post(`/api/v1/shops/${shopId}/members`, { email: 'staff@video.test', role: 'staff' })).status).toBe(201);
    expect((await staff.get(`${roomPath}/stream-key`)).status).toBe(403);
    expect((await staff.post(`${roomPath}/stream-key/rotate`)).status).toBe(403);
    // The owner of another shop, using this shop's room id under their own shop.
    const other = new ApiClient(server.url);
    await other.post('/api/v1/auth/signup', { email: 'other@video.test', password: 'a-long-password-2', displayName: 'Other' });
    const theirs = await other.post('/api/v1/shops', { slug: 'other-video-shop', name: 'Other' });
    expect(theirs.status).toBe(201);
    const crossed = roomPath.replace(shopId!, theirs.body.shop.id);
    expect((await other.get(crossed + '/stream-key')).body.error.code).toBe('LIVE_ROOM_NOT_FOUND');
    expect((await other.get(roomPath + '/stream-key')).status).toBe(403);
  });

  it('rotates: the new key differs and is what reveal shows from then on', async () => {
    const before = (await owner.get(`${roomPath}/stream-key`)).body.streamKey;
    const rotated = await owner.post(`${roomPath}/stream-key/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.streamKey).not.toBe(before);
    expect((await owner.get(`${roomPath}/stream-key`)).body.streamKey).toBe(rotated.body.streamKey);
    expect(await server.hutong.streamKeys.authenticate(before)).toBeNull();
  });

  it('schedules a show that visitors see with its cover and time, and cancels it', async () => {
    const at = new Date(Date.now() + 3600_000).toISOString();
    const bad = await owner.post(`${roomPath}/shows`, { title: '', scheduledAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    const made = await owner.post(`${roomPath}/shows`, { title: '夏日清仓', coverUrl: 'https://img.example/c.jpg', scheduledAt: at });
    expect(made.status).toBe(201);
    expect(made.body.show).toMatchObject({ state: 'scheduled', title: '夏日清仓', coverUrl: 'https://img.example/c.jpg' });
    const seen = (await new ApiClient(server.url).get('/api/v1/rooms/demo/playback')).body.playback;
    expect(seen).toMatchObject({ show: { id: made.body.show.id, state: 'scheduled' }, live: null, replay: null });
    expect(new Date(seen.show.scheduledAt).toISOString()).toBe(at);
    const cancelled = await owner.post(`${roomPath}/shows/${made.body.show.id}/cancel`);
    expect(cancelled.body.show.state).toBe('cancelled');
    // A cancelled show is not presented to visitors as one that ran.
    const after = (await new ApiClient(server.url).get('/api/v1/rooms/demo/playback')).body.playback;
    expect(after.show?.id).not.toBe(made.body.show.id);
    const listed = (await owner.get(`${roomPath}/shows`)).body.shows.find((s: { id: string }) => s.id === made.body.show.id);
    expect(listed.state).toBe('cancelled');
    const again = await owner.post(`${roomPath}/shows/${made.body.show.id}/cancel`);
    expect(again.body.error.code).toBe('LIVE_SHOW_NOT_CANCELLABLE');
  });

  it('refuses to schedule a show in the past', async () => {
    const past = await owner.post(`${roomPath}/shows`, { title: '昨日', scheduledAt: new Date(Date.now() - 3600_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('LIVE_SHOW_IN_PAST');
    expect((await owner.get(`${roomPath}/shows`)).body.shows.some((s: { title: string }) => s.title === '昨日')).toBe(false);
  });

  it('lets the host end a show left live (as after a crash), once, and announces it', async () => {
    const roomId = roomPath.split('/')[6]!;
    const events: unknown[] = [];
    const off = await server.hutong.roomEvents.subscribe(roomId, (e) => events.push(e));
    const { show } = await server.hutong.shows.goLive(roomId);
    expect((await new ApiClient(server.url).post(`${roomPath}/shows/${show.id}/end`)).status).toBe(401);
    const ended = await owner.post(`${roomPath}/shows/${show.id}/end`);
    expect(ended.body.show).toMatchObject({ id: show.id, state: 'ended' });
    expect((await owner.post(`${roomPath}/shows/${show.id}/end`)).body.show.state).toBe('ended');
    await off();
    expect(events).toEqual([
      { type: 'show.state', showId: show.id, state: 'live' },
      { type: 'show.state', showId: show.id, state: 'ended' },
    ]);
  });

  it('reports the ingest offline and serves no stream while nothing is published', async () => {
    expect((await owner.get(`${roomPath}/ingest`)).body.ingest).toEqual({ state: 'offline', bitrateKbps: null, fps: null, width: null, height: null });
    const flv = await fetch(`${server.url}/live/demo.flv`);
    expect(flv.status).toBe(404);
    expect(flv.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${server.url}/live/no-such-room.flv`)).status).toBe(404);
    // Without the suffix, /live/demo is the web app's page, not the stream.
    const page = await fetch(`${server.url}/live/demo`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});
