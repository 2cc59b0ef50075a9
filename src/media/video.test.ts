import { describe, expect, it } from 'vitest';
import { systemClock } from '../kernel/clock';
import type { Shows, StreamKeys } from '../live';
import type { Db } from '../platform/db/db.port';
import { createVideo } from './video';

/** Without ffmpeg, video still starts (HTTP-FLV needs none) and the log says why HLS is off. */
describe('video without ffmpeg', () => {
  const options = { ingest: 'external' as const, host: '127.0.0.1', rtmpPort: 1935, showEndGraceMs: 1000, dataDir: '/nonexistent' };
  const deps = (warnings: string[]) => ({
    db: {} as Db,
    shows: {} as Shows,
    streamKeys: {} as StreamKeys,
    clock: systemClock,
    log: { warn: (_o: object, msg: string) => void warnings.push(msg), info() {} },
  });

  it('says HLS and recording are off when the ffmpeg binary cannot run', async () => {
    const warnings: string[] = [];
    const video = await createVideo({ ...options, ffmpeg: '/nonexistent/ffmpeg' }, deps(warnings));
    expect(video.media.hlsEnabled).toBe(false);
    expect(warnings.join('\n')).toMatch(/HLS and recording are off: '\/nonexistent\/ffmpeg' cannot run .*HTTP-FLV still plays/);
    await video.close();
  });

  it('says so too when HUTONG_FFMPEG=off', async () => {
    const warnings: string[] = [];
    const video = await createVideo({ ...options, ffmpeg: 'off' }, deps(warnings));
    expect(video.media.hlsEnabled).toBe(false);
    expect(warnings.join('\n')).toContain('HUTONG_FFMPEG=off');
    await video.close();
  });
});

describe('video ingest port', () => {
  it('says which setting to change when the RTMP port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const video = await createVideo(
      { ingest: 'embedded', host: '127.0.0.1', rtmpPort: port, showEndGraceMs: 1000, dataDir: '/nonexistent', ffmpeg: 'off' },
      { db: {} as Db, shows: {} as Shows, streamKeys: {} as StreamKeys, clock: systemClock, log: { warn() {}, info() {} } },
    );
    await expect(video.listen()).rejects.toThrow(`the RTMP port 127.0.0.1:${port} is in use: set HUTONG_RTMP_PORT`);
    await video.close();
    await new Promise((r) => blocker.close(r));
  });
});
