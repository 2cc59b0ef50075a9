import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import type { ApiClient } from '../support/http';
import { demoRoom, exitOf, ffmpegPath, freePort, publishTestPattern, tempDataDir, until } from './support';

/**
 * The embedded ingest end to end, without a browser: ffmpeg publishes RTMP with the room's key,
 * the show goes live, HTTP-FLV and HLS serve it; a wrong key is refused before any byte flows;
 * stopping ends the show after the (shortened) grace period and the recording becomes the replay.
 * node-media-server keeps module state: one server per file (Vitest runs each file in its own fork).
 */
const ffmpeg = ffmpegPath();

describe.skipIf(!ffmpeg)('video: embedded RTMP ingest', () => {
  let server: TestServer;
  let rtmpPort: number;
  let api: ApiClient;
  let roomPath: string;
  let shopId: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    rtmpPort = await freePort();
    server = await startTestServer({
      env: { HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_SHOW_END_GRACE_SECONDS: '2', HUTONG_DATA_DIR: dataDir },
    });
    expect(await server.hutong.video.listen()).toBe(rtmpPort);
    const demo = await demoRoom(server);
    api = demo.api;
    shopId = demo.shopId;
    roomPath = `/api/v1/shops/${demo.shopId}/rooms/${demo.roomId}`;
  });

  afterAll(async () => {
    await server?.close();
  });

  const playback = async () => (await api.get('/api/v1/rooms/demo/playback')).body.playback;

  it('refuses a wrong key: ffmpeg fails, the show stays offline, the playback URLs serve nothing', async () => {
    const { body: key } = await api.get(`${roomPath}/stream-key`);
    const wrong = key.streamKey.slice(0, -4) + (key.streamKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const ffmpegRun = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${wrong}`, { seconds: 5 });
    // Meanwhile a player waits on the room's FLV URL: it must not receive a byte.
    const flv = await fetch(`${server.url}/live/demo.flv`);
    expect(flv.status).toBe(404);
    expect((await flv.arrayBuffer()).byteLength).toBe(0);
    expect(await exitOf(ffmpegRun)).not.toBe(0);
    expect((await playback()).live).toBeNull();
    expect((await api.get(`${roomPath}/ingest`)).body.ingest.state).toBe('offline');
    const hls = await fetch(`${server.url}/hls/demo/index.m3u8`);
    expect(hls.status).toBe(404);
    expect(server.logs.join('\n')).not.toContain(wrong);
  });

  it('goes live on the right key, serves FLV and HLS with CORS, ends after the grace period and replays with chapters', async () => {
    const { body: key } = await api.get(`${roomPath}/stream-key`);
    expect(key.rtmpUrl).toMatch(/^rtmp:\/\//);
    let item: { id: string; title: string; kind?: string } | undefined;
    const encoder = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${key.streamKey}`);
    try {
      const live = await until(async () => (await playback()).live, 10_000, 'the show to go live');
      expect(live.flv).toBe('/live/demo.flv');
      expect((await playback()).show.state).toBe('live');

      // HTTP-FLV: an FLV header, then tags, with CORS for embedding players.
      const ctl = new AbortController();
      const flv = await fetch(`${server.url}/live/demo.flv`, { signal: ctl.signal, headers: { origin: 'https://elsewhere.example' } });
      expect(flv.status).toBe(200);
      expect(flv.headers.get('access-control-allow-origin')).toBe('*');
      const reader = flv.body!.getReader();
      let got = Buffer.alloc(0);
      while (got.length < 50_000) got = Buffer.concat([got, Buffer.from((await reader.read()).value!)]);
      expect(got.subarray(0, 3).toString()).toBe('FLV');
      ctl.abort();

      // The studio's view: bitrate, fps, resolution of the incoming stream.
      const ingest = await until(async () => {
        const i = (await api.get(`${roomPath}/ingest`)).body.ingest;
        return i.bitrateKbps > 0 && i.width ? i : null;
      }, 8000, 'ingest figures');
      expect(ingest).toMatchObject({ state: 'publishing', width: 640, height: 360 });
      expect(ingest.fps).toBeCloseTo(25, 0);

      // HLS: the packager's playlist with fMP4 segments.
      const m3u8 = await until(async () => {
        const r = await fetch(`${server.url}/hls/demo/index.m3u8`);
        const text = r.status === 200 ? await r.text() : '';
        return text.includes('.m4s') ? { text, r } : null;
      }, 15_000, 'the live HLS playlist');
      expect(m3u8.text).toContain('#EXT-X-MAP:URI="init.mp4"');
      expect(m3u8.r.headers.get('access-control-allow-origin')).toBe('*');
      const segment = /seg-\d{5}\.m4s/.exec(m3u8.text)![0];
      const seg = await fetch(`${server.url}/hls/demo/${segment}`);
      expect(seg.status).toBe(200);
      expect((await seg.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      // The host explains a product a moment into the show: a chapter of the replay.
      [item] = (await api.get(`${roomPath}/cart`)).body.items;
      if (!item) {
        const product = (await api.get(`/api/v1/shops/${shopId}/products`)).body.products[0];
        item = (await api.post(`${roomPath}/cart/items`, { productId: product.id })).body.item;
      }
      expect((await api.post(`${roomPath}/cart/pin`, { itemId: item!.id })).status).toBeLessThan(300);
      // Viewers play HTTP-FLV or HLS: even with the key, playing over RTMP is refused.
      const rtmpPlayer = spawn(ffmpeg!, ['-hide_banner', '-loglevel', 'error', '-i', `rtmp://127.0.0.1:${rtmpPort}/live/${key.streamKey}`, '-t', '1', '-f', 'null', '-'], { stdio: 'ignore' });
      expect(await exitOf(rtmpPlayer)).not.toBe(0);
      // Path games get nothing.
      expect((await fetch(`${server.url}/hls/demo/..%2F..%2Fstream-key.secret`)).status).toBe(404);
    } finally {
      encoder.kill('SIGINT');
      await exitOf(encoder);
    }

    // Within the grace period the show is still live (waiting for a reconnect)...
    expect((await playback()).show.state).toBe('live');
    expect((await api.get(`${roomPath}/ingest`)).body.ingest.state).toBe('reconnecting');
    // ...then it ends, and the recording is the replay.
    const ended = await until(async () => {
      const p = await playback();
      return p.show?.state === 'ended' ? p : null;
    }, 10_000, 'the show to end');
    expect(ended.live).toBeNull();
    expect(ended.replay.hls).toMatch(/^\/replays\/[0-9a-f-]+\/index\.m3u8$/);
    const replay = await fetch(server.url + ended.replay.hls);
    expect(replay.status).toBe(200);
    const text = await replay.text();
    expect(text).toContain('#EXT-X-ENDLIST');
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect((await fetch(`${server.url}/live/demo.flv`)).status).toBe(404);
    expect(ended.replay.chapters).toHaveLength(1);
    expect(ended.replay.chapters[0]).toMatchObject({ kind: item!.kind ?? 'product', title: item!.title });
    // Pinned after FLV, ingest figures and HLS were seen: seconds into the recording, not at 0.
    expect(ended.replay.chapters[0].offsetSeconds).toBeGreaterThan(1);
    expect(ended.replay.chapters[0].offsetSeconds).toBeLessThan(30);
    // A recording survives on disk under the data dir.
    const showId = ended.show.id;
    expect((await readFile(`${dataDir}/media/recordings/${showId}/index.m3u8`, 'utf8')).length).toBeGreaterThan(0);
  });
});
