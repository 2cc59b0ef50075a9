import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The leaving page of a click-out to a site no marketplace recogniser knows, on a phone: the host
 * plainly, continue and back; then the operator verifies the host on /ops and the same link opens
 * at once. The destination never loads from the network: the browser's requests to it are answered
 * here. Screenshots go to test-results/browser/.
 */
const executablePath = chromiumPath();
const shots = 'test-results/browser';
const destination = 'https://deals.partner-shop.example/p/42?colour=red';

describe.skipIf(!executablePath)('web: leaving hutong through a click-out', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let code: string;

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    // The destination, as the browser would reach it: a page of its own, never the network.
    await context.route('https://deals.partner-shop.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>partner</title><h1 id="arrived">partner shop</h1>' }),
    );
    return context.newPage();
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer();
    const owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    const roomId = (await server.hutong.rooms.bySlug('demo')).id;
    const listing = (await owner.post(`/api/v1/shops/${shopId}/listings`, { url: destination, title: 'Partner shop deal' })).body.listing;
    await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/items`, { listingId: listing.id });
    const item = (await new ApiClient(server.url).get('/api/v1/rooms/demo/cart')).body.items.find((i: any) => i.title === 'Partner shop deal');
    code = String(item.link.url).replace(/^\/go\//, '');
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('names the host and asks before leaving; continue goes there, and the click is counted once', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`/go/${code}`);
    await expect.poll(() => page.locator('[data-host]').textContent()).toBe('deals.partner-shop.example');
    const continueLink = page.getByRole('link', { name: /Continue to deals\.partner-shop\.example/ });
    await expect.poll(() => continueLink.isVisible()).toBe(true);
    // The whole page fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots}/click-out-leaving-phone.png`, fullPage: true });
    expect(await server.hutong.clickOut.clicksOf((await server.hutong.rooms.bySlug('demo')).shopId)).toHaveLength(0);

    await continueLink.click();
    await page.waitForURL(destination);
    expect(await page.locator('#arrived').textContent()).toBe('partner shop');
    expect(await server.hutong.clickOut.clicksOf((await server.hutong.rooms.bySlug('demo')).shopId)).toHaveLength(1);
  });

  it('opens at once once the operator verified the host on /ops', async () => {
    const ops = await newPage({ width: 1280, height: 900 });
    await ops.goto('/login');
    await ops.locator('input[name=email]').fill(server.seed.operatorEmail);
    await ops.locator('input[name=password]').fill(server.seed.ownerPassword);
    await ops.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await ops.waitForURL((url) => url.pathname !== '/login');
    await ops.goto('/ops');
    const section = ops.locator('section.verified-hosts');
    await section.getByLabel(zh.verifiedHosts.host).fill('https://deals.partner-shop.example/anything');
    await section.getByRole('button', { name: zh.verifiedHosts.verify, exact: true }).click();
    await expect.poll(() => section.locator('tr[data-host="deals.partner-shop.example"]').count()).toBe(1);
    await expect.poll(() => section.locator('tr[data-audit-id]').count()).toBe(1);
    await section.screenshot({ path: `${shots}/click-out-verified-hosts.png` });

    // A private host is refused with its translated message.
    await section.getByLabel(zh.verifiedHosts.host).fill('http://0x7f.1/');
    await section.getByRole('button', { name: zh.verifiedHosts.verify, exact: true }).click();
    await expect.poll(() => section.getByRole('alert').textContent()).toBe(zh.errors.LINKS_URL_HOST_REFUSED);

    // The same link now redirects at once (asked without following: Chromium hands a redirect to a
    // routed host to the network when it answers a navigation the browser itself started).
    const res = await ops.request.get(`/go/${code}`, { maxRedirects: 0 });
    expect([res.status(), res.headers()['location']]).toEqual([302, destination]);
  });
});
