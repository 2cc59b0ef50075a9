import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { freePort } from '../support/net';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { makeBuyers, type RawBuyer } from '../sales/buyers';
import type { ApiClient } from '../support/http';
import { demoRoom } from '../video/support';
import { decodeQr } from '../shares/helpers';

/**
 * Gifts in Chromium, sender and friend in two browser contexts (two phones): the sender buys a
 * product as a gift in the room, pays, and gets the gift's QR, link and token; the friend opens the
 * link (the QR read by an independent decoder), is asked to log in, gives an address and claims
 * it; the sender's "my gifts" says who claimed it. A coupon is sent from "my coupons" and opened by
 * pasting its token into the room's paste box. Screenshots go to test-results/screens/.
 */
const executablePath = chromiumPath();
const shots = 'test-results/screens';

describe.skipIf(!executablePath)('web: sending and claiming gifts', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: ApiClient;
  let shopId: string;
  let sender: RawBuyer;
  let friend: RawBuyer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // The sandbox and the gift's links use HUTONG_PUBLIC_URL: this very server.
    const port = await freePort();
    server = await startTestServer({ port, env: { HUTONG_SECRET: 'g'.repeat(40), HUTONG_PUBLIC_URL: `http://127.0.0.1:${port}` } });
    ({ api: owner, shopId } = await demoRoom(server));
    const made = await makeBuyers(server.hutong.db, 2);
    sender = made[0]!;
    friend = made[1]!;
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  /** A phone; logged in as `who` when given. */
  async function phone(who?: RawBuyer): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    if (who) await context.addCookies([{ name: 'hutong_session', value: who.cookie.split('=')[1]!, url: server.url }]);
    contexts.push(context);
    return context.newPage();
  }

  it('a product bought as a gift is claimed by a friend who gives the address; the sender sees who', async () => {
    const a = await phone(sender);
    await a.goto('/live/demo');
    await a.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    await a.locator('.roomcart-item', { hasText: '云南普洱茶饼 357g' }).getByRole('button', { name: zh.cart.buy, exact: true }).click();
    const sheet = a.getByTestId('buy-sheet');
    await sheet.getByTestId('buy-as-gift').check();
    // A gift asks for no address: the friend gives theirs.
    expect(await sheet.locator('.buy-address').count()).toBe(0);
    await a.screenshot({ path: `${shots}/gift-buy-sheet-zh.png` });
    await sheet.getByRole('button', { name: zh.buy.place }).click();
    const pay = a.frameLocator('[data-testid=pay-frame]');
    await pay.locator('[data-pay]').click();
    await sheet.getByTestId('buy-done').waitFor();
    await sheet.getByTestId('send-gift').click();

    const giftSheet = a.getByTestId('gift-sheet');
    await expect.poll(() => giftSheet.getByTestId('gift-token').inputValue()).toMatch(/^￥[A-Za-z0-9]{11}￥ 打开 hutong 领取礼物「云南普洱茶饼 357g」$/);
    await expect.poll(() => giftSheet.getByTestId('gift-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await a.screenshot({ path: `${shots}/gift-sheet-phone-zh.png` });
    const url = await giftSheet.getByTestId('gift-url').inputValue();
    const code = (await giftSheet.getAttribute('data-code'))!;
    const png = Buffer.from(await (await fetch(`${server.url}/api/v1/gifts/${code}/qr.png`)).arrayBuffer());
    expect(decodeQr(png)).toBe(url);

    // The friend scans it: anonymous first, asked to log in.
    const b = await phone();
    await b.goto(new URL(url).pathname);
    await b.getByTestId('gift-page').waitFor();
    expect(await b.locator('.gift-from').textContent()).toContain('送你一份礼物');
    await b.getByTestId('gift-page').getByRole('link', { name: zh.nav.login }).waitFor();
    await b.screenshot({ path: `${shots}/gift-claim-anonymous-zh.png` });
    await b.context().addCookies([{ name: 'hutong_session', value: friend.cookie.split('=')[1]!, url: server.url }]);
    await b.reload();
    // No saved address yet: the form is open; saved, it is chosen, and the claim goes through.
    await b.getByLabel(zh.buy.fields.name).fill('李小红');
    await b.getByLabel(zh.buy.fields.phone).fill('13900139000');
    await b.getByLabel(zh.buy.fields.region).fill('上海市');
    await b.getByLabel(zh.buy.fields.city).fill('上海');
    await b.getByLabel(zh.buy.fields.line1).fill('黄浦区南京东路 2 号');
    await b.getByRole('button', { name: zh.buy.saveAddress }).click();
    await expect.poll(() => b.getByRole('radio', { name: /李小红/ }).isChecked()).toBe(true);
    await b.screenshot({ path: `${shots}/gift-claim-address-zh.png`, fullPage: true });
    await b.getByTestId('gift-claim').click();
    await b.getByTestId('gift-claimed').waitFor();
    await b.screenshot({ path: `${shots}/gift-claimed-zh.png` });

    // The shop's order now ships to the friend.
    const orders = (await owner.get(`/api/v1/shops/${shopId}/orders`)).body.orders;
    expect(orders.find((o: { gift: boolean }) => o.gift)).toMatchObject({ state: 'paid', address: { name: '李小红' } });

    // The sender's "my gifts": claimed, by the friend.
    await a.goto('/me/gifts');
    const row = a.locator(`.gift-row[data-gift-code="${code}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('claimed');
    expect(await row.getByTestId('gift-state').textContent()).toContain(`buyer ${friend.id.slice(0, 4)}`);
    await a.screenshot({ path: `${shots}/my-gifts-phone-zh.png`, fullPage: true });
  }, 120_000);

  it('a coupon sent from "my coupons" is opened by pasting its token in the room; its sender cannot claim it', async () => {
    const coupon = (await owner.post(`/api/v1/shops/${shopId}/coupons`, { title: '好友专享券', kind: 'amount', amountMinor: 2000, minSpendMinor: 10000, currency: 'CNY', total: 5, validMinutes: 600 })).body.coupon;
    const claimed = await fetch(`${server.url}/api/v1/coupons/${coupon.id}/claims`, { method: 'POST', headers: { cookie: sender.cookie } });
    expect(claimed.status).toBe(201);

    const a = await phone(sender);
    await a.goto('/me/coupons');
    const row = a.locator('.gift-row', { hasText: '好友专享券' });
    await row.getByTestId('send-gift').click();
    const token = await a.getByTestId('gift-token').inputValue();
    await a.screenshot({ path: `${shots}/gift-coupon-sheet-zh.png` });
    const code = /￥([A-Za-z0-9]{11})￥/.exec(token)![1]!;

    // The sender opening their own gift is told a friend claims it.
    await a.goto(`/g/${code}`);
    await a.getByTestId('gift-yours').waitFor();

    // The friend pastes the whole chat message in the room's paste box.
    const b = await phone(friend);
    await b.goto('/live/demo');
    await b.getByRole('button', { name: zh.room.menu }).click();
    const box = b.locator('.room-menu').getByTestId('share-paste');
    await box.fill(`快领券 ${token}`);
    await box.press('Enter');
    await b.waitForURL(new RegExp(`/g/${code}$`));
    await b.getByTestId('gift-claim').click();
    await b.getByTestId('gift-claimed').waitFor();
    await b.goto('/me/coupons');
    await b.locator('.gift-row', { hasText: '好友专享券' }).getByTestId('send-gift').waitFor(); // theirs now, and sendable on
    await b.screenshot({ path: `${shots}/gift-coupon-received-zh.png`, fullPage: true });

    await a.goto('/me/coupons');
    await expect.poll(() => a.locator('.gift-row', { hasText: '好友专享券' }).count()).toBe(0);
  }, 120_000);
});
