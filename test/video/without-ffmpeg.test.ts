import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom, exitOf, ffmpegPath, freePort, publishTestPattern, tempDataDir, until } from './support';

/**
 * hutong without its packager (HUTONG_FFMPEG=off, as on a machine without ffmpeg): an encoder
 * (ffmpeg here, standing in for OBS) still goes live and HTTP-FLV plays; HLS is not offered and
 * the log says why.
 */
const ffmpeg = ffmpegPath();

describe.skipIf(!ffmpeg)('video: HTTP-FLV without the HLS packager', () => {
  let server: TestServer;
  let rtmpPort: number;

  beforeAll(async () => {
    rtmpPort = await freePort();
    server = await startTestServer({
      env: { HUTONG_FFMPEG: 'off', HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_SHOW_END_GRACE_SECONDS: '1', HUTONG_DATA_DIR: tempDataDir() },
    });
    await server.hutong.video.listen();
  });
  afterAll(() => server?.close());

  it('goes live and serves HTTP-FLV, offers no HLS, and logs why', async () => {
    expect(server.logs.join('\n')).toContain('HLS and recording are off: HUTONG_FFMPEG=off (HTTP-FLV still plays)');
    const { api, shopId, roomId } = await demoRoom(server);
    const { body: key } = await api.get(`/api/v1/shops/${shopId}/rooms/${roomId}/stream-key`);
    const encoder = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${key.streamKey}`);
    try {
      const live = await until(async () => (await api.get('/api/v1/rooms/demo/playback')).body.playback.live, 10_000, 'live');
      expect(live).toEqual({ flv: '/live/demo.flv', hls: null });
      const head = await new Promise<Buffer>((resolve, reject) => {
        const req = get(`${server.url}/live/demo.flv`, (res) => {
          let got = Buffer.alloc(0);
          res.on('data', (d: Buffer) => {
            got = Buffer.concat([got, d]);
            if (got.length >= 1000) {
              req.destroy();
              resolve(got);
            }
          });
        });
        req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      });
      expect(head.subarray(0, 3).toString()).toBe('FLV');
      expect((await fetch(`${server.url}/hls/demo/index.m3u8`)).status).toBe(404);
    } finally {
      encoder.kill('SIGINT');
      await exitOf(encoder);
    }
    const ended = await until(async () => {
      const p = (await api.get('/api/v1/rooms/demo/playback')).body.playback;
      return p.show?.state === 'ended' ? p : null;
    }, 10_000, 'the show to end');
    expect(ended.replay).toBeNull(); // nothing was recorded
  });
});
