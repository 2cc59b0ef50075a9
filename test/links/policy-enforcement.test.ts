import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEvent } from '../../src/contracts/room-events.schemas';
import { decide, maskLinks } from '../../src/links';
import { ApiClient } from '../support/http';
import { openCartWorld, type CartWorld } from '../cart/helpers';

/**
 * The operator's link policy, enforced on the server: the cart API (link / token / hidden),
 * the click-out, chat masking and the share decision; every change audited and announced at once.
 */
describe('link policy: per scene, audited, effective immediately', () => {
  let w: CartWorld;
  let ops: ApiClient;
  let viewer: ApiClient;
  let roomId: string;
  const events: RoomEvent[] = [];
  let stop: () => Promise<void>;

  const viewerCart = async () => (await viewer.get('/api/v1/rooms/demo/cart')).body;
  const setPolicy = (marketplace: string, scene: string, mode: string) => ops.post('/api/v1/ops/link-policy', { marketplace, scene, mode });

  beforeAll(async () => {
    w = await openCartWorld();
    ops = new ApiClient(w.server.url);
    await ops.login(w.server.seed.operatorEmail, w.server.seed.ownerPassword);
    viewer = new ApiClient(w.server.url);
    roomId = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms`)).body.rooms.find((r: any) => r.slug === 'demo').id;
    stop = await w.server.hutong.roomEvents.subscribe(roomId, (e) => events.push(e));
  });
  afterAll(async () => {
    await stop?.();
    await w?.close();
  });

  it('sends a viewer out through /go/CODE, logging the click with room, viewer and referrer', async () => {
    const taobao = (await viewerCart()).items.find((i: any) => i.marketplace === 'taobao');
    const res = await fetch(w.server.url + taobao.link.url, { redirect: 'manual', headers: { referer: `${w.server.url}/live/demo` } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://item.taobao.com/item.htm?id=678901234567');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const clicks = await w.server.hutong.clickOut.clicksOf(w.shopId);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ roomId, viewerId: null, referrer: `${w.server.url}/live/demo` });
  });

  it('tells the room that people are going to buy, one notice per item a second however many click', async () => {
    const taobao = (await viewerCart()).items.find((i: any) => i.marketplace === 'taobao');
    const notices = () => events.filter((e) => e.type === 'item.buying');
    // Earlier clicks' notice has gone out (their window closed) before this test's clicks.
    if ((await w.server.hutong.clickOut.clicksOf(w.shopId)).length > 0) await expect.poll(() => notices().length, { timeout: 15_000 }).toBe(1);
    events.length = 0;
    const click = () => fetch(w.server.url + taobao.link.url, { redirect: 'manual' });
    await Promise.all([1, 2, 3].map(click));
    const counts = () => notices().map((n) => (n as { count: number }).count);
    await expect.poll(() => counts().includes(3), { timeout: 15_000 }).toBe(true);
    // Nothing more comes from those clicks: one more click, whose own notice (a later window) arrives after anything they could still send.
    await click();
    await expect.poll(() => counts().slice(counts().indexOf(3) + 1).includes(1), { timeout: 15_000 }).toBe(true);
    const notice = { type: 'item.buying', itemId: taobao.id, number: taobao.number, title: taobao.title };
    expect(notices()).toEqual([{ ...notice, count: 3 }, { ...notice, count: 1 }]);
  });

  it('attributes a click made during a live show to that show, and a logged-in viewer to their account', async () => {
    const { show } = await w.server.hutong.shows.goLive(roomId);
    const taobao = (await viewerCart()).items.find((i: any) => i.marketplace === 'taobao');
    const login = await fetch(`${w.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: w.server.seed.ownerEmail, password: w.server.seed.ownerPassword }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(w.server.url + taobao.link.url, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(302);
    const clicks = await w.server.hutong.clickOut.clicksOf(w.shopId);
    const me = (await w.owner.get('/api/v1/me')).body.user.id;
    expect(clicks.at(-1)).toMatchObject({ roomId, showId: show.id, viewerId: me });
    await w.server.hutong.shows.end(show.id);
  });

  it('answers an unknown code with a friendly page, never a redirect', async () => {
    for (const code of ['nosuchcode1', '../../etc', 'x'.repeat(60)]) {
      const res = await fetch(`${w.server.url}/go/${encodeURIComponent(code)}`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
    const page = await fetch(`${w.server.url}/go/nosuchcode1`, { redirect: 'manual' });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('这个链接不存在');
  });

  it('refuses the policy to anyone but an operator', async () => {
    expect((await w.owner.post('/api/v1/ops/link-policy', { marketplace: 'jd', scene: 'cart', mode: 'hidden' })).status).toBe(403);
    expect((await viewer.get('/api/v1/ops/link-policy')).status).toBe(401);
    expect((await setPolicy('myspace', 'cart', 'hidden')).status).toBe(400);
  });

  it('token mode: the cart shows a copyable token, no link; the old /go code stops working at once', async () => {
    const before = (await viewerCart()).items.find((i: any) => i.marketplace === 'taobao');
    events.length = 0;
    expect((await setPolicy('taobao', 'cart', 'token')).status).toBe(200);
    await expect.poll(() => events.some((e) => e.type === 'cart.changed' && e.reason === 'policy'), { timeout: 15_000 }).toBe(true);
    const after = (await viewerCart()).items.find((i: any) => i.marketplace === 'taobao');
    expect(after.link).toEqual({ mode: 'token', token: 'https://item.taobao.com/item.htm?id=678901234567' });
    const res = await fetch(w.server.url + before.link.url, { redirect: 'manual' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('这个链接已停用');
  });

  it('hidden mode: the listing leaves the viewer cart (the host still sees it, flagged) and cannot be pinned', async () => {
    const jdItem = (await viewerCart()).items.find((i: any) => i.marketplace === 'jd');
    expect((await w.owner.post(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart/pin`, { itemId: jdItem.id })).status).toBe(200);
    events.length = 0;
    expect((await setPolicy('jd', 'cart', 'hidden')).status).toBe(200);
    // The explaining card of a hidden marketplace comes down at once, and its chapter closes.
    await expect.poll(() => events.some((e) => e.type === 'product.unpinned' && e.itemId === jdItem.id), { timeout: 15_000 }).toBe(true);
    expect((await viewerCart()).pinned).toBeNull();
    const pins = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms/${roomId}/pins`)).body.pins;
    expect(pins.every((p: any) => p.unpinnedAt !== null)).toBe(true);
    const items = (await viewerCart()).items;
    expect(items.some((i: any) => i.marketplace === 'jd')).toBe(false);
    const studio = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart`)).body.items;
    const jd = studio.find((i: any) => i.marketplace === 'jd');
    expect(jd).toMatchObject({ policy: 'hidden', link: null });
    // Numbers are the host's: the item after the hidden one keeps its number.
    expect(items.map((i: any) => i.number)).not.toContain(jd.number);
    const pin = await w.owner.post(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart/pin`, { itemId: jd.id });
    expect([pin.status, pin.body.error.code]).toEqual([409, 'LIVE_CART_ITEM_HIDDEN']);
  });

  it('applies the chat and share scenes through the same snapshot (maskLinks, decide)', async () => {
    expect((await setPolicy('amazon', 'chat', 'hidden')).status).toBe(200);
    expect((await setPolicy('pinduoduo', 'share', 'token')).status).toBe(200);
    const policy = w.server.hutong.linkPolicy.current();
    expect(maskLinks('buy https://www.amazon.com/dp/B08N5WRWNW now', policy).hidden).toBe(1);
    expect(decide(policy, 'pinduoduo', 'share')).toBe('token');
    expect(decide(policy, 'pinduoduo', 'cart')).toBe('link');
    // The cart scene of amazon is untouched by its chat rule.
    expect(decide(policy, 'amazon', 'cart')).toBe('link');
  });

  it('audits every change (who, when, before → after), newest first, and skips no-op changes', async () => {
    expect((await setPolicy('jd', 'cart', 'hidden')).status).toBe(200); // already hidden: nothing to audit
    expect((await setPolicy('taobao', 'cart', 'link')).status).toBe(200);
    const entries = (await ops.get('/api/v1/ops/link-policy/audit')).body.entries;
    expect(entries.map((e: any) => [e.marketplace, e.scene, e.before, e.after])).toEqual([
      ['taobao', 'cart', 'token', 'link'],
      ['pinduoduo', 'share', 'link', 'token'],
      ['amazon', 'chat', 'link', 'hidden'],
      ['jd', 'cart', 'link', 'hidden'],
      ['taobao', 'cart', 'link', 'token'],
    ]);
    expect(entries.every((e: any) => e.actorName === '平台 Ops' && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const rules = (await ops.get('/api/v1/ops/link-policy')).body.rules;
    expect(rules.find((r: any) => r.marketplace === 'jd' && r.scene === 'cart')).toMatchObject({ mode: 'hidden', updatedBy: '平台 Ops' });
    expect(rules).toHaveLength(8 * 3);
    // Back to link: the taobao listing leads out again.
    const taobao = (await viewerCart()).items.find((i: any) => i.marketplace === 'taobao');
    expect((await fetch(w.server.url + taobao.link.url, { redirect: 'manual' })).status).toBe(302);
  });
});
