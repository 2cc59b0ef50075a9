import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import en from '../../web/src/i18n/en.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A shop owner's own tools in the browser: an API key shown once that really works and really
 * stops working when revoked, and opening a second shop that the switcher then offers.
 */
const executablePath = chromiumPath();
const shots = 'test-results/browser';

describe.skipIf(!executablePath)('web: a shop owner', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath,
      args: [...chromiumArgs],
    });
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-US', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name=email]').fill(server.seed.ownerEmail);
    await page.locator('input[name=password]').fill(server.seed.ownerPassword);
    await page.getByRole('button', { name: en.auth.loginSubmit, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const productsWith = (secret: string) =>
    fetch(`${server.url}/api/v1/shops/${shopId}/products`, { headers: { authorization: `Bearer ${secret}` } });
  let shopId = '';

  it('creates an API key shown once, which works until it is revoked', async () => {
    shopId = (await (await page.request.get('/api/v1/me')).json()).memberships[0].shop.id;
    await page.goto('/admin/api-keys');
    await page.locator('input[name=name]').fill('ERP sync');
    await page.getByRole('button', { name: en.admin.apiKeys.createSubmit }).click();
    const secret = (await page.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^htk_[\w-]{40,}$/);
    await page.screenshot({ path: `${shots}/admin-api-key-once.png` });
    expect((await productsWith(secret)).status).toBe(200);
    // The form's default is reading only: this key may not write the catalogue.
    const write = await fetch(`${server.url}/api/v1/shops/${shopId}/products`, {
      method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x', priceMinor: 1 }),
    });
    expect(write.status).toBe(403);

    await page.getByRole('button', { name: en.admin.apiKeys.secretDone }).click();
    await expect.poll(() => page.locator('code.secret').count()).toBe(0);
    const row = page.locator('tr', { hasText: 'ERP sync' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain(secret.slice(12));
    expect(await row.locator('.scope-list code').allTextContents()).toEqual(['catalog:read', 'live:read', 'sales:read']);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: en.admin.apiKeys.revoke }).click();
    await row.getByText(en.admin.apiKeys.revoked).waitFor();
    await page.screenshot({ path: `${shots}/admin-api-key-revoked.png` });
    expect((await productsWith(secret)).status).toBe(401);
  });

  it('creates a key with the scopes ticked and its own rate limit', async () => {
    await page.goto('/admin/api-keys');
    await page.locator('input[name=name]').fill('Order hook');
    await page.locator('input[name=ratePerMinute]').fill('120');
    await page.getByLabel(en.admin.apiKeys.scope.catalogRead).uncheck();
    await page.getByLabel(en.admin.apiKeys.scope.liveRead).uncheck();
    await page.getByLabel(en.admin.apiKeys.scope.webhooks).check();
    await page.screenshot({ path: `${shots}/admin-api-key-scopes.png`, fullPage: true });
    await page.getByRole('button', { name: en.admin.apiKeys.createSubmit }).click();
    const secret = (await page.locator('code.secret').textContent())!;
    const products = await productsWith(secret);
    expect(products.status).toBe(403);
    expect(((await products.json()) as { error: { code: string } }).error.code).toBe('IDENTITY_API_KEY_SCOPE');
    const orders = await fetch(`${server.url}/api/v1/shops/${shopId}/orders`, { headers: { authorization: `Bearer ${secret}` } });
    expect(orders.status).toBe(200);
    expect(orders.headers.get('ratelimit-limit')).toBe('120');
    await page.getByRole('button', { name: en.admin.apiKeys.secretDone }).click();
    const row = page.locator('tr', { hasText: 'Order hook' });
    expect(await row.locator('.scope-list code').allTextContents()).toEqual(['sales:read', 'webhooks']);
    await page.screenshot({ path: `${shots}/admin-api-keys-list.png`, fullPage: true });
  });

  it('marks an invalid shop address without asking the server, then opens a valid shop', async () => {
    await page.goto('/');
    await page.locator('input[name=name]').fill('Second shop');
    await page.locator('input[name=slug]').fill('Not A Slug!');
    await page.getByRole('button', { name: en.home.createShopSubmit }).click();
    await page.getByText(en.form.invalid.slug).waitFor();
    await page.screenshot({ path: `${shots}/home-invalid-slug.png` });

    await page.locator('input[name=slug]').fill('second-shop');
    await page.getByRole('button', { name: en.home.createShopSubmit }).click();
    const switcher = page.locator('header select[name=shop]');
    await expect.poll(() => switcher.locator('option:checked').textContent()).toBe('Second shop');
    expect(await switcher.locator('option').allTextContents()).toEqual(expect.arrayContaining(['hutong 演示店', 'Second shop']));
    await page.screenshot({ path: `${shots}/home-second-shop.png` });
  });
});
