import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/services';
import { freePort } from '../support/net';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { decodeQr } from '../shares/helpers';
import zh from '../../web/src/i18n/zh-CN.json';

/**
 * Sharing in Chromium: a QR code read by an independent decoder leads to the room and the visit is
 * credited to the share; a token pasted into the room's paste box opens the product; the share
 * sheet shows the link, the token and the QR. Screenshots go to test-results/screens/.
 */
const executablePath = chromiumPath();
const shots = 'test-results/screens';

describe.skipIf(!executablePath)('web: sharing a room and a product', () => {
  let server: TestServer;
  let browser: Browser;
  let anonymous: ApiClient;
  let productId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // The QR carries HUTONG_PUBLIC_URL: here, this very server.
    const port = await freePort();
    server = await startTestServer({ port, env: { HUTONG_PUBLIC_URL: `http://127.0.0.1:${port}` } });
    anonymous = new ApiClient(server.url);
    const owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    productId = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products[0].id;
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
  }, 180_000); // a server (PGlite, migrations, the demo seed) starts slowly on a loaded machine

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function phone(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context.newPage();
  }

  it('a scanned QR code opens the room, and the visit is credited to the share', async () => {
    const share = (await anonymous.post('/api/v1/shares', { target: { room: 'demo' }, channel: 'qr' })).body.share;
    const png = Buffer.from(await (await fetch(share.qrPngUrl)).arrayBuffer());
    const scanned = decodeQr(png);
    expect(scanned).toBe(share.url);
    const page = await phone();
    await page.goto(scanned!);
    await page.waitForURL(/\/live\/demo$/);
    await expect.poll(() => page.getByTestId('room').count()).toBe(1);
    const visits = await server.hutong.shares.visitsOf(share.code);
    expect(visits).toHaveLength(1);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'hutong_share')?.value).toBe(share.code);
  });

  it('the share sheet gives the short link, the token and the QR of the chosen channel', async () => {
    const page = await phone();
    await page.goto(`${server.url}/live/demo`);
    await page.getByRole('button', { name: '分享' }).first().click();
    await expect.poll(() => page.getByTestId('share-token').inputValue()).toMatch(/^￥[A-Za-z0-9]{11}￥ 打开 hutong 看直播「/);
    const link = await page.getByTestId('share-url').inputValue();
    const token = await page.getByTestId('share-token').inputValue();
    expect(link).toMatch(/\/s\/[A-Za-z0-9]{11}$/);
    expect(token).toContain(link.slice(-11));
    await page.getByRole('button', { name: '微信' }).click();
    await expect.poll(() => page.getByTestId('share-url').inputValue()).not.toBe(link);
    const wechat = (await page.getByTestId('share-url').inputValue()).slice(-11);
    const listed = (await server.hutong.shares.shares.get(wechat)).channel;
    expect(listed).toBe('wechat');
    await expect.poll(() => page.getByTestId('share-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: `${shots}/share-sheet-phone-zh.png` });
  });

  it('a token pasted (inside a whole chat message) into the room\'s paste box opens the product (phone: in the menu)', async () => {
    const share = (await anonymous.post('/api/v1/shares', { target: { product: productId }, channel: 'wechat' })).body.share;
    const page = await phone();
    await page.goto(`${server.url}/live/demo`);
    await page.getByRole('button', { name: zh.room.menu }).click();
    const box = page.locator('.room-menu').getByTestId('share-paste');
    await page.screenshot({ path: `${shots}/room-menu-paste-phone-zh.png` });
    await box.fill(`【好友推荐】${share.token} 快来看看`);
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/p/${productId}$`));
    await expect.poll(() => page.getByTestId('product-page').locator('h1').textContent()).toBe('云南普洱茶饼 357g');
    expect(await server.hutong.shares.visitsOf(share.code)).toHaveLength(1);
    await page.screenshot({ path: `${shots}/product-page-phone-zh.png` });
  });

  it('on a desktop the paste box is in view in the chat column, and a pasted token opens the product', async () => {
    const share = (await anonymous.post('/api/v1/shares', { target: { product: productId }, channel: 'qq' })).body.share;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/live/demo`);
    const box = page.locator('.room-chat-column').getByTestId('share-paste');
    await box.waitFor();
    expect(await box.isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}/room-paste-desktop-zh.png` });
    // A real paste event (what a person's Ctrl+V fires), with the whole message on the clipboard.
    await box.evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `${share.token} 快来看看`);
    await page.waitForURL(new RegExp(`/p/${productId}$`));
    expect(await server.hutong.shares.visitsOf(share.code)).toHaveLength(1);
  });

  it('a pasted text that holds no share says so and stays', async () => {
    const page = await phone();
    await page.goto(`${server.url}/live/demo`);
    await page.getByRole('button', { name: zh.room.menu }).click();
    const box = page.locator('.room-menu').getByTestId('share-paste');
    await box.fill('￥notacode12￥');
    await box.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有找到可打开的分享');
    expect(new URL(page.url()).pathname).toBe('/live/demo');
  });

  it('the product sheet in the room shares its product: link, token, QR and poster', async () => {
    const page = await phone();
    await page.goto(`${server.url}/live/demo`);
    await page.getByRole('button', { name: zh.cart.open }).first().click();
    await page.locator('.roomcart-item', { hasText: '云南普洱茶饼 357g' }).locator('.roomcart-item-name').click();
    await page.locator('.product-sheet').getByRole('button', { name: zh.share.shareItem }).click();
    const sheet = page.locator('.share-sheet');
    expect(await sheet.getByRole('heading').textContent()).toBe(zh.share.titleProduct);
    await expect.poll(() => sheet.getByTestId('share-token').inputValue()).toMatch(/^￥[A-Za-z0-9]{11}￥ /);
    await expect.poll(() => sheet.getByTestId('share-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await sheet.getByRole('link', { name: zh.share.poster }).getAttribute('href')).toMatch(/\/poster\.png$/);
    expect(await sheet.getByTestId('share-paste').count()).toBe(0);
    await page.screenshot({ path: `${shots}/product-share-phone-zh.png` });
    const resolved = await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(await sheet.getByTestId('share-token').inputValue())}`);
    expect(resolved.body.target).toMatchObject({ kind: 'product', id: productId });
    // Closing the share sheet comes back to the product.
    await sheet.getByRole('button', { name: zh.share.close }).click();
    await page.locator('.product-sheet').waitFor();
  });

  it('a marketplace listing of the cart is shared as the listing, as the link policy allows', async () => {
    const page = await phone();
    await page.goto(`${server.url}/live/demo`);
    await page.getByRole('button', { name: zh.cart.open }).first().click();
    await page.locator('.roomcart-item', { hasText: zh.links.marketplaces.jd }).first().locator('.roomcart-item-name').click();
    await page.locator('.product-sheet').getByRole('button', { name: zh.share.shareItem }).click();
    const token = page.locator('.share-sheet').getByTestId('share-token');
    await expect.poll(() => token.inputValue()).toMatch(/^￥[A-Za-z0-9]{11}￥ /);
    const resolved = await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(await token.inputValue())}`);
    expect(resolved.body.target).toMatchObject({ kind: 'listing', marketplace: 'jd' });
  });

  it('the merchant sees what shares brought, per channel and per sharer, and can revoke a share', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('input[name=email]').fill(server.seed.ownerEmail);
    await page.locator('input[name=password]').fill(server.seed.ownerPassword);
    await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/admin/shares`);
    const qrRow = page.locator('table').first().locator('tr', { hasText: zh.share.channels.qr });
    // The QR share of the first test: one visit.
    await expect.poll(() => qrRow.locator('td').nth(2).textContent()).toBe('1');
    await page.screenshot({ path: `${shots}/admin-shares-desktop-zh.png`, fullPage: true });
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: zh.shares.revoke }).first().click();
    await expect.poll(() => page.getByText(zh.shares.revoked).count()).toBeGreaterThan(0);
  });
});
