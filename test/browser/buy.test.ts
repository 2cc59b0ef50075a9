import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { freePort } from '../support/net';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { makeBuyers } from '../sales/buyers';
import type { ApiClient } from '../support/http';
import { demoRoom } from '../video/support';

/**
 * Buying in the room, in Chromium: a viewer on a phone (390×844) buys from the cart, adds an address,
 * pays in the sandbox's page inside the buy sheet and gets the confirmation without leaving the room;
 * the host's console (desktop) sees the show's order count move; the order is in the buyer's /me.
 * Screenshots go to test-results/screens/.
 */
const executablePath = chromiumPath();
const shots = 'test-results/screens';

describe.skipIf(!executablePath)('web: buying in the room', () => {
  let server: TestServer;
  let browser: Browser;
  let roomId: string;
  let owner: ApiClient;
  let ownerApi: ApiClient; // `owner` is a page in some tests
  let shopId: string;
  let buyer: Page;
  let host: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // The sandbox sends the buyer back to HUTONG_PUBLIC_URL: it must be this server's own address.
    const port = await freePort();
    server = await startTestServer({ port, env: { HUTONG_SECRET: 'b'.repeat(40), HUTONG_PUBLIC_URL: `http://127.0.0.1:${port}` } });
    ({ roomId, api: owner, shopId } = await demoRoom(server));
    ownerApi = owner;
    await server.hutong.shows.goLive(roomId); // orders count for the show on air
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });

    const [b] = await makeBuyers(server.hutong.db, 1);
    const phone = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.addCookies([{ name: 'hutong_session', value: b!.cookie.split('=')[1]!, url: server.url }]);
    const desk = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    for (const c of [phone, desk]) {
      c.setDefaultTimeout(15_000);
      contexts.push(c);
    }
    buyer = await phone.newPage();
    host = await desk.newPage();
    await host.goto('/login');
    await host.locator('input[name=email]').fill(server.seed.hostEmail);
    await host.locator('input[name=password]').fill(server.seed.ownerPassword);
    await host.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await host.waitForURL((url) => url.pathname === '/studio');
  }, 120_000); // a server, a browser and a login, on a loaded machine

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('a viewer buys from the cart on a phone and pays in the sandbox; the host sees the order count move', async () => {
    await host.goto(`/studio/rooms/${roomId}`);
    await expect.poll(() => host.getByTestId('sales-orders').locator('dd').textContent(), { timeout: 15_000 }).toBe('0');

    await buyer.goto('/live/demo');
    await buyer.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    const row = buyer.locator('.roomcart-item', { hasText: '云南普洱茶饼 357g' });
    await row.getByRole('button', { name: zh.cart.buy, exact: true }).click();

    const sheet = buyer.getByTestId('buy-sheet');
    await expect.poll(() => sheet.getByTestId('buy-price').textContent()).toBe('¥128.00');
    await sheet.getByRole('button', { name: zh.buy.more }).click();
    await expect.poll(() => sheet.getByTestId('buy-total').textContent()).toBe('¥256.00');
    // No saved address yet: the form is open; saved, it is chosen.
    await sheet.getByLabel(zh.buy.fields.name).fill('王小明');
    await sheet.getByLabel(zh.buy.fields.phone).fill('13800138000');
    await sheet.getByLabel(zh.buy.fields.region).fill('浙江省');
    await sheet.getByLabel(zh.buy.fields.city).fill('杭州市');
    await sheet.getByLabel(zh.buy.fields.line1).fill('西湖区文三路 1 号');
    await buyer.screenshot({ path: `${shots}/buy-phone-sheet-zh.png` });
    await sheet.getByRole('button', { name: zh.buy.saveAddress }).click();
    await expect.poll(() => sheet.getByRole('radio', { name: /王小明/ }).isChecked()).toBe(true);
    await sheet.getByRole('button', { name: zh.buy.place }).click();

    // The sandbox's hosted page opens inside the sheet; the video stays behind it.
    await expect.poll(() => sheet.getByTestId('buy-due').textContent()).toBe('¥256.00');
    const pay = buyer.frameLocator('[data-testid=pay-frame]');
    await pay.locator('[data-pay]').waitFor();
    expect(await buyer.locator('.player-video, .room-stage').first().isVisible()).toBe(true);
    await buyer.screenshot({ path: `${shots}/buy-phone-pay-zh.png` });
    await pay.locator('[data-pay]').click();

    await sheet.getByTestId('buy-done').waitFor();
    expect(new URL(buyer.url()).pathname).toBe('/live/demo'); // never left the room
    expect(await sheet.getByTestId('buy-done').textContent()).toContain(zh.buy.paid);
    await buyer.screenshot({ path: `${shots}/buy-phone-done-zh.png` });

    await expect.poll(() => host.getByTestId('sales-orders').locator('dd').textContent(), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => host.getByTestId('sales-paidOrders').locator('dd').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await host.getByTestId('sales-gmv').locator('dd').textContent()).toBe('¥256.00');
    await host.screenshot({ path: `${shots}/console-sales-zh.png` });

    // The order is in "my orders", paid.
    await buyer.goto('/me');
    const mine = buyer.locator('.order-row', { hasText: '云南普洱茶饼 357g' });
    await expect.poll(() => mine.locator('.order-state').textContent()).toBe(zh.orders.states.paid);
    await buyer.screenshot({ path: `${shots}/my-orders-phone-zh.png` });
  }, 120_000);

  it('an unpaid order can be cancelled from its page, and a paid one can ask for a refund', async () => {
    await buyer.goto('/live/demo');
    await buyer.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    await buyer.locator('.roomcart-item', { hasText: '手工竹编收纳篮' }).getByRole('button', { name: zh.cart.buy, exact: true }).click();
    const sheet = buyer.getByTestId('buy-sheet');
    await expect.poll(() => sheet.getByRole('radio', { name: /王小明/ }).isChecked()).toBe(true); // the saved address, chosen
    await sheet.getByRole('button', { name: zh.buy.place }).click();
    await buyer.frameLocator('[data-testid=pay-frame]').locator('[data-pay]').waitFor();

    await buyer.goto('/me');
    await buyer.locator('.order-row', { hasText: '手工竹编收纳篮' }).getByRole('link').click();
    await buyer.getByRole('button', { name: zh.orders.cancel }).click();
    await expect.poll(() => buyer.getByTestId('order-page').getAttribute('data-state')).toBe('cancelled');

    await buyer.goto('/me');
    await buyer.locator('.order-row', { hasText: '云南普洱茶饼 357g' }).getByRole('link').click();
    await buyer.getByRole('button', { name: zh.orders.askRefund }).click();
    await buyer.getByLabel(zh.orders.refundReason).fill('买多了一饼');
    await buyer.getByRole('button', { name: zh.orders.sendRefund }).click();
    await buyer.getByTestId('order-refund-asked').waitFor();
    await buyer.screenshot({ path: `${shots}/order-phone-refund-zh.png`, fullPage: true });
  }, 90_000);

  it('the host starts a flash sale in one more tap; the viewer sees its countdown and stock, and buys at its price', async () => {
    await host.goto(`/studio/rooms/${roomId}`);
    await host.getByRole('button', { name: new RegExp(zh.consoleSales.flashTitle) }).click();
    const form = host.getByRole('form', { name: zh.consoleSales.flashTitle });
    await form.getByLabel(zh.consoleSales.units, { exact: true }).fill('5');
    await host.screenshot({ path: `${shots}/console-flash-form-zh.png` });
    await form.getByRole('button', { name: zh.consoleSales.startFlash }).click();
    await host.locator('.console-done').waitFor();

    await buyer.goto('/live/demo');
    const card = buyer.getByTestId('flash-card');
    await expect.poll(() => card.getByTestId('flash-left').textContent()).toBe(zh.flash.left.replace('{{n}}', '5').replace('{{total}}', '5'));
    const countdown = card.getByTestId('flash-countdown');
    const first = await countdown.textContent();
    expect(first).toMatch(/\d+:\d\d/);
    await expect.poll(() => countdown.textContent()).not.toBe(first); // it ticks
    await buyer.screenshot({ path: `${shots}/flash-phone-zh.png` });

    await card.getByRole('button', { name: zh.flash.buy }).click();
    const sheet = buyer.getByTestId('buy-sheet');
    await expect.poll(() => sheet.getByTestId('buy-price').textContent()).toBe('¥102.40');
    await sheet.getByTestId('flash-countdown').waitFor();
    expect(await sheet.getByRole('button', { name: zh.buy.more }).isDisabled()).toBe(true); // 1 per buyer
    await expect.poll(() => sheet.getByRole('radio', { name: /王小明/ }).isChecked()).toBe(true);
    await sheet.getByRole('button', { name: zh.buy.place }).click();
    await buyer.frameLocator('[data-testid=pay-frame]').locator('[data-pay]').click();
    await sheet.getByTestId('buy-done').waitFor();
    await buyer.getByRole('button', { name: zh.buy.keepWatching }).click();
    await expect.poll(() => card.getByTestId('flash-left').textContent(), { timeout: 10_000 }).toBe(zh.flash.left.replace('{{n}}', '4').replace('{{total}}', '5'));

    // Having bought, the viewer's chat carries the buyer badge.
    await buyer.getByLabel(zh.chat.placeholder).fill('已下单，期待！');
    await buyer.getByRole('button', { name: zh.chat.send, exact: true }).click();
    const line = buyer.locator('.livechat-line', { hasText: '已下单，期待！' });
    await expect.poll(() => line.locator('.livechat-role-buyer').textContent()).toBe(zh.chat.roles.buyer);
  }, 120_000);

  it('the host drops a coupon; the viewer claims it over the video', async () => {
    await host.getByRole('button', { name: zh.consoleSales.couponTitle }).click();
    const form = host.getByRole('form', { name: zh.consoleSales.couponTitle });
    await form.getByRole('button', { name: zh.consoleSales.dropCoupon }).click();
    await host.locator('.console-done').waitFor();

    const drop = buyer.getByTestId('coupon-drop');
    await drop.waitFor();
    await drop.getByRole('button', { name: zh.coupon.claim }).click();
    await expect.poll(() => drop.getByRole('button').textContent()).toBe(zh.coupon.claimed);
    await buyer.screenshot({ path: `${shots}/coupon-phone-zh.png` });

    // After a reload the room reads the viewer's claims: the coupon stays claimed.
    await buyer.reload();
    await drop.waitFor();
    await expect.poll(() => drop.getByRole('button').textContent()).toBe(zh.coupon.claimed);
    expect(await drop.getByRole('button').isDisabled()).toBe(true);
    await buyer.screenshot({ path: `${shots}/coupon-phone-reloaded-zh.png` });

    // The claimed coupon applies in the buy sheet: ¥10 off the ¥128 tea.
    await buyer.getByRole('button', { name: new RegExp(zh.cart.open) }).click();
    await buyer.locator('.roomcart-item', { hasText: '景德镇青花茶杯' }).getByRole('button', { name: zh.cart.buy, exact: true }).click();
    const sheet = buyer.getByTestId('buy-sheet');
    await sheet.locator('.buy-coupons').waitFor();
    await sheet.locator('.buy-coupon input[type=radio]').first().check();
    await expect.poll(() => sheet.getByTestId('buy-total').textContent()).toBe('¥158.00');
  }, 90_000);

  it("the merchant's orders page filters, marks an order shipped, and the sales tabs render", async () => {
    const desk = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    desk.setDefaultTimeout(15_000);
    contexts.push(desk);
    const owner = await desk.newPage();
    await owner.goto('/login');
    await owner.locator('input[name=email]').fill(server.seed.ownerEmail);
    await owner.locator('input[name=password]').fill(server.seed.ownerPassword);
    await owner.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await owner.waitForURL((url) => !url.pathname.startsWith('/login'));

    await owner.goto('/admin/orders');
    const rows = owner.locator('tr[data-order-id]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3); // tea ×2 paid, the basket cancelled, the flash sale's tea paid
    const filters = owner.getByRole('form', { name: zh.adminSales.filters });
    await filters.getByLabel(zh.adminSales.state).selectOption('paid');
    await filters.getByRole('button', { name: zh.adminSales.apply }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    expect(await owner.getByRole('link', { name: zh.adminSales.csv }).getAttribute('href')).toContain('orders.csv?state=paid');

    const row = rows.first();
    await row.getByRole('button', { name: zh.adminSales.ship }).click();
    await row.getByLabel(zh.adminSales.carrier).fill('顺丰速运');
    await row.getByLabel(zh.adminSales.tracking).fill('SF1234567890');
    await owner.screenshot({ path: `${shots}/admin-orders-ship-zh.png` });
    await row.getByRole('button', { name: zh.adminSales.markShipped }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1); // shipped leaves the "paid" filter

    await filters.getByLabel(zh.adminSales.state).selectOption('shipped');
    await filters.getByRole('button', { name: zh.adminSales.apply }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('SF1234567890');
    await owner.screenshot({ path: `${shots}/admin-orders-zh.png` });

    // The show and the buyer are picked by name: the show on air and the one buyer → all three orders.
    await filters.getByLabel(zh.adminSales.state).selectOption('');
    const showPicker = filters.getByLabel(zh.adminSales.show);
    await expect.poll(() => showPicker.locator('option').count()).toBeGreaterThan(1);
    const onAir = (await ownerApi.get(`/api/v1/shops/${shopId}/orders?limit=1`)).body.orders[0].showId as string;
    await showPicker.selectOption(onAir);
    const buyerPicker = filters.getByLabel(zh.adminSales.buyer);
    expect(await buyerPicker.locator('option').count()).toBe(2); // "any" and the buyer
    await buyerPicker.selectOption({ index: 1 });
    await filters.getByRole('button', { name: zh.adminSales.apply }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect(await filters.getByLabel(zh.adminSales.buyer).inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await owner.screenshot({ path: `${shots}/admin-orders-pickers-zh.png` });

    // A part of the shipped order is refunded with one of its two cakes sent back: the order is
    // partially refunded, that unit goes back to stock, the other stays sold.
    const shippedRow = rows.filter({ hasText: 'SF1234567890' });
    await shippedRow.getByRole('button', { name: zh.adminSales.refund }).click();
    const refund = shippedRow.getByRole('form', { name: zh.adminSales.refund });
    await refund.getByLabel(zh.adminSales.refundAmount).fill('999999');
    await refund.getByLabel(zh.adminSales.refundReason).fill('少发一件赠品');
    await refund.getByRole('button', { name: zh.adminSales.refundSubmit }).click();
    await shippedRow.getByRole('alert').waitFor(); // more than was paid: refused in the form
    await refund.getByLabel(zh.adminSales.refundAmount).fill('10');
    await refund.locator('input.order-refund-units').first().fill('1');
    await owner.screenshot({ path: `${shots}/admin-orders-refund-zh.png` });
    await refund.getByRole('button', { name: zh.adminSales.refundSubmit }).click();
    await expect.poll(() => shippedRow.textContent(), { timeout: 15_000 }).toContain(zh.orders.states.partially_refunded);
    const shippedOrder = (await ownerApi.get(`/api/v1/shops/${shopId}/orders?state=partially_refunded`)).body.orders[0];
    expect(shippedOrder).toMatchObject({ refundedMinor: 1000, returnedUnits: [1] });
    await owner.screenshot({ path: `${shots}/admin-orders-refunded-zh.png` });

    for (const [tab, ready] of [['stock', 'tbody tr'], ['coupons', 'tr[data-coupon-id]'], ['presales', 'form'], ['shows', 'tr[data-show-id]']] as const) {
      await owner.goto(`/admin/${tab}`);
      await owner.locator(ready).first().waitFor();
      await owner.screenshot({ path: `${shots}/admin-${tab}-zh.png`, fullPage: true });
    }
    // Each show's sales lead to its analytics report.
    const report = owner.locator('tr[data-show-id]').first().getByRole('link', { name: zh.adminSales.showReport });
    const showId = await owner.locator('tr[data-show-id]').first().getAttribute('data-show-id');
    expect(await report.getAttribute('href')).toBe(`/studio/reports/${showId}`);
    await report.click();
    await owner.waitForURL((url) => url.pathname === `/studio/reports/${showId}`);
  }, 120_000);

  it('a presale in the room: the viewer pays its deposit, and the order waits for the balance', async () => {
    const sales = (await owner.get('/api/v1/rooms/demo/sales')).body;
    for (const sale of sales.flashSales) await owner.post(`/api/v1/shops/${shopId}/flash-sales/${sale.id}/cancel`, {});
    const product = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products.find((p: { title: string }) => p.title === '宁夏枸杞 500g');
    const hour = 3_600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const created = await owner.post(`/api/v1/shops/${shopId}/presales`, {
      roomId, productId: product.id, priceMinor: 6_800, depositMinor: 1_000, depositWorthMinor: 2_000, units: 50,
      depositEndsAt: at(hour), balanceStartsAt: at(2 * hour), balanceEndsAt: at(3 * hour), missedBalance: 'forfeit',
    });
    expect(created.status).toBe(201);

    await buyer.goto('/live/demo');
    const card = buyer.getByTestId('presale-card');
    await card.getByRole('button', { name: zh.presale.pay }).click();
    const sheet = buyer.getByTestId('buy-sheet');
    await expect.poll(() => sheet.getByTestId('buy-price').textContent()).toBe('¥10.00');
    expect(await sheet.getByTestId('presale-terms').textContent()).toContain('¥48.00'); // the balance: 68 − 20
    await expect.poll(() => sheet.getByRole('radio', { name: /王小明/ }).isChecked()).toBe(true);
    await buyer.screenshot({ path: `${shots}/presale-phone-zh.png` });
    await sheet.getByRole('button', { name: zh.buy.place }).click();
    await expect.poll(() => sheet.getByTestId('buy-due').textContent()).toBe('¥10.00');
    await buyer.frameLocator('[data-testid=pay-frame]').locator('[data-pay]').click();
    await sheet.getByTestId('buy-done').waitFor();
    expect(await sheet.getByTestId('buy-done').textContent()).toContain(zh.buy.depositPaid);
  }, 120_000);

  it('on a desktop the buy sheet takes the cart column beside the video', async () => {
    const wide = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    wide.setDefaultTimeout(15_000);
    contexts.push(wide);
    await wide.addCookies(await buyer.context().cookies());
    const page = await wide.newPage();
    await page.goto('/live/demo');
    await page.locator('.room-cart-column .roomcart-item', { hasText: '扎染纯棉 T 恤' }).getByRole('button', { name: zh.cart.buy, exact: true }).click();
    const sheet = page.locator('.room-cart-column').getByTestId('buy-sheet');
    await sheet.getByRole('button', { name: '靛蓝' }).click();
    await sheet.getByRole('button', { name: 'L', exact: true }).click();
    await expect.poll(() => sheet.getByTestId('buy-price').textContent()).toBe('¥99.00');
    expect(await page.locator('.room-center .room-stage').isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}/buy-desktop-zh.png` });
  }, 90_000);
});
