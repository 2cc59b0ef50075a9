import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom, freePort, until } from './support';

/**
 * A node that crashed mid-show (no graceful end) finds the show still live when it starts again:
 * with the embedded ingest on PGlite (one node, so the show was this node's), it waits for the
 * encoder for the grace period and then ends the show. One server per file (node-media-server
 * keeps module state).
 */
describe('video: a show left live by a crash', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_RTMP_PORT: String(await freePort()), HUTONG_SHOW_END_GRACE_SECONDS: '1', HUTONG_FFMPEG: 'off' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ends after the grace period when no encoder comes back', async () => {
    const { roomId } = await demoRoom(server);
    // What the crashed process left behind: a live show nobody streams to.
    const { show } = await server.hutong.shows.goLive(roomId);
    await server.hutong.video.listen();
    expect(server.hutong.video.media.ingestStatus(roomId).state).toBe('reconnecting');
    const ended = await until(async () => (await server.hutong.shows.get(show.id))?.show.state === 'ended', 10_000, 'the orphaned show to end');
    expect(ended).toBe(true);
  });
});
