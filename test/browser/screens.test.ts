import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Every screen of the web app in both languages, on a phone and on a desktop, as PNGs in
 * test-results/screens/all/ for people to look at (docs/screens.md shows the best). Each page must
 * render its main heading and overflow nothing sideways; a page that fails to load fails here.
 */
const executablePath = chromiumPath();
const dir = 'test-results/screens/all';

interface Screen {
  name: string;
  path: string;
  /** Who is logged in (the demo accounts), if anyone. */
  as?: 'owner' | 'host' | 'operator';
  /** What shows that the page has loaded. */
  ready: string;
}

const screens: Screen[] = [
  { name: 'home', path: '/', ready: '.shelf' },
  { name: 'shop', path: '/shop/demo', ready: '.shop-head h1' },
  { name: 'room', path: '/live/demo', ready: '.room-stage' },
  { name: 'embed', path: '/embed/demo', ready: '.room-stage' },
  { name: 'login', path: '/login', ready: 'form' },
  { name: 'signup', path: '/signup', ready: 'form' },
  { name: 'home-owner', path: '/', as: 'owner', ready: '.shelf' },
  { name: 'my-orders', path: '/me', as: 'owner', ready: '.my-orders h1' },
  { name: 'studio', path: '/studio', as: 'host', ready: 'table' },
  { name: 'console', path: '/studio', as: 'host', ready: '.console-grid' },
  { name: 'admin-products', path: '/admin', as: 'owner', ready: 'tr[data-product-id]' },
  { name: 'admin-listings', path: '/admin/listings', as: 'owner', ready: 'tr[data-listing-id]' },
  { name: 'admin-commission', path: '/admin/commission', as: 'owner', ready: 'form' },
  { name: 'admin-members', path: '/admin/members', as: 'owner', ready: 'table' },
  { name: 'admin-api-keys', path: '/admin/api-keys', as: 'owner', ready: 'form' },
  // sales: the merchant's tabs (the demo shop has no orders yet: their empty states)
  { name: 'admin-orders', path: '/admin/orders', as: 'owner', ready: '.admin-orders p.muted' },
  { name: 'admin-stock', path: '/admin/stock', as: 'owner', ready: 'tbody tr' },
  { name: 'admin-coupons', path: '/admin/coupons', as: 'owner', ready: 'form' },
  { name: 'admin-presales', path: '/admin/presales', as: 'owner', ready: 'form' },
  { name: 'admin-shows', path: '/admin/shows', as: 'owner', ready: 'p.muted' },
  { name: 'admin-embed', path: '/admin/embed', as: 'owner', ready: 'form' },
  { name: 'ops', path: '/ops', as: 'operator', ready: 'select' },
];

describe.skipIf(!executablePath)('web: every screen, in both languages', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const locale of ['zh-CN', 'en-US'] as const) {
    it(`renders every screen in ${locale}, phone and desktop`, async () => {
      const emails = { owner: server.seed.ownerEmail, host: server.seed.hostEmail, operator: server.seed.operatorEmail };
      for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1440, height: 900 }]] as const) {
        for (const as of [undefined, 'owner', 'host', 'operator'] as const) {
          const mine = screens.filter((s) => s.as === as);
          if (mine.length === 0) continue;
          const context = await browser.newContext({ baseURL: server.url, locale, viewport, isMobile: device === 'phone', hasTouch: device === 'phone' });
          context.setDefaultTimeout(15_000);
          const page = await context.newPage();
          // Every screen works under the page CSP: no refusal reported on any of them.
          const refused: string[] = [];
          page.on('console', (m) => {
            if (m.text().includes('Content Security Policy')) refused.push(m.text());
          });
          if (as) {
            await page.goto('/login');
            await page.locator('input[name=email]').fill(emails[as]);
            await page.locator('input[name=password]').fill(server.seed.ownerPassword);
            await page.locator('form button[type=submit]').click();
            await page.waitForURL((url) => !url.pathname.startsWith('/login'));
          }
          for (const screen of mine) {
            await page.goto(screen.path);
            if (screen.name === 'console') await page.locator('table a.button').first().click();
            await page.locator(screen.ready).first().waitFor();
            await page.waitForTimeout(300); // images and fonts settle
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${screen.name} (${device}, ${locale}) overflows sideways`).toBeLessThanOrEqual(0);
            await page.screenshot({ path: `${dir}/${screen.name}-${device}-${locale === 'zh-CN' ? 'zh' : 'en'}.png`, fullPage: screen.name !== 'room' });
          }
          expect(refused, `CSP refusals (${device}, ${locale}, ${as ?? 'visitor'})`).toEqual([]);
          await context.close();
        }
      }
    }, 180_000);
  }
});
