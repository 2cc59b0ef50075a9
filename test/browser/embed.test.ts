import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { startHostPage, type HostPage } from '../support/host-page';
import { TestViewer } from '../realtime/socket-client';
import type { ChildProcess } from 'node:child_process';
import { makeBuyers } from '../sales/buyers';
import { demoRoom, ffmpegPath, freePort, publishTestPattern, tempDataDir } from '../video/support';
import type { ApiClient } from '../support/http';

/**
 * The room embedded in other websites, in Chromium: a page on another site (localhost, while hutong
 * is on 127.0.0.1) whose origin the shop listed shows the room in an iframe and chats in it; a page
 * whose origin is not listed gets nothing (the browser refuses the frame: frame-ancestors). The
 * `<hutong-live>` element of embed.js plays the stream (ffmpeg → RTMP → HTTP-FLV) and tells its page,
 * as DOM events, that the show started and an item was pinned.
 */
const executablePath = chromiumPath();
const ffmpeg = executablePath ? ffmpegPath() : undefined;
const shots = 'test-results/screens';

const iframePage = (src: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Partner shop</title>
<style>body{font:16px system-ui;margin:16px;background:#f4f1ea}iframe{border:0;width:390px;height:720px;border-radius:12px}</style></head>
<body><h1>Partner shop</h1><p>Our live room, right here:</p>
<iframe id="room" src="${src}" allow="autoplay; fullscreen"></iframe>
<ol id="events"></ol>
<script>addEventListener('message', (e) => { if (e.data && e.data.hutong) { const li = document.createElement('li'); li.textContent = e.data.event + ' ' + JSON.stringify(e.data.detail); document.getElementById('events').append(li); } });</script>
</body></html>`;

/** The one-tag embed: embed.js and the element, with a listener that lists the element's events. */
const elementPage = (base: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Partner blog</title>
<style>body{font:16px system-ui;margin:16px;background:#eef2f5;display:flex;gap:24px}hutong-live{flex:none;width:390px;height:720px;border-radius:12px;overflow:hidden}</style></head>
<body><hutong-live room="demo"></hutong-live>
<div><h1>Tea notes</h1><p>Watch our tasting live.</p><ol id="events"></ol></div>
<script src="${base}/embed.js" async></script>
<script>for (const name of ['ready', 'live.started', 'live.ended', 'item.pinned', 'item.opened']) document.querySelector('hutong-live').addEventListener('hutong:' + name, (e) => {
  const li = document.createElement('li'); li.textContent = name + ' ' + JSON.stringify(e.detail); document.getElementById('events').append(li); });</script>
</body></html>`;

describe.skipIf(!executablePath || !ffmpeg)('web: the room embedded in another site', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: ApiClient;
  let shopId: string;
  let allowed: HostPage;
  let refused: HostPage;
  let withElement: HostPage;
  let sameSite: HostPage;
  let roomId: string;
  const contexts: BrowserContext[] = [];
  const encoders: ChildProcess[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const [rtmpPort, port] = [await freePort(), await freePort()];
    // The sandbox payment page sends the buyer back to HUTONG_PUBLIC_URL: this server's own address.
    server = await startTestServer({
      port,
      env: { HUTONG_SECRET: 'e'.repeat(40), HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_DATA_DIR: tempDataDir(), HUTONG_PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    await server.hutong.video.listen();
    ({ api: owner, shopId, roomId } = await demoRoom(server));
    allowed = await startHostPage(iframePage(`${server.url}/embed/demo`));
    refused = await startHostPage(iframePage(`${server.url}/embed/demo`));
    withElement = await startHostPage(elementPage(server.url));
    sameSite = await startHostPage(iframePage(`${server.url}/embed/demo`), '127.0.0.1');
    const res = await owner.request('PUT', `/api/v1/shops/${shopId}/embed-origins`, { origins: [allowed.origin, withElement.origin, sameSite.origin] });
    expect(res.status).toBe(200);
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required'] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    for (const e of encoders) e.kill('SIGKILL');
    await browser?.close();
    await withElement?.close();
    await sameSite?.close();
    await allowed?.close();
    await refused?.close();
    await server?.close();
  });

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 900, height: 860 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  const roomFrame = async (page: Page): Promise<Frame> => {
    await expect.poll(() => page.frames().length).toBe(2);
    return page.frames()[1]!;
  };

  it('shows the room inside a listed site, chats both ways and tells the page it is ready', async () => {
    const page = await open(allowed.origin);
    const frame = await roomFrame(page);
    await frame.getByTestId('room').waitFor();
    expect(new URL(frame.url()).pathname).toBe('/embed/demo');
    await expect.poll(() => page.locator('#events li').first().textContent()).toBe('ready {"room":"demo"}');

    const other = await TestViewer.join(server.url, 'demo');
    try {
      await frame.getByLabel(zh.chat.placeholder).fill('从合作网站来的');
      await frame.getByRole('button', { name: zh.chat.send, exact: true }).click();
      await other.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === '从合作网站来的'));
      other.chat('欢迎！');
      await expect.poll(() => frame.locator('.livechat-text').allTextContents()).toContain('欢迎！');
    } finally {
      await other.close();
    }
    await page.screenshot({ path: `${shots}/embed-iframe-allowed.png` });
  });

  it('refuses a site the shop did not list: the frame stays empty', async () => {
    const page = await open('about:blank');
    const refusals: string[] = [];
    page.on('console', (m) => refusals.push(m.text()));
    await page.goto(refused.origin);
    const frame = await roomFrame(page);
    await expect.poll(() => refusals.some((t) => t.includes('frame-ancestors'))).toBe(true);
    expect(frame.url()).not.toContain('/embed/demo');
    expect(await page.locator('#events li').count()).toBe(0);
    await page.screenshot({ path: `${shots}/embed-iframe-refused.png` });
  });

  it('follows the list as the shop changes it: removed, the listed site is refused too', async () => {
    await owner.request('PUT', `/api/v1/shops/${shopId}/embed-origins`, { origins: [] });
    try {
      const page = await open('about:blank');
      const refusals: string[] = [];
      page.on('console', (m) => refusals.push(m.text()));
      await page.goto(allowed.origin);
      const frame = await roomFrame(page);
      await expect.poll(() => refusals.some((t) => t.includes('frame-ancestors'))).toBe(true);
      expect(frame.url()).not.toContain('/embed/demo');
    } finally {
      await owner.request('PUT', `/api/v1/shops/${shopId}/embed-origins`, { origins: [allowed.origin, withElement.origin, sameSite.origin] });
    }
  });

  it('<hutong-live> plays the show and tells its page, as DOM events, that it started and what is pinned', async () => {
    const page = await open(withElement.origin);
    const events = page.locator('#events li');
    await expect.poll(() => events.first().textContent()).toBe('ready {"room":"demo"}');
    // No globals: the page's window has gained nothing but what its own scripts defined.
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /hutong|embed/i.test(k)))).toEqual([]);

    const key = (await owner.get(`/api/v1/shops/${shopId}/rooms/${roomId}/stream-key`)).body;
    encoders.push(publishTestPattern(ffmpeg!, `${key.rtmpUrl}/${key.streamKey}`, { size: '270x480', rate: 10 }));
    await expect.poll(() => events.allTextContents(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^live\.started \{"room":"demo","showId":"[0-9a-f-]{36}"\}$/));
    const frame = await roomFrame(page);
    await expect
      .poll(() => frame.locator('.player-video').evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && v.readyState >= 2 && !v.paused), { timeout: 30_000 })
      .toBe(true);

    const cart = (await owner.get(`/api/v1/shops/${shopId}/rooms/${roomId}/cart`)).body.items;
    const tee = cart.find((i: { title: string }) => i.title === '扎染纯棉 T 恤');
    await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/pin`, { itemId: tee.id });
    await expect.poll(() => events.allTextContents()).toContain(`item.pinned ${JSON.stringify({ room: 'demo', itemId: tee.id, number: tee.number, title: tee.title })}`);
    await frame.locator('.roomcart-card-open').click();
    await expect.poll(() => events.allTextContents()).toContain(`item.opened ${JSON.stringify({ room: 'demo', itemId: tee.id, number: tee.number, title: tee.title })}`);
    await page.waitForTimeout(300); // the sheet's slide-in
    await page.screenshot({ path: `${shots}/embed-element.png` });
  });

  it('the owner lists and removes a website in the admin Embed tab, which shows the tag to paste', async () => {
    const page = await open('about:blank');
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/login`);
    await page.locator('input[name=email]').fill(server.seed.ownerEmail);
    await page.locator('input[name=password]').fill(server.seed.ownerPassword);
    await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/admin/embed`);
    const origins = page.locator('.embed-origin code');
    await expect.poll(() => origins.allTextContents()).toEqual([allowed.origin, withElement.origin, sameSite.origin]);

    const input = page.locator('input[name=origin]');
    await input.fill('https://blog.example/posts/1');
    await page.getByRole('button', { name: zh.admin.embed.add, exact: true }).click();
    await expect.poll(() => page.locator('.field-invalid').textContent()).toBe(zh.admin.embed.originInvalid);
    await input.fill('HTTPS://Blog.Example');
    await page.getByRole('button', { name: zh.admin.embed.add, exact: true }).click();
    await expect.poll(() => origins.allTextContents()).toEqual([allowed.origin, withElement.origin, sameSite.origin, 'https://blog.example']);
    expect((await owner.get(`/api/v1/shops/${shopId}/embed-origins`)).body.origins).toContain('https://blog.example');
    expect(await page.getByTestId('embed-snippet').textContent()).toBe(`<script src="${server.url}/embed.js" async></script>\n<hutong-live room="demo"></hutong-live>`);
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.screenshot({ path: `${shots}/admin-embed-zh.png`, fullPage: true });

    await page.locator('.embed-origin', { hasText: 'https://blog.example' }).getByRole('button', { name: zh.admin.embed.remove }).click();
    await expect.poll(() => origins.allTextContents()).toEqual([allowed.origin, withElement.origin, sameSite.origin]);
  }, 90_000);

  it('buys in place: a logged-in viewer buys inside the frame, pays in the sandbox’s own window, and the page hears buy.started, order.placed and order.paid', async () => {
    // Same site (127.0.0.1, another port): the browser sends the session cookie into the frame.
    const [b] = await makeBuyers(server.hutong.db, 1);
    const page = await open('about:blank');
    await page.context().addCookies([{ name: 'hutong_session', value: b!.cookie.split('=')[1]!, url: server.url }]);
    await page.goto(sameSite.origin);
    const frame = await roomFrame(page);
    await frame.getByTestId('room').waitFor();
    await frame.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    await frame.locator('.roomcart-item', { hasText: '云南普洱茶饼 357g' }).getByRole('button', { name: zh.cart.buy, exact: true }).click();
    const sheet = frame.getByTestId('buy-sheet');
    await expect.poll(() => sheet.getByTestId('buy-price').textContent()).toBe('¥128.00');
    await sheet.getByLabel(zh.buy.fields.name).fill('李四');
    await sheet.getByLabel(zh.buy.fields.phone).fill('13900139000');
    await sheet.getByLabel(zh.buy.fields.region).fill('上海市');
    await sheet.getByLabel(zh.buy.fields.city).fill('上海市');
    await sheet.getByLabel(zh.buy.fields.line1).fill('徐汇区漕溪北路 2 号');
    await sheet.getByRole('button', { name: zh.buy.saveAddress }).click();
    await expect.poll(() => sheet.getByRole('radio', { name: /李四/ }).isChecked()).toBe(true);
    await sheet.getByRole('button', { name: zh.buy.place }).click();
    // Inside another site's frame the sandbox's page opens in a window of its own; the sheet waits for the money.
    expect(await frame.locator('[data-testid=pay-frame]').count()).toBe(0);
    const [payPage] = await Promise.all([page.context().waitForEvent('page'), sheet.getByRole('link', { name: new RegExp(zh.buy.payElsewhere) }).click()]);
    await payPage.locator('[data-pay]').click();
    await sheet.getByTestId('buy-done').waitFor();
    await payPage.close();

    const events = await page.locator('#events li').allTextContents();
    const orders = await owner.get(`/api/v1/shops/${shopId}/orders?limit=5`);
    const orderId = orders.body.orders[0].id;
    expect(events.map((e) => e.split(' ')[0])).toEqual(expect.arrayContaining(['ready', 'buy.started', 'order.placed', 'order.paid']));
    expect(events).toContain(`order.placed ${JSON.stringify({ room: 'demo', orderId })}`);
    expect(events).toContain(`order.paid ${JSON.stringify({ room: 'demo', orderId })}`);
    expect(orders.body.orders[0]).toMatchObject({ state: 'paid' });
    await page.screenshot({ path: `${shots}/embed-bought.png` });
  }, 120_000);
});
