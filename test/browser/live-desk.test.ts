import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import zh from '../../web/src/i18n/zh-CN.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { TestViewer } from '../realtime/socket-client';

/** The studio's live desk in Chromium: the host sees numbers and chat, deletes and mutes. */
const executablePath = chromiumPath();
const shots = 'test-results/browser';

describe.skipIf(!executablePath)('web: the studio live desk', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let viewer: TestViewer;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer({ env: { HUTONG_SECRET: 'w'.repeat(40) } });
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 1100 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name=email]').fill(server.seed.hostEmail);
    await page.locator('input[name=password]').fill(server.seed.ownerPassword);
    await page.getByRole('button', { name: zh.auth.loginSubmit, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/studio'); // a host lands in the studio
    viewer = await TestViewer.join(server.url, 'demo');
    await viewer.waitFor((f) => f.t === 'hello');
  });

  afterAll(async () => {
    await viewer?.close();
    await browser?.close();
    await server?.close();
  });

  it("reaches the room's console from the studio and shows live numbers", async () => {
    await page.goto('/studio');
    await page.getByRole('link', { name: zh.console.open }).first().click();
    await page.waitForURL((url) => /^\/studio\/rooms\/[0-9a-f-]{36}$/.test(url.pathname));
    viewer.send({ t: 'like', n: 7 });
    await expect.poll(() => page.getByTestId('num-online').locator('dd').textContent(), { timeout: 8000 }).toBe('2');
    await expect.poll(() => page.getByTestId('num-likes').locator('dd').textContent(), { timeout: 8000 }).toBe('7');
  });

  it('deletes a message for everyone and mutes its sender', async () => {
    viewer.chat('加我私聊便宜卖');
    const line = page.locator('.modchat-line', { hasText: '加我私聊便宜卖' });
    await line.waitFor();
    await page.screenshot({ path: `${shots}/console.png`, fullPage: true });
    await line.getByRole('button', { name: zh.moderation.delete }).click();
    await viewer.waitFor((f) => f.t === 'batch' && f.deleted.length > 0);
    await expect.poll(() => line.count()).toBe(0);

    viewer.chat('为什么删我');
    const second = page.locator('.modchat-line', { hasText: '为什么删我' });
    await second.getByRole('button', { name: zh.moderation.mute }).click();
    // Mute durations read in human terms; the default is 10 minutes.
    await expect.poll(() => page.locator('.modnotice').textContent()).toContain(zh.moderation.minutes.replace('{{n}}', '10'));
    const ref = viewer.chat('还能说话吗');
    await viewer.waitFor((f) => f.t === 'error' && f.ref === ref && f.code === 'REALTIME_MUTED');
    await page.screenshot({ path: `${shots}/console-muted.png`, fullPage: true });
  });
});
