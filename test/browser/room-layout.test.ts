import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import en from '../../web/src/i18n/en.json';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom, ffmpegPath, freePort, publishTestPattern, tempDataDir, until } from '../video/support';
import type { ApiClient } from '../support/http';

/**
 * The viewer room's layout in Chromium, with real streams (ffmpeg → RTMP → HTTP-FLV): a vertical one
 * in `demo` and a landscape one in `wide`. Phone (390×844, and 360 wide) and desktop (1440×900), in
 * both languages, asserting where things are, not just that they exist. Screenshots go to
 * test-results/screens/.
 */
const executablePath = chromiumPath();
const ffmpeg = executablePath ? ffmpegPath() : undefined;
const shots = 'test-results/screens';

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box | null, outer: Box | null) =>
  !!inner && !!outer && inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

describe.skipIf(!executablePath || !ffmpeg)('web: the live room as viewers know it (layout)', () => {
  let server: TestServer;
  let browser: Browser;
  let api: ApiClient;
  let shopId: string;
  let demoId: string;
  const encoders: ChildProcess[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const rtmpPort = await freePort();
    server = await startTestServer({ env: { HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_DATA_DIR: tempDataDir(), HUTONG_SECRET: 'l'.repeat(40) } });
    await server.hutong.video.listen();
    ({ api, shopId, roomId: demoId } = await demoRoom(server));
    const wide = (await api.post(`/api/v1/shops/${shopId}/rooms`, { slug: 'wide', title: '横屏直播间' })).body.room;
    // Small, slow streams: the layout needs their shape, not their detail, and CI has two cores.
    for (const [roomId, size] of [[demoId, '270x480'], [wide.id, '480x270']] as const) {
      const key = (await api.get(`/api/v1/shops/${shopId}/rooms/${roomId}/stream-key`)).body;
      encoders.push(publishTestPattern(ffmpeg!, `${key.rtmpUrl}/${key.streamKey}`, { size, rate: 10 }));
    }
    await until(async () => (await api.get('/api/v1/discover/live')).body.shows.length === 2, 30_000, 'both rooms live');
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required'] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    for (const e of encoders) e.kill('SIGKILL');
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, o: { width: number; height: number; locale?: string }): Promise<Page> {
    const phone = o.width < 1024;
    const context = await browser.newContext({
      baseURL: server.url,
      locale: o.locale ?? 'zh-CN',
      viewport: { width: o.width, height: o.height },
      isMobile: phone,
      hasTouch: phone,
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  /** Waits until the room's video plays a stream whose shape the page knows. */
  async function playing(page: Page, orientation: 'portrait' | 'landscape') {
    await expect.poll(() => page.locator('.player-video').evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && v.readyState >= 2), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('.room-stage').getAttribute('data-orientation')).toBe(orientation);
  }

  const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('phone: a vertical stream covers the screen; top bar, chat, card and input row lie over the video', async () => {
    const page = await open('/live/demo', { width: 390, height: 844 });
    await playing(page, 'portrait');
    const video = await page.locator('.player-video').boundingBox();
    expect(video!.height).toBeGreaterThanOrEqual(0.9 * 844);
    expect(video!.width).toBeGreaterThanOrEqual(389);
    expect(await page.locator('.player-video').evaluate((v) => getComputedStyle(v).objectFit)).toBe('cover');
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByLabel(zh.chat.placeholder).fill('这件 T 恤有 L 码吗？');
    await page.getByRole('button', { name: zh.chat.send, exact: true }).click();
    const line = page.locator('.livechat-line', { hasText: '这件 T 恤有 L 码吗？' });
    await line.waitFor();
    const cartButton = page.getByRole('button', { name: new RegExp(zh.cart.open) });
    for (const part of [line, cartButton, page.getByLabel(zh.chat.placeholder), page.locator('.room-top'), page.getByRole('button', { name: zh.chat.like })]) {
      expect(inside(await part.boundingBox(), video)).toBe(true);
    }

    // The host pins the T-shirt: the card floats over the video, above the input row.
    const cart = (await api.get(`/api/v1/shops/${shopId}/rooms/${demoId}/cart`)).body.items;
    const tee = cart.find((i: { title: string }) => i.title === '扎染纯棉 T 恤');
    await api.post(`/api/v1/shops/${shopId}/rooms/${demoId}/cart/pin`, { itemId: tee.id });
    const card = page.locator('.roomcart-card');
    await card.waitFor();
    const cardBox = await card.boundingBox();
    const row = await page.locator('.room-input-row').boundingBox();
    expect(inside(cardBox, video)).toBe(true);
    expect(cardBox!.y + cardBox!.height).toBeLessThanOrEqual(row!.y + 1);
    await page.waitForTimeout(300); // the card's pop-up animation
    await page.screenshot({ path: `${shots}/room-phone-zh.png` });

    // Tapping the card opens the product sheet over the video: pick a colour and a size, see its price.
    await card.getByRole('button', { name: zh.cart.details.replace('{{title}}', tee.title) }).click();
    const sheet = page.locator('.product-sheet');
    await sheet.getByRole('button', { name: '茶褐' }).click();
    await sheet.getByRole('button', { name: 'M', exact: true }).click();
    await expect.poll(() => sheet.locator('.product-price-row .roomcart-price').textContent()).toBe('¥109.00');
    expect(await sheet.getByTestId('stock-state').textContent()).toBe(zh.cart.inStock.replace('{{n}}', '12'));
    expect(await sheet.getByRole('button', { name: 'L', exact: true }).getAttribute('data-out')).toBe('true'); // 茶褐 L is sold out
    expect(inside(await sheet.boundingBox(), video)).toBe(true);
    expect(await page.locator('.player-video').isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}/room-phone-product-sheet-zh.png` });
    await api.post(`/api/v1/shops/${shopId}/rooms/${demoId}/cart/unpin`);
  });

  it('phone, 360 px wide, in English: nothing overflows sideways, in the room or on the other pages', async () => {
    const page = await open('/live/demo', { width: 360, height: 740, locale: 'en-US' });
    await playing(page, 'portrait');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: new RegExp(en.cart.open) }).click();
    await page.locator('.roomcart-list-panel li[data-item-id]').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/room-phone-cart-en.png` });
    for (const path of ['/', '/login', '/signup', '/shop/demo']) {
      await page.goto(path);
      await page.locator('main h1, main h2').first().waitFor();
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      const signup = page.locator('.site-header').getByRole('link', { name: en.nav.signup });
      if ((await signup.count()) > 0) expect((await signup.boundingBox())!.x + (await signup.boundingBox())!.width).toBeLessThanOrEqual(360);
    }
  });

  it('phone: a landscape stream sits centred and whole, the layers still over it, with a full-screen control', async () => {
    const page = await open('/live/wide', { width: 390, height: 844 });
    await playing(page, 'landscape');
    const video = await page.locator('.player-video').boundingBox();
    expect(video!.height).toBeGreaterThanOrEqual(0.9 * 844);
    expect(await page.locator('.player-video').evaluate((v) => getComputedStyle(v).objectFit)).toBe('contain');
    for (const part of [page.getByRole('button', { name: new RegExp(zh.cart.open) }), page.getByLabel(zh.chat.placeholder), page.getByRole('button', { name: zh.room.fullscreen })]) {
      expect(inside(await part.boundingBox(), video)).toBe(true);
    }
    await page.screenshot({ path: `${shots}/room-phone-landscape-zh.png` });
  });

  it('phone: swiping up moves to the next live room, swiping down back', async () => {
    const page = await open('/live/wide', { width: 390, height: 844 });
    await playing(page, 'landscape');
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (fromY: number, toY: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 80, y: fromY }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 82, y: (fromY + toY) / 2 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 84, y: toY }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    // "Live now" lists the most recently started first: wide, then demo. The room reads that list
    // after it opens; on a loaded machine a swipe can come first and do nothing, as it would for a
    // person, who swipes again. Past either end of the list a swipe does nothing, so a repeat is safe.
    const swipeUntil = (fromY: number, toY: number, path: string) =>
      expect.poll(async () => {
        await swipe(fromY, toY);
        return new URL(page.url()).pathname;
      }, { timeout: 30_000, interval: 500 }).toBe(path);
    await swipeUntil(420, 200, '/live/demo');
    await playing(page, 'portrait');
    await swipeUntil(200, 420, '/live/wide');
  });

  for (const [locale, dict] of [['zh-CN', zh], ['en-US', en]] as const) {
    it(`desktop (${locale}): the video in the middle, the cart column and the chat column all visible at once`, async () => {
      const page = await open('/live/demo', { width: 1440, height: 900, locale });
      await playing(page, 'portrait');
      const [cart, video, chat] = await Promise.all(['.room-cart-column', '.player-video', '.room-chat-column'].map((s) => page.locator(s).boundingBox()));
      for (const box of [cart ?? null, video ?? null, chat ?? null]) {
        expect(box!.width).toBeGreaterThan(200);
        expect(inside(box, { x: 0, y: 0, width: 1440, height: 900 })).toBe(true);
      }
      expect(cart!.x + cart!.width).toBeLessThanOrEqual(video!.x);
      expect(video!.x + video!.width).toBeLessThanOrEqual(chat!.x);
      // At its own aspect (9:16), as tall as the window allows.
      expect(Math.abs(video!.width / video!.height - 9 / 16)).toBeLessThan(0.02);
      expect(video!.height).toBeGreaterThan(700);
      expect(await page.locator('.room-cart-column li[data-item-id]').count()).toBeGreaterThan(3);
      expect(await page.getByLabel(dict.chat.placeholder).isVisible()).toBe(true);
      expect(await page.getByTestId('online-column').isVisible()).toBe(true);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // Every control has a name a screen reader can say.
      const unnamed = await page.locator('.room button').evaluateAll((buttons) => buttons.filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim())).length);
      expect(unnamed).toBe(0);
      await page.screenshot({ path: `${shots}/room-desktop-${locale === 'zh-CN' ? 'zh' : 'en'}.png` });
    });
  }
});
