import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import type { ApiClient } from '../support/http';
import { demoRoom, exitOf, ffmpegPath, freePort, publishTestPattern, tempDataDir, until } from './support';

/**
 * Real encoder, real player: the host schedules a show and reads the stream key in the studio,
 * ffmpeg publishes with that key, headless Chromium plays the room page over HTTP-FLV (mpegts.js)
 * and over HLS (hls.js) — video.currentTime advances — and after the stop and the (shortened)
 * grace period the replay plays. Screenshots go to test-results/video/.
 */
const ffmpeg = ffmpegPath();
const executablePath = chromiumPath();
const shots = 'test-results/video';

describe.skipIf(!ffmpeg || !executablePath)('video: going live and watching in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let api: ApiClient;
  let rtmpPort: number;
  let roomId: string;
  const contexts: BrowserContext[] = [];
  /** Every Content-Security-Policy refusal any page reported (the pages must play under the CSP). */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    rtmpPort = await freePort();
    server = await startTestServer({
      env: { HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_SHOW_END_GRACE_SECONDS: '2', HUTONG_DATA_DIR: tempDataDir() },
    });
    await server.hutong.video.listen();
    ({ api, roomId } = await demoRoom(server));
    browser = await chromium.launch({
      executablePath,
      args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function openPage(path: string, o: { phone?: boolean; login?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: o.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    if (o.login) {
      await page.goto('/login');
      await page.locator('input[name=email]').fill(server.seed.ownerEmail);
      await page.locator('input[name=password]').fill(server.seed.ownerPassword);
      await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    }
    await page.goto(path);
    return page;
  }

  /**
   * Samples the room's <video>: which engine plays it, and how far its clock moved once it moved
   * more than `seconds` (however long a loaded machine takes to play them; at most 30 s).
   */
  async function playsFor(page: Page, seconds: number): Promise<{ engine: string; advanced: number }> {
    await page.locator('.player-video').waitFor();
    const now = () => page.locator('.player-video').evaluate((v: HTMLVideoElement) => v.currentTime);
    const t0 = await until(async () => Math.max(await now(), 0), 20_000, 'playback to start');
    const moved = async () => ((await now()) - t0 > seconds ? now() : 0);
    const t1 = await until(moved, 30_000, `${seconds} s of playback`).catch(() => now());
    const engine = (await page.locator('.player-surface').getAttribute('data-engine')) ?? '';
    return { engine, advanced: t1 - t0 };
  }

  let encoder: ReturnType<typeof publishTestPattern> | undefined;

  it('shows the scheduled show with its title and a countdown before it starts', async () => {
    const at = new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString();
    const { status } = await api.post(`/api/v1/shops/${(await api.get('/api/v1/me')).body.memberships[0].shop.id}/rooms/${roomId}/shows`, {
      title: '春季新品发布会',
      scheduledAt: at,
    });
    expect(status).toBe(201);
    const page = await openPage('/live/demo', { phone: true });
    await expect.poll(() => page.locator('.player-show-title').textContent()).toBe('春季新品发布会');
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/^02:0[45]:\d\d$/);
    await page.screenshot({ path: `${shots}/viewer-countdown.png` });
  });

  it('lets the host reveal the key in the studio; publishing with it turns the studio LIVE with the stream figures', async () => {
    const studio = await openPage(`/studio/rooms/${roomId}/live`, { login: true });
    await expect.poll(() => studio.getByTestId('stream-key').inputValue()).toBe(zh.golive.hiddenKey);
    await studio.getByRole('button', { name: zh.golive.reveal, exact: true }).click();
    await expect.poll(() => studio.getByTestId('stream-key').inputValue()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const key = await studio.getByTestId('stream-key').inputValue();
    const server_ = await studio.getByTestId('rtmp-url').inputValue();
    expect(server_).toMatch(/^rtmp:\/\/.+\/live$/);

    // The host schedules today's show in the studio: it starts before the one scheduled by the API,
    // so it is the one that goes live. A bad cover address is refused in the form first.
    const inOneHour = new Date(Date.now() + 3600_000);
    const local = new Date(inOneHour.getTime() - inOneHour.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await studio.locator('input[name=title]').fill('今晚好物');
    await studio.locator('input[name=coverUrl]').fill('javascript:alert(1)');
    await studio.locator('input[name=scheduledAt]').fill(local);
    await studio.getByRole('button', { name: zh.golive.scheduleSubmit, exact: true }).click();
    await expect.poll(() => studio.getByText(zh.golive.invalidCover).count()).toBe(1);
    await studio.locator('input[name=coverUrl]').fill('');
    await studio.getByRole('button', { name: zh.golive.scheduleSubmit, exact: true }).click();
    await expect.poll(() => studio.locator('tr[data-state=scheduled]').count()).toBe(2);

    encoder = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${key}`);
    await expect.poll(() => studio.getByTestId('ingest-state').textContent(), { timeout: 15_000 }).toBe(zh.golive.statusLive);
    await expect.poll(() => studio.getByTestId('ingest-resolution').textContent(), { timeout: 10_000 }).toBe('640×360');
    // The show the host scheduled for today is the one that went live.
    await expect.poll(() => studio.locator('tr[data-state=live] td').first().textContent()).toBe('今晚好物');
    await expect.poll(() => studio.getByTestId('ingest-bitrate').textContent(), { timeout: 10_000 }).toMatch(/^\d+ Kbps$/);
    // The preview is the viewer's player.
    await until(() => studio.locator('.console-preview .player-video').evaluate((v: HTMLVideoElement) => v.currentTime > 0), 20_000, 'the preview to play');
    await studio.screenshot({ path: `${shots}/studio-live.png`, fullPage: true });
  });

  it('plays the live room over HTTP-FLV (mpegts.js) by default', async () => {
    const page = await openPage('/live/demo', { phone: true });
    const { engine, advanced } = await playsFor(page, 1);
    expect(engine).toBe('flv');
    expect(advanced).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.room-badge-live').textContent()).toBe(zh.player.live);
    await page.screenshot({ path: `${shots}/viewer-live-flv.png` });
  });

  it('plays the live room over HLS (hls.js) as the fallback', async () => {
    const page = await openPage('/live/demo?player=hls', { phone: true });
    const { engine, advanced } = await playsFor(page, 1);
    expect(engine).toBe('hls');
    expect(advanced).toBeGreaterThan(1);
    await page.screenshot({ path: `${shots}/viewer-live-hls.png` });
  });

  it('switches to HLS by itself when HTTP-FLV fails (a proxy, or another server process)', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    await context.route('**/live/demo.flv', (route) => route.fulfill({ status: 404, body: '' }));
    const page = await context.newPage();
    await page.goto('/live/demo');
    await expect.poll(() => page.locator('.player-surface').getAttribute('data-engine'), { timeout: 15_000 }).toBe('hls');
    const { advanced } = await playsFor(page, 0.8);
    expect(advanced).toBeGreaterThan(0.8);
  });

  it('ends the show after the grace period once the stream stops, and then plays the replay with its chapters', async () => {
    // The host explains a product (pins it) a few seconds into the show: a chapter of the replay.
    const shopId = (await api.get('/api/v1/me')).body.memberships[0].shop.id;
    const cartPath = `/api/v1/shops/${shopId}/rooms/${roomId}/cart`;
    let [item] = (await api.get(cartPath)).body.items;
    if (!item) {
      const product = (await api.get(`/api/v1/shops/${shopId}/products`)).body.products[0];
      item = (await api.post(`${cartPath}/items`, { productId: product.id })).body.item;
    }
    expect((await api.post(`${cartPath}/pin`, { itemId: item.id })).status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 1500));
    encoder!.kill('SIGINT');
    await exitOf(encoder!);
    await until(async () => (await api.get('/api/v1/rooms/demo/playback')).body.playback.replay, 15_000, 'the replay');
    // The API-scheduled show is still to come: its countdown shows, with the replay one tap away.
    const page = await openPage('/live/demo', { phone: true });
    await expect.poll(() => page.locator('.player-show-title').textContent()).toBe('春季新品发布会');
    const watch = page.locator('.player-watch-replay');
    expect(await watch.textContent()).toBe(zh.player.watchReplay.replace('{{title}}', '今晚好物'));
    await watch.click();
    await expect.poll(() => page.locator('.player').getAttribute('data-state')).toBe('replay');
    const { engine, advanced } = await playsFor(page, 0.8);
    expect(engine).toBe('hls');
    expect(advanced).toBeGreaterThan(0.8);
    const chapter = page.locator('.player-chapters button');
    await expect.poll(() => chapter.textContent()).toContain(item.title);
    const { chapters } = (await api.get('/api/v1/rooms/demo/playback')).body.playback.replay;
    expect(chapters[0].offsetSeconds).toBeGreaterThan(3);
    await page.locator('.player-video').evaluate((v: HTMLVideoElement) => (v.currentTime = 0));
    await chapter.click();
    const at = await page.locator('.player-video').evaluate((v: HTMLVideoElement) => v.currentTime);
    // It plays on after the seek: on a loaded machine a second or so may pass before this reads it.
    expect(Math.abs(at - chapters[0].offsetSeconds)).toBeLessThan(2);
    await page.screenshot({ path: `${shots}/viewer-replay.png` });
  });

  it('played live and replay under the page CSP without a single refusal (blob workers, MediaSource, the socket)', async () => {
    const res = await fetch(`${server.url}/rooms/demo`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(cspViolations).toEqual([]);
  });
});
