import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { openCartWorld, type CartWorld } from '../cart/helpers';

/**
 * The operator's link policy applies to shares: a shared external listing leads to its marketplace
 * (link), shows its link as text to copy (token), or cannot be shared (hidden) — decided at every
 * use, audited as every policy change is.
 */
describe('link policy on shares of external listings', () => {
  let w: CartWorld;
  let ops: ApiClient;
  let anonymous: ApiClient;
  let taobao: { id: string; canonicalUrl: string };
  const setPolicy = (marketplace: string, mode: string) => ops.post('/api/v1/ops/link-policy', { marketplace, scene: 'share', mode });
  const open = (code: string) => fetch(`${w.server.url}/s/${code}`, { redirect: 'manual' });

  beforeAll(async () => {
    w = await openCartWorld();
    ops = new ApiClient(w.server.url);
    await ops.login(w.server.seed.operatorEmail, w.server.seed.ownerPassword);
    anonymous = new ApiClient(w.server.url);
    const listings = (await w.owner.get(`/api/v1/shops/${w.shopId}/listings`)).body.listings as any[];
    taobao = listings.find((l) => l.marketplace === 'taobao');
  }, 180_000); // a server (PGlite, migrations, the demo seed) starts slowly on a loaded machine
  afterAll(async () => w?.close());

  it('link: the share leads to the marketplace item', async () => {
    const share = (await anonymous.post('/api/v1/shares', { target: { listing: taobao.id }, channel: 'wechat' })).body.share;
    expect(share.token).toContain(`￥${share.code}￥`);
    const res = await open(share.code);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(taobao.canonicalUrl);
    const resolved = (await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(share.token)}`)).body;
    expect(resolved.target).toMatchObject({ kind: 'listing', id: taobao.id, marketplace: 'taobao', mode: 'link' });
  });

  it('token: the same share now shows the link as text to copy, never a link to follow', async () => {
    const share = (await anonymous.post('/api/v1/shares', { target: { listing: taobao.id } })).body.share;
    expect((await setPolicy('taobao', 'token')).status).toBe(200);
    const res = await open(share.code);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`data-testid="listing-link">${taobao.canonicalUrl.replace(/&/g, '&#38;')}</textarea>`);
    expect(html).not.toContain(`href="${taobao.canonicalUrl}`);
    expect((await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(share.token)}`)).body.target.mode).toBe('token');
  });

  it('hidden: nothing can be shared, and shares already made lead nowhere; the change is in the audit', async () => {
    const share = (await anonymous.post('/api/v1/shares', { target: { listing: taobao.id } })).body.share;
    expect((await setPolicy('taobao', 'hidden')).status).toBe(200);
    const refused = await anonymous.post('/api/v1/shares', { target: { listing: taobao.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SHARES_TARGET_HIDDEN');
    expect((await open(share.code)).status).toBe(404);
    const audit = (await ops.get('/api/v1/ops/link-policy/audit')).body;
    const rows = audit.entries as any[];
    expect(rows.filter((r) => r.marketplace === 'taobao' && r.scene === 'share').map((r) => r.after)).toEqual(expect.arrayContaining(['token', 'hidden']));
    await setPolicy('taobao', 'link');
    expect((await open(share.code)).status).toBe(302);
  });

  it('per channel: WeChat may open Taobao links while every other channel gets the token, audited with the channel', async () => {
    const setChannel = (channel: string, mode: string | null) => ops.post('/api/v1/ops/link-policy/share-channels', { marketplace: 'taobao', channel, mode });
    expect((await setPolicy('taobao', 'token')).status).toBe(200);
    const set = await setChannel('wechat', 'link');
    expect(set.status).toBe(200);
    expect(set.body.rules).toHaveLength(8 * 8);
    expect(set.body.rules.find((r: any) => r.marketplace === 'taobao' && r.channel === 'wechat')).toMatchObject({ mode: 'link', updatedBy: expect.any(String) });
    expect(set.body.rules.find((r: any) => r.marketplace === 'taobao' && r.channel === 'qq')).toMatchObject({ mode: null, updatedAt: null });

    const wechat = (await anonymous.post('/api/v1/shares', { target: { listing: taobao.id }, channel: 'wechat' })).body.share;
    const qq = (await anonymous.post('/api/v1/shares', { target: { listing: taobao.id }, channel: 'qq' })).body.share;
    const res = await open(wechat.code);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(taobao.canonicalUrl);
    expect((await open(qq.code)).status).toBe(200);
    expect((await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(qq.token)}`)).body.target.mode).toBe('token');

    // A channel hidden on its own: nothing more shared there, its shares lead nowhere; other channels unchanged.
    expect((await setChannel('wechat', 'hidden')).status).toBe(200);
    expect((await anonymous.post('/api/v1/shares', { target: { listing: taobao.id }, channel: 'wechat' })).body.error.code).toBe('SHARES_TARGET_HIDDEN');
    expect((await open(wechat.code)).status).toBe(404);
    expect((await open(qq.code)).status).toBe(200);
    // Back to "as shares": the share scene's token again.
    expect((await setChannel('wechat', null)).status).toBe(200);
    expect((await open(wechat.code)).status).toBe(200);
    // Setting what it already is writes no audit entry.
    expect((await setChannel('wechat', null)).status).toBe(200);

    const entries = ((await ops.get('/api/v1/ops/link-policy/audit')).body.entries as any[]).filter((e) => e.channel === 'wechat');
    expect(entries.map((e) => [e.marketplace, e.scene, e.before, e.after])).toEqual([
      ['taobao', 'share', 'hidden', 'inherit'], ['taobao', 'share', 'link', 'hidden'], ['taobao', 'share', 'inherit', 'link'],
    ]);
    expect(entries[0].actorName).toBeTruthy();

    // Only operators.
    expect((await w.owner.post('/api/v1/ops/link-policy/share-channels', { marketplace: 'taobao', channel: 'qq', mode: 'link' })).status).toBe(403);
    expect((await ops.post('/api/v1/ops/link-policy/share-channels', { marketplace: 'taobao', channel: 'fax', mode: 'link' })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
    await setPolicy('taobao', 'link');
  });
});
