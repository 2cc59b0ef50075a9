import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom, tempDataDir } from './support';

/**
 * `npm run demo:stream` against a running hutong, with an "ffmpeg" that fails the way a stopped
 * real one does — an error line naming the RTMP URL, stream key included: the key never reaches
 * the terminal.
 */
describe('demo:stream', () => {
  let server: TestServer;
  let streamKey: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_DATA_DIR: tempDataDir() } });
    const { api, shopId, roomId } = await demoRoom(server);
    streamKey = (await api.get(`/api/v1/shops/${shopId}/rooms/${roomId}/stream-key`)).body.streamKey;
  });
  afterAll(() => server?.close());

  it("redacts the stream key from ffmpeg's error line", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hutong-fake-ffmpeg-'));
    const fake = join(dir, 'ffmpeg');
    // Like ffmpeg on Ctrl-C mid-publish: "rtmp://…/live/KEY: Broken pipe", then a non-zero exit.
    writeFileSync(fake, '#!/bin/sh\nfor last; do :; done\necho "[flv @ 0x55] Failed to update header with correct duration." >&2\necho "$last: Broken pipe" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-stream.ts'], {
      env: { ...process.env, HUTONG_FFMPEG: fake, HUTONG_DEMO_URL: server.url, HUTONG_DATA_DIR: tempDataDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('/live/<stream key>: Broken pipe');
    expect(out).not.toContain(streamKey);
  }, 60_000);
});
