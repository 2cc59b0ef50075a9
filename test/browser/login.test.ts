import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import en from '../../web/src/i18n/en.json';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer } from '../support/server';

/**
 * The web app against the real assembled server (seeded with the demo shop), in Chromium.
 * Expected texts come from the translation files, so rewording a label does not break the test.
 * Screenshots of each step go to test-results/browser/ for a human to look at.
 */
const executablePath = chromiumPath();
const shots = 'test-results/browser';
const demoShopName = 'hutong 演示店';

describe.skipIf(!executablePath)('web: logging in', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath,
      args: [...chromiumArgs],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  /** A fresh browser profile (no cookie, no remembered language), Chinese by default. */
  async function openPage(path: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  async function fillLogin(page: Page, email: string, password: string): Promise<void> {
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
  }

  it('refuses a wrong password with a translated message and stays on /login', async () => {
    const page = await openPage('/login');
    await fillLogin(page, server.seed.ownerEmail, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(zh.errors.IDENTITY_INVALID_CREDENTIALS);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: `${shots}/login-wrong-password.png` });
  });

  it('logs the demo owner in, shows the demo shop, and opens its products in shop admin', async () => {
    const page = await openPage('/login');
    await page.screenshot({ path: `${shots}/login-1-form.png` });

    // An owner who came from nowhere in particular lands in shop admin, where owners work.
    await fillLogin(page, server.seed.ownerEmail, server.seed.ownerPassword);
    await page.waitForURL((url) => url.pathname === '/admin');
    const shopSwitcher = page.locator('header select[name=shop]');
    await expect.poll(() => shopSwitcher.locator('option:checked').textContent()).toBe(demoShopName);
    const productsTab = page.getByRole('link', { name: zh.admin.tabs.products });
    expect(await productsTab.getAttribute('aria-current')).toBe('page');
    const rows = page.locator('tr[data-product-id]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${shots}/login-3-admin-products.png`, fullPage: true });
  });

  it('switches the login page to English, and remembers it', async () => {
    const page = await openPage('/login');
    await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).waitFor();

    await page.locator('header select[name=language]').selectOption('en');
    await page.getByRole('button', { name: en.auth.loginSubmit, exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/login-english.png` });

    await page.reload();
    await page.getByRole('button', { name: en.auth.loginSubmit, exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});
