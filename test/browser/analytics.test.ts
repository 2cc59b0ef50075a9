import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { TestViewer } from '../realtime/socket-client';

/** The analytics screens in Chromium: the console's dashboard moving, the report, the operator's overview. */
const executablePath = chromiumPath();
const shots = 'test-results/browser';

describe.skipIf(!executablePath)('web: analytics', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let showId: string;
  let roomId: string;
  const viewers: TestViewer[] = [];
  let sampler: NodeJS.Timeout;

  async function login(p: Page, email: string): Promise<void> {
    await p.goto('/login');
    await p.locator('input[name=email]').fill(email);
    await p.locator('input[name=password]').fill(server.seed.ownerPassword);
    await p.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await p.waitForURL((url) => url.pathname !== '/login');
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer({ env: { HUTONG_SECRET: 'a'.repeat(40) } });
    roomId = (await server.hutong.rooms.bySlug('demo')).id;
    showId = (await server.hutong.shows.goLive(roomId)).show.id;
    // The test samples every second instead of waiting for the 5 s timer.
    sampler = setInterval(() => void server.hutong.analytics.settle().catch(() => {}), 1000);
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
    context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 1400 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await login(page, server.seed.ownerEmail);
  });

  afterAll(async () => {
    clearInterval(sampler);
    for (const v of viewers) v.ws.close();
    await browser?.close();
    await server?.close();
  });

  it("moves the console's dashboard as viewers join and like", async () => {
    await page.goto(`/studio/rooms/${roomId}`);
    const dash = page.getByTestId('live-dashboard');
    await dash.waitFor();
    for (let i = 0; i < 4; i++) viewers.push(await TestViewer.join(server.url, 'demo'));
    viewers[0]!.send({ t: 'like', n: 20 });
    await expect.poll(() => dash.getByTestId('kpi-views').locator('dd').textContent(), { timeout: 20_000 }).toBe('4');
    await expect.poll(() => dash.getByTestId('kpi-likes').locator('dd').textContent(), { timeout: 20_000 }).toBe('20');
    await expect.poll(() => dash.locator('.tchart-plot').first().getAttribute('data-points'), { timeout: 20_000 }).not.toBe('0');
    await dash.scrollIntoViewIfNeeded();
    await dash.screenshot({ path: `${shots}/analytics-dashboard.png` });
    // More viewers: the online tile follows the socket at once.
    for (let i = 0; i < 3; i++) viewers.push(await TestViewer.join(server.url, 'demo'));
    await expect.poll(() => dash.getByTestId('kpi-views').locator('dd').textContent(), { timeout: 20_000 }).toBe('7');
  });

  it('shows the report with exports, and the shows compared', async () => {
    await page.goto(`/studio/reports/${showId}`);
    await page.getByTestId('show-report').waitFor();
    await expect.poll(() => page.getByTestId('funnel-views').textContent()).toContain('7');
    expect(await page.getByTestId('export-csv').getAttribute('href')).toContain(`/analytics/shows/${showId}/series.csv`);
    await page.screenshot({ path: `${shots}/analytics-report.png`, fullPage: true });
    await page.goto('/studio/reports');
    await expect.poll(() => page.getByTestId('shows-compared').locator('tbody tr').count()).toBe(1);
  });

  it("gives the operator the live overview across shops", async () => {
    const ops = await context.browser()!.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const p = await ops.newPage();
    await login(p, server.seed.operatorEmail);
    await p.goto('/ops');
    const section = p.getByTestId('ops-analytics');
    await expect.poll(() => section.locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    await section.screenshot({ path: `${shots}/analytics-ops.png` });
    await ops.close();
  });
});
