import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_LINK_MARK } from '../../src/links';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { TestViewer } from '../realtime/socket-client';

/** Chat goes through the link policy's chat scene on the server: other viewers never receive a hidden link. */
describe('chat link masking through the room socket', () => {
  let server: TestServer;
  const viewers: TestViewer[] = [];
  const join = async () => {
    const v = await TestViewer.join(server.url, 'demo');
    viewers.push(v);
    await v.waitFor((f) => f.t === 'hello');
    return v;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const ops = new ApiClient(server.url);
    await ops.login(server.seed.operatorEmail, server.seed.ownerPassword);
    expect((await ops.post('/api/v1/ops/link-policy', { marketplace: 'taobao', scene: 'chat', mode: 'hidden' })).status).toBe(200);
    expect((await ops.post('/api/v1/ops/link-policy', { marketplace: 'jd', scene: 'chat', mode: 'token' })).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(viewers.map((v) => v.close()));
    await server?.close();
  });

  it('masks a hidden marketplace link, turns a token marketplace link into a token, and leaves others alone', async () => {
    const sender = await join();
    const watcher = await join();
    const text = '淘宝 https://item.taobao.com/item.htm?id=678901234567 京东 https://item.jd.com/100012345678.html 官网 https://shop.example.org/p/1';
    const ref = sender.chat(text);
    const want = `淘宝 ${HIDDEN_LINK_MARK} 京东 【jd 100012345678】 官网 https://shop.example.org/p/1`;
    const ack = await sender.waitFor((f) => f.t === 'ack' && f.ref === ref);
    expect(ack.t === 'ack' && ack.message.text).toBe(want);
    await watcher.waitFor(() => watcher.chatTexts().includes(want));
    expect(watcher.chatTexts().some((t) => t.includes('taobao'))).toBe(false);
  });
});
