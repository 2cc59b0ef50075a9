import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import type { ApiClient } from '../support/http';
import { demoRoom, exitOf, ffmpegPath, freePort, publishTestPattern, tempDataDir, until } from './support';

/**
 * External media server mode against Debian's nginx + libnginx-mod-rtmp: nginx accepts RTMP and
 * asks hutong (on_publish, form-encoded) whether the stream key is good; hutong pulls the accepted
 * stream into HTTP-FLV, HLS and the recording. nginx runs with its own config in a temp dir, on
 * free ports, in the foreground, and is stopped with the suite. The config is docs/video.md's.
 */
const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

function nginxPath(): string | undefined {
  if (spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0 && existsSync(RTMP_MODULE)) return 'nginx';
  if (process.env.HUTONG_TEST_REQUIRE_SERVICES === '1') throw new Error('nginx + libnginx-mod-rtmp are required: npm run setup:system');
  console.warn("[skip] nginx with the RTMP module not installed: run 'npm run setup:system'");
  return undefined;
}

/** docs/video.md's nginx.conf, with the test's ports and paths. */
export const nginxConf = (o: { dir: string; rtmpPort: number; hutong: string }) => `
load_module ${RTMP_MODULE};
worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 256; }

rtmp {
  server {
    listen 127.0.0.1:${o.rtmpPort};
    chunk_size 4096;
    application live {
      live on;
      record off;
      # hutong checks the stream key: 2xx accepts the publish, 4xx refuses it.
      on_publish ${o.hutong}/api/v1/media/hooks/nginx/publish;
      on_publish_done ${o.hutong}/api/v1/media/hooks/nginx/publish-done;
      notify_method post;
      # Only hutong's packager, on this machine, may play from nginx.
      allow play 127.0.0.1;
      deny play all;
    }
  }
}
`;

const nginx = nginxPath();
const ffmpeg = ffmpegPath();

describe.skipIf(!nginx || !ffmpeg)('video: external media server (nginx-rtmp) with hutong hooks', () => {
  let server: TestServer;
  let api: ApiClient;
  let roomPath: string;
  let nginxProc: ChildProcess;
  let rtmpPort: number;
  let dir: string;

  beforeAll(async () => {
    dir = tempDataDir();
    rtmpPort = await freePort();
    server = await startTestServer({
      env: {
        HUTONG_INGEST: 'external',
        HUTONG_EXTERNAL_RTMP_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
        HUTONG_SHOW_END_GRACE_SECONDS: '2',
        HUTONG_DATA_DIR: dir,
      },
    });
    expect(await server.hutong.video.listen()).toBeNull(); // no embedded ingest in external mode
    const demo = await demoRoom(server);
    api = demo.api;
    roomPath = `/api/v1/shops/${demo.shopId}/rooms/${demo.roomId}`;
    writeFileSync(join(dir, 'nginx.conf'), nginxConf({ dir, rtmpPort, hutong: server.url }));
    nginxProc = spawn(nginx!, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off; master_process off;'], { stdio: 'ignore' });
    await until(async () => new Promise<boolean>((resolve) => {
      const s = connect(rtmpPort, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    }), 10_000, 'nginx to listen');
  });

  afterAll(async () => {
    nginxProc?.kill('SIGQUIT');
    if (nginxProc) await exitOf(nginxProc);
    await server?.close();
  });

  const playback = async () => (await api.get('/api/v1/rooms/demo/playback')).body.playback;

  it('refuses a wrong key through on_publish: ffmpeg fails and the show stays offline', async () => {
    const { body: key } = await api.get(`${roomPath}/stream-key`);
    const wrong = key.streamKey.slice(0, -4) + (key.streamKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const run = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${wrong}`, { seconds: 5 });
    expect(await exitOf(run)).not.toBe(0);
    expect((await playback()).live).toBeNull();
    expect((await fetch(`${server.url}/live/demo.flv`)).status).toBe(404);
  });

  it('goes live through on_publish, plays FLV and HLS from hutong, and ends through on_publish_done', async () => {
    const { body: key } = await api.get(`${roomPath}/stream-key`);
    const encoder = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${key.streamKey}`);
    try {
      await until(async () => (await playback()).live, 10_000, 'the show to go live');
      const flv = await until(async () => {
        const ctl = new AbortController();
        const r = await fetch(`${server.url}/live/demo.flv`, { signal: ctl.signal });
        if (r.status !== 200) return null;
        const reader = r.body!.getReader();
        let got = Buffer.alloc(0);
        while (got.length < 20_000) {
          const { value, done } = await reader.read();
          if (done) break;
          got = Buffer.concat([got, Buffer.from(value)]);
        }
        ctl.abort();
        return got.length >= 20_000 ? got : null;
      }, 15_000, 'HTTP-FLV from the pulled stream');
      expect(flv.subarray(0, 3).toString()).toBe('FLV');
      await until(async () => {
        const r = await fetch(`${server.url}/hls/demo/index.m3u8`);
        return r.status === 200 && (await r.text()).includes('.m4s');
      }, 15_000, 'the live HLS playlist');
      const ingest = (await api.get(`${roomPath}/ingest`)).body.ingest;
      expect(ingest).toMatchObject({ state: 'publishing', width: 640, height: 360 });
    } finally {
      encoder.kill('SIGINT');
      await exitOf(encoder);
    }
    const ended = await until(async () => {
      const p = await playback();
      return p.show?.state === 'ended' ? p : null;
    }, 15_000, 'the show to end');
    const replay = await fetch(server.url + ended.replay.hls);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toContain('#EXT-X-ENDLIST');
  });

  it('speaks SRS http_hooks too: {"code":0} for a good key, a refusal otherwise', async () => {
    const { body: key } = await api.get(`${roomPath}/stream-key`);
    const bad = await api.post('/api/v1/media/hooks/srs', { action: 'on_publish', app: 'live', stream: 'nope-not-a-key-at-all-000' });
    expect(bad.status).not.toBe(200);
    const good = await api.post('/api/v1/media/hooks/srs', { action: 'on_publish', app: 'live', stream: key.streamKey, client_id: 'x1' });
    expect(good).toMatchObject({ status: 200, body: { code: 0 } });
    expect((await playback()).show.state).toBe('live');
    const done = await api.post('/api/v1/media/hooks/srs', { action: 'on_unpublish', app: 'live', stream: key.streamKey });
    expect(done.body).toEqual({ code: 0 });
    await until(async () => (await playback()).show?.state === 'ended', 15_000, 'the show to end');
  });
});
