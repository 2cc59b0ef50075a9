import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { TestViewer } from '../realtime/socket-client';

/**
 * The viewer page's live layer in Chromium, with a second client on a plain socket: chat both
 * ways, counts, likes, and a hostile chat payload that must stay text.
 */
const executablePath = chromiumPath();
const shots = 'test-results/browser';

describe.skipIf(!executablePath)('web: live room chat, likes and counts', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let other: TestViewer;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer({ env: { HUTONG_SECRET: 'y'.repeat(40) } });
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto('/live/demo');
    other = await TestViewer.join(server.url, 'demo');
    await other.waitFor((f) => f.t === 'hello');
  });

  afterAll(async () => {
    await other?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the online count including a second client, and that client’s chat', async () => {
    // The page opens its socket after the room snapshot: on a loaded machine that is seconds, not one.
    await expect.poll(() => page.getByTestId('online-column').textContent(), { timeout: 15_000 }).toBe(zh.chat.online.replace('{{n}}', '2'));
    other.chat('大家好，普洱还有货吗？');
    await expect.poll(() => page.locator('.livechat-text').allTextContents()).toContain('大家好，普洱还有货吗？');
    const name = zh.chat.anonymous.replace('{{tag}}', other.hello.viewer.name);
    await expect.poll(() => page.locator('.livechat-name').allTextContents()).toContain(name);
  });

  it('shows an HTML/script chat payload as plain text and runs nothing', async () => {
    const payload = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script><b>bold</b>';
    other.chat(payload);
    await expect.poll(() => page.locator('.livechat-text').allTextContents()).toContain(payload);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.livechat-list img, .livechat-list script, .livechat-list b').count()).toBe(0);
    await page.screenshot({ path: `${shots}/live-chat-html-payload.png` });
  });

  it('sends chat from the page to the other client, and likes raise the total with floating hearts', async () => {
    await page.getByLabel(zh.chat.placeholder).fill('我要两饼！');
    await page.getByRole('button', { name: zh.chat.send, exact: true }).click();
    await other.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === '我要两饼！'));
    await expect.poll(() => page.locator('.livechat-mine .livechat-text').allTextContents()).toContain('我要两饼！');

    // Hearts remove themselves when their animation ends: count each one as it is added, so a slow
    // machine cannot make them come and go before the test looks.
    await page.evaluate(() => {
      const w = window as unknown as { heartsSeen: number };
      w.heartsSeen = 0;
      new MutationObserver((changes) => {
        for (const c of changes) for (const n of c.addedNodes) if (n instanceof HTMLElement && n.classList.contains('heart')) w.heartsSeen++;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const like = page.getByRole('button', { name: zh.chat.like, exact: true });
    for (let i = 0; i < 5; i++) await like.click();
    await other.waitForCounts((c) => c.likes === 5);
    await expect.poll(() => page.getByTestId('likes').textContent()).toBe(zh.chat.likes.replace('{{n}}', '5'));
    await expect.poll(() => page.evaluate(() => (window as unknown as { heartsSeen: number }).heartsSeen)).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/live-chat-likes.png` });
  });

  it('shows that people are going to buy when viewers click out to a marketplace', async () => {
    const cart = await (await fetch(`${server.url}/api/v1/rooms/demo/cart`)).json();
    const item = cart.items.find((i: { link: unknown }) => i.link);
    expect(item).toBeDefined();
    await Promise.all([1, 2].map(() => fetch(server.url + item.link.url, { redirect: 'manual' })));
    const text = zh.chat.buyingMany.replace('{{count}}', '2').replace('{{number}}', String(item.number)).replace('{{title}}', item.title);
    await expect.poll(() => page.getByTestId('buying-notice').textContent()).toBe(text);
    await page.screenshot({ path: `${shots}/live-chat-buying-notice.png` });
  });

  it('shows a refused message as a translated error', async () => {
    other.send({ t: 'like', n: 1 });
    // A burst of 5, then one each 2 s: the sixth in a row is refused — unless a slow machine took
    // 2 s between two of them, so keep sending (as an eager viewer would) until the refusal shows.
    const alert = page.getByRole('alert');
    for (let i = 0; i < 30 && (await alert.count()) === 0; i++) {
      await page.getByLabel(zh.chat.placeholder).fill(`第 ${i} 条`);
      await page.getByRole('button', { name: zh.chat.send, exact: true }).click();
    }
    await expect.poll(() => alert.textContent()).toBe(zh.errors.REALTIME_CHAT_RATE_LIMITED);
    await page.screenshot({ path: `${shots}/live-chat-rate-limited.png` });
  });

  it('after a network blip reconnects by itself and shows the chat sent meanwhile', async () => {
    const room = await server.hutong.rooms.bySlug('demo');
    const hub = await server.hutong.realtime.hubs.peek(room.id)!;
    const mine = [...hub.clients].filter((c) => c.viewer.id !== other.hello.viewer.id);
    expect(mine.length).toBe(1);
    mine[0]!.ws.terminate(); // the page's socket drops without a close handshake, as on a lost network
    other.chat('你刚才掉线时我说的话');
    await expect.poll(() => page.locator('.livechat-text').allTextContents(), { timeout: 10_000 }).toContain('你刚才掉线时我说的话');
    expect(await page.locator('.livechat-text').allTextContents()).toContain('大家好，普洱还有货吗？');
    await expect.poll(() => [...hub.clients].length).toBe(2);
  });

  it('fits a phone: counts, chat and the chat box sit inside the screen, over the video', async () => {
    const phone = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto('/live/demo');
    await expect.poll(() => p.locator('.livechat-text').count()).toBeGreaterThan(0);
    const box = await p.getByLabel(zh.chat.placeholder).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(844);
    expect(box && box.x).toBeGreaterThanOrEqual(0);
    await p.screenshot({ path: `${shots}/live-chat-phone.png` });
    await phone.close();
  });
});
