import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import en from '../../web/src/i18n/en.json';
import { chromiumArgs, chromiumPath } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';
import { until } from '../support/hutong-process';
import { Receiver } from '../webhooks/receiver';

/**
 * The shop admin's Webhooks tab in Chromium: subscribe an address (the signing secret shown), send a
 * test event that a real receiver gets, read the delivery log with the request and the answer, and
 * redeliver it with the same webhook-id.
 */
const executablePath = chromiumPath();
const shots = 'test-results/browser';

describe.skipIf(!executablePath)('web: the webhooks tab', () => {
  let server: TestServer;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    receiver = await Receiver.start();
    server = await startTestServer({ env: { HUTONG_WEBHOOK_ALLOW_PRIVATE: 'true', HUTONG_WEBHOOK_POLL_MS: '100' } });
    browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
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
    await receiver?.close();
  });

  it('subscribes an address, sends a test event, shows the log and redelivers', async () => {
    await page.goto('/admin/webhooks');
    await page.getByText(en.admin.webhooks.empty).waitFor();
    await page.locator('input[name=url]').fill(`${receiver.url}/erp`);
    await page.locator('input[name=description]').fill('ERP orders');
    await page.getByLabel('order.created').check();
    await page.screenshot({ path: `${shots}/admin-webhooks-form.png`, fullPage: true });
    await page.getByRole('button', { name: en.admin.webhooks.createSubmit }).click();
    const secret = (await page.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: en.admin.apiKeys.secretDone }).click();

    const row = page.locator('tr', { hasText: `${receiver.url}/erp` });
    expect(await row.locator('.scope-list code').allTextContents()).toEqual(['order.created', 'order.paid']);
    await row.getByRole('button', { name: en.admin.webhooks.sendTest }).click();
    await row.getByText(en.admin.webhooks.testSent).waitFor();
    const first = await until(() => receiver.accepted('/erp')[0], 'the test event', 20_000);
    expect(JSON.parse(first.body).type).toBe('webhook.test');

    await row.getByRole('button', { name: en.admin.webhooks.deliveries }).click();
    const log = page.locator('section', { hasText: en.admin.webhooks.logTitle.replace('{{url}}', `${receiver.url}/erp`) });
    const delivered = log.locator('tr', { hasText: 'webhook.test' });
    await until(async () => {
      await log.getByRole('button', { name: en.admin.webhooks.refresh }).click();
      return (await delivered.textContent())?.includes(en.admin.webhooks.deliveryState.succeeded);
    }, 'the delivery shown as delivered', 20_000);
    await delivered.getByRole('button', { name: en.admin.webhooks.details }).click();
    await log.getByText('webhook-signature: v1,').waitFor();
    await page.screenshot({ path: `${shots}/admin-webhooks-log.png`, fullPage: true });

    await delivered.getByRole('button', { name: en.admin.webhooks.redeliver }).click();
    const again = await until(() => receiver.accepted('/erp')[1], 'the redelivery', 20_000);
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);

    await row.getByRole('button', { name: en.admin.webhooks.disable }).click();
    await row.getByText(en.admin.webhooks.disabled, { exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/admin-webhooks-disabled.png`, fullPage: true });
  });

  it('offers the show and pin events, named in words, and logs a show going live and a pin', async () => {
    await page.goto('/admin/webhooks');
    await page.locator('input[name=url]').fill(`${receiver.url}/live`);
    await page.getByLabel('order.paid').uncheck();
    for (const type of ['show.started', 'show.ended', 'item.pinned'] as const) {
      const [group, name] = type.split('.') as ['show' | 'item', string];
      const choice = page.locator('label.scope-choice', { hasText: type });
      expect(await choice.locator('span').textContent()).toBe((en.admin.webhooks.eventType[group] as Record<string, string>)[name]);
      if (type !== 'show.ended') await choice.locator('input').check();
    }
    await page.screenshot({ path: `${shots}/admin-webhooks-live-events.png`, fullPage: true });
    await page.getByRole('button', { name: en.admin.webhooks.createSubmit }).click();
    await page.locator('code.secret').waitFor();
    await page.getByRole('button', { name: en.admin.apiKeys.secretDone }).click();
    const row = page.locator('tr', { hasText: `${receiver.url}/live` });
    expect(await row.locator('.scope-list code').allTextContents()).toEqual(['show.started', 'item.pinned']);

    const roomId = (await (await fetch(`${server.url}/api/v1/rooms/demo`)).json()).room.id as string;
    const { room } = await server.hutong.shows.goLive(roomId);
    const cart = await server.hutong.cart.studioCart(room.shopId, roomId);
    await server.hutong.cart.pin(room.shopId, roomId, cart.items.find((i) => i.policy !== 'hidden')!.id);
    const got = await until(() => receiver.accepted('/live').length >= 2 && receiver.accepted('/live'), 'the show and the pin', 20_000);
    expect(got.map((r) => JSON.parse(r.body).type)).toEqual(['show.started', 'item.pinned']);

    await row.getByRole('button', { name: en.admin.webhooks.deliveries }).click();
    const log = page.locator('section', { hasText: en.admin.webhooks.logTitle.replace('{{url}}', `${receiver.url}/live`) });
    await until(async () => {
      await log.getByRole('button', { name: en.admin.webhooks.refresh }).click();
      return (await log.locator('tr', { hasText: 'item.pinned' }).textContent())?.includes(en.admin.webhooks.deliveryState.succeeded);
    }, 'the pin shown as delivered', 20_000);
    await log.locator('tr', { hasText: 'show.started' }).waitFor();
    await page.screenshot({ path: `${shots}/admin-webhooks-live-log.png`, fullPage: true });
  });

  it('rotates a secret: the new one shown once, the old one said to sign for a day more', async () => {
    await page.goto('/admin/webhooks');
    const row = page.locator('tr', { hasText: `${receiver.url}/live` });
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: en.admin.webhooks.rotate }).click();
    const secret = (await page.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await page.getByText(en.admin.webhooks.rotatedWarning).waitFor();
    await page.screenshot({ path: `${shots}/admin-webhooks-rotated.png`, fullPage: true });
    await page.getByRole('button', { name: en.admin.apiKeys.secretDone }).click();
    await row.getByTestId('old-secret-until').waitFor();
    const shopId = (await server.hutong.identity.shops.bySlugs(['demo']))[0]!.id;
    const hooks = await server.hutong.webhooks.endpoints.list(shopId, { limit: 50 });
    const live = hooks.items.find((h) => h.url === `${receiver.url}/live`)!;
    expect(await server.hutong.webhooks.endpoints.secret(shopId, live.id)).toBe(secret);
  });
});
