import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import en from '../../web/src/i18n/en.json';
import zh from '../../web/src/i18n/zh-CN.json';
import { ApiClient } from '../support/http';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { solidPng } from './png';

/**
 * The cart in Chromium against the assembled server (demo shop seeded with a full cart): the
 * merchant's listings and SKU screens, the host's cart screen, the viewer's drawer and explaining
 * card arriving live on a second viewer's page, and the operator's link policy grid.
 * Screenshots go to test-results/cart/.
 */
const executablePath = chromiumPath();
const shots = 'test-results/cart';

describe.skipIf(!executablePath)('web: the room cart in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let owner: ApiClient;
  let shopId: string;
  let roomId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'hutong-cart-web-'));
    server = await startTestServer({ env: { HUTONG_DATA_DIR: dataDir } });
    owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    roomId = (await owner.get(`/api/v1/shops/${shopId}/rooms`)).body.rooms[0].id;
    browser = await chromium.launch({
      executablePath,
      args: [...chromiumArgs],
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(path: string, opts: { email?: string; mobile?: boolean; locale?: string } = {}): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: opts.locale ?? 'zh-CN',
      viewport: opts.mobile ? { width: 420, height: 860 } : { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    if (opts.email) {
      await page.goto('/login');
      await page.locator('input[name=email]').fill(opts.email);
      await page.locator('input[name=password]').fill(server.seed.ownerPassword);
      await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    }
    await page.goto(path);
    return page;
  }

  it('merchant: pasting a URL shows the recognised marketplace and canonical link, then lists it', async () => {
    const page = await openPage('/admin/listings', { email: server.seed.ownerEmail });
    await page.locator('input[name=url]').fill('https://detail.m.tmall.com/item.htm?spm=a1z10.1&id=612345678901&skuId=99');
    const recognised = page.getByTestId('recognised');
    await expect.poll(() => recognised.textContent()).toContain('https://detail.tmall.com/item.htm?id=612345678901');
    expect(await recognised.textContent()).toContain(zh.links.marketplaces.tmall);
    await page.locator('input[name=title]').fill('天猫同款茶盘');
    await page.locator('input[name=price]').fill('129');
    await page.locator('input[name=commission]').fill('12.5');
    await page.locator('input[name=image]').setInputFiles({ name: 'tray.png', mimeType: 'image/png', buffer: solidPng(48, 48, [120, 70, 30]) });
    await page.locator('.imagepicker-item img').waitFor();
    await page.screenshot({ path: `${shots}/admin-listing-recognised.png`, fullPage: true });
    await page.getByRole('button', { name: zh.listings.createSubmit }).click();
    const row = page.locator('tr[data-listing-id]', { hasText: '天猫同款茶盘' });
    await row.waitFor();
    expect(await row.textContent()).toContain('12.50%');
    expect(await row.locator('img.catalog-thumb').count()).toBe(1);

    await page.locator('input[name=url]').fill('javascript:alert(1)');
    await expect.poll(() => recognised.textContent()).toBe(zh.errors.LINKS_URL_SCHEME_REFUSED);
    await page.screenshot({ path: `${shots}/admin-listings.png`, fullPage: true });
  });

  it('merchant: creates a product with a picture and colour × size SKUs', async () => {
    const page = await openPage('/admin', { email: server.seed.ownerEmail });
    await page.locator('input[name=title]').fill('手工围巾');
    await page.locator('input[name=image]').setInputFiles({ name: 'scarf.png', mimeType: 'image/png', buffer: solidPng(64, 64, [30, 90, 160]) });
    await page.locator('.imagepicker-item img').waitFor();
    await page.locator('input[name=option-name-0]').fill('颜色');
    await page.locator('input[name=option-values-0]').fill('蓝, 灰');
    await page.locator('input[name=option-name-1]').fill('尺码');
    await page.locator('input[name=option-values-1]').fill('S M');
    const rows = page.locator('.skus-grid tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      await page.locator(`input[name=sku-price-${i}]`).fill(String(80 + i));
      await page.locator(`input[name=sku-stock-${i}]`).fill(String(10 * i));
    }
    await page.screenshot({ path: `${shots}/admin-product-skus.png`, fullPage: true });
    await page.getByRole('button', { name: zh.admin.products.createSubmit }).click();
    const row = page.locator('tr[data-product-id]', { hasText: '手工围巾' });
    await row.waitFor();
    expect(await row.textContent()).toContain('4 个规格 · 颜色 × 尺码');
    expect(await row.locator('img.catalog-thumb').count()).toBe(1);
    const created = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products.find((p: any) => p.title === '手工围巾');
    expect(created.skus).toHaveLength(4);
    expect([created.priceMinor, created.stock]).toEqual([8000, 60]);

    // Edit: the SKU grid comes back filled in; a new price for 蓝 / S lowers the product's price.
    await row.getByRole('button', { name: zh.catalog.edit }).click();
    const editor = page.locator(`section[data-editing="${created.id}"]`);
    await expect.poll(() => editor.locator('input[name=sku-price-1]').inputValue()).toBe('81.00');
    await editor.locator('input[name=sku-price-0]').fill('75');
    await page.screenshot({ path: `${shots}/admin-product-edit.png`, fullPage: true });
    await editor.getByRole('button', { name: zh.catalog.save }).click();
    await expect.poll(() => editor.count()).toBe(0);
    const edited = (await owner.get(`/api/v1/shops/${shopId}/products/${created.id}`)).body.product;
    expect(edited.priceMinor).toBe(7500);
    expect(edited.skus.map((s: any) => s.id).sort()).toEqual(created.skus.map((s: any) => s.id).sort());
  });

  it('host: builds the cart, reorders it, and pins the item being explained', async () => {
    const page = await openPage(`/studio/rooms/${roomId}/cart`, { email: server.seed.hostEmail });
    const rows = page.locator('.studiocart-row');
    await rows.first().waitFor();
    const before = await rows.count();
    await page.locator('li[data-product-id]', { hasText: '手工围巾' }).getByRole('button', { name: zh.studioCart.addButton }).click();
    await expect.poll(() => rows.count()).toBe(before + 1);
    const secondTitle = await rows.nth(1).locator('.studiocart-title').textContent();
    await rows.nth(1).getByRole('button', { name: zh.studioCart.up }).click();
    await expect.poll(() => rows.nth(0).locator('.studiocart-title').textContent()).toBe(secondTitle);
    expect(await rows.nth(0).locator('.studiocart-number').textContent()).toBe('1号链接');
    await rows.nth(2).getByRole('button', { name: zh.studioCart.pin, exact: true }).click();
    await page.locator('.studiocart-row-pinned').waitFor();
    await page.screenshot({ path: `${shots}/studio-cart.png`, fullPage: true });
    await rows.nth(2).getByRole('button', { name: zh.studioCart.unpin }).click();
    await expect.poll(() => page.locator('.studiocart-row-pinned').count()).toBe(0);
  });

  it('host: a change made elsewhere (another host, the API) shows on the open studio cart page at once', async () => {
    const page = await openPage(`/studio/rooms/${roomId}/cart`, { email: server.seed.hostEmail });
    const rows = page.locator('.studiocart-row');
    await rows.first().waitFor();
    const before = await rows.count();
    const cart = (await owner.get(`/api/v1/shops/${shopId}/rooms/${roomId}/cart`)).body;
    const last = cart.items.at(-1);
    expect((await owner.delete(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/items/${last.id}`)).status).toBe(204);
    await expect.poll(() => rows.count()).toBe(before - 1);
    expect(await page.locator('.studiocart-title').allTextContents()).not.toContain(last.title);
  });

  it('viewers: the drawer lists every item; a pin pops the explaining card up on a second viewer page, live, and unpin takes it down', async () => {
    const first = await openPage('/live/demo', { mobile: true });
    const second = await openPage('/live/demo', { mobile: true });
    const cart = (await owner.get(`/api/v1/shops/${shopId}/rooms/${roomId}/cart`)).body;
    await expect.poll(() => first.getByTestId('cart-count').textContent()).toBe(String(cart.items.length));
    await first.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    const items = first.locator('.roomcart-list-panel li[data-item-id]');
    await expect.poll(() => items.count()).toBe(cart.items.length);
    const taobao = first.locator('.roomcart-list-panel li', { hasText: zh.links.marketplaces.taobao });
    expect(await taobao.locator('a.roomcart-go').getAttribute('href')).toMatch(/^\/go\/[a-zA-Z0-9]{10}$/);
    await first.screenshot({ path: `${shots}/viewer-drawer.png` });
    await first.getByRole('button', { name: zh.cart.close }).click();

    // Wait until both pages have their room socket (the chat box enables on open).
    for (const p of [first, second]) await expect.poll(() => p.locator('.livechat-form input').isVisible()).toBe(true);
    await new Promise((r) => setTimeout(r, 500));

    const item = cart.items.find((i: any) => i.marketplace === 'jd');
    expect((await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/pin`, { itemId: item.id })).status).toBe(200);
    for (const p of [first, second]) {
      const card = p.locator('.roomcart-card');
      await card.waitFor({ timeout: 15_000 });
      expect(await card.getAttribute('data-item-id')).toBe(item.id);
      expect(await card.textContent()).toContain(item.title);
    }
    await second.waitForTimeout(400); // let the pop-up animation finish for the screenshot
    await second.screenshot({ path: `${shots}/viewer-explaining-card.png` });

    expect((await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/unpin`)).status).toBe(204);
    for (const p of [first, second]) await expect.poll(() => p.locator('.roomcart-card').count(), { timeout: 15_000 }).toBe(0);
  });

  it('viewers: speaks English to an English browser', async () => {
    const page = await openPage('/live/demo', { mobile: true, locale: 'en-US' });
    await page.getByRole('button', { name: new RegExp(en.cart.open) }).click();
    const jd = page.locator('.roomcart-list-panel li', { hasText: en.links.marketplaces.jd });
    await jd.waitFor();
    expect(await jd.locator('a.roomcart-go').textContent()).toBe(en.cart.goTo.replace('{{market}}', en.links.marketplaces.jd));
    expect(await page.locator('.roomcart-list-panel .roomcart-number').first().textContent()).toBe('#1');
    await page.screenshot({ path: `${shots}/viewer-drawer-en.png` });
  });

  it('operator: setting taobao to token in the cart turns the viewer link into a copyable token, audited', async () => {
    const viewer = await openPage('/live/demo', { mobile: true });
    await expect.poll(() => viewer.locator('.livechat-form input').isVisible()).toBe(true);
    const ops = await openPage('/ops', { email: server.seed.operatorEmail });
    const select = ops.locator('select[name=taobao-cart]');
    await select.selectOption('token');
    const audit = ops.locator('tr[data-audit-id]');
    await audit.first().waitFor();
    expect(await audit.first().textContent()).toContain(`${zh.linkPolicy.modes.link} → ${zh.linkPolicy.modes.token}`);
    await ops.screenshot({ path: `${shots}/ops-link-policy.png`, fullPage: true });

    // The open viewer page hears cart.changed and reloads: the taobao item now offers a token.
    await viewer.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    const taobao = viewer.locator('.roomcart-list-panel li', { hasText: zh.links.marketplaces.taobao });
    await taobao.locator('.roomcart-token input').waitFor({ timeout: 15_000 });
    expect(await taobao.locator('a').count()).toBe(0);
    expect(await taobao.locator('.roomcart-token input').inputValue()).toBe('https://item.taobao.com/item.htm?id=678901234567');
    await taobao.getByRole('button', { name: zh.cart.copyToken }).click();
    await expect.poll(() => taobao.getByRole('button', { name: zh.cart.copied }).count()).toBe(1);
    await viewer.screenshot({ path: `${shots}/viewer-token.png` });
  });

  it('operator: gives WeChat shares of taobao listings their own mode, audited with the channel', async () => {
    const ops = await openPage('/ops', { email: server.seed.operatorEmail });
    const table = ops.getByTestId('share-channel-policy');
    const select = table.locator('select[name=taobao-share-wechat]');
    expect(await select.inputValue()).toBe('');
    await select.selectOption('link');
    const entry = ops.locator('tr[data-audit-id]', { hasText: zh.linkPolicy.sceneOfChannel.replace('{{channel}}', zh.share.channels.wechat) });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain(`${zh.linkPolicy.modes.inherit} → ${zh.linkPolicy.modes.link}`);
    expect(await select.inputValue()).toBe('link');
    await ops.screenshot({ path: `${shots}/ops-share-channels.png`, fullPage: true });
    expect((await server.hutong.linkPolicy.shareChannelRules()).find((r) => r.marketplace === 'taobao' && r.channel === 'wechat')?.mode).toBe('link');
  });
});
