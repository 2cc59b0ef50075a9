import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom, exitOf, ffmpegPath, freePort, publishTestPattern, tempDataDir, until } from './support';

/**
 * The encoder follows the host's decisions: rotating the key cuts off the publisher using the old
 * key, and ending the show by hand stops the encoder and the show at once; an encoder that
 * reconnects afterwards opens a new show (docs/video.md).
 */
const ffmpeg = ffmpegPath();

describe.skipIf(!ffmpeg)('video: cutting off the encoder', () => {
  let server: TestServer;
  let api: ApiClient;
  let rtmpPort: number;
  let roomPath: string;

  beforeAll(async () => {
    rtmpPort = await freePort();
    // A long grace period: nothing here may wait for it.
    server = await startTestServer({ env: { HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_SHOW_END_GRACE_SECONDS: '600', HUTONG_DATA_DIR: tempDataDir(), HUTONG_FFMPEG: 'off' } });
    await server.hutong.video.listen();
    const demo = await demoRoom(server);
    api = demo.api;
    roomPath = `/api/v1/shops/${demo.shopId}/rooms/${demo.roomId}`;
  });
  afterAll(() => server?.close());

  const publish = (key: string) => publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${key}`);
  const ingestState = async () => (await api.get(`${roomPath}/ingest`)).body.ingest.state as string;
  const liveShow = async () => (await api.get('/api/v1/rooms/demo/playback')).body.playback.show as { id: string; state: string };

  it('cuts off the publisher of the old key when the key is rotated', async () => {
    const { streamKey } = (await api.get(`${roomPath}/stream-key`)).body;
    const encoder = publish(streamKey);
    try {
      await until(async () => (await ingestState()) === 'publishing', 20_000, 'the stream to come in');
      expect((await api.post(`${roomPath}/stream-key/rotate`)).status).toBe(200);
      expect(await Promise.race([exitOf(encoder), new Promise((r) => setTimeout(() => r('still running'), 20_000))])).not.toBe('still running');
      await until(async () => (await ingestState()) !== 'publishing', 10_000, 'the ingest to lose the stream');
    } finally {
      encoder.kill('SIGKILL');
    }
  }, 90_000);

  it('stops the encoder and ends the show at once when the host ends it; a reconnect opens a new show', async () => {
    const { streamKey } = (await api.get(`${roomPath}/stream-key`)).body;
    const encoder = publish(streamKey);
    let again: ReturnType<typeof publish> | undefined;
    try {
      const show = await until(async () => ((await liveShow())?.state === 'live' && (await ingestState()) === 'publishing' ? liveShow() : null), 20_000, 'the show to go live');
      expect((await api.post(`${roomPath}/shows/${show.id}/end`)).body.show.state).toBe('ended');
      expect(await Promise.race([exitOf(encoder), new Promise((r) => setTimeout(() => r('still running'), 20_000))])).not.toBe('still running');
      // Ended here and now, not after the (600 s) grace period.
      await until(async () => (await ingestState()) === 'offline', 10_000, 'the ingest to go offline');
      again = publish(streamKey);
      const next = await until(async () => {
        const s = await liveShow();
        return s?.state === 'live' && s.id !== show.id ? s : null;
      }, 20_000, 'a new show');
      expect(next.id).not.toBe(show.id);
    } finally {
      encoder.kill('SIGKILL');
      again?.kill('SIGKILL');
    }
  }, 90_000);
});
