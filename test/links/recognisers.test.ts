import { describe, expect, it } from 'vitest';
import { isSafeTarget, recognise, MAX_URL_LENGTH } from '../../src/links';

/**
 * The recogniser table against real-world URL shapes (desktop, mobile, app-share, short links,
 * tracking parameters) and hostile ones. Nothing here touches the network: recognising never fetches.
 */
type Want = [input: string, marketplace: string, itemId: string | null, canonical: string];

const recognised: Want[] = [
  // Taobao
  ['https://item.taobao.com/item.htm?id=678901234567', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['https://item.taobao.com/item.htm?spm=a230r.1.14.16.3f1a&id=678901234567&ns=1&abbucket=11#detail', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['http://h5.m.taobao.com/awp/core/detail.htm?id=678901234567&ut_sk=1.abc', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['https://main.m.taobao.com/detail/index.html?id=678901234567&sourceType=item', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['https://a.m.taobao.com/i678901234567.htm', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['https://world.taobao.com/item/678901234567.htm', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['item.taobao.com/item.htm?id=678901234567', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['HTTPS://ITEM.TAOBAO.COM./item.htm?id=678901234567', 'taobao', '678901234567', 'https://item.taobao.com/item.htm?id=678901234567'],
  ['https://m.tb.cn/h.5XyZ9Ab?tk=AbCd3x1yZ7 CZ0001', 'taobao', null, 'https://m.tb.cn/h.5XyZ9Ab'],
  ['【淘宝】https://m.tb.cn/h.5XyZ9Ab?tk=AbCd3x1yZ7 CZ0001 「紫砂壶 手工」点击链接直接打开', 'taobao', null, 'https://m.tb.cn/h.5XyZ9Ab'],
  // Tmall
  ['https://detail.tmall.com/item.htm?id=612345678901&skuId=4411&spm=a1z10.3', 'tmall', '612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://detail.m.tmall.com/item.htm?id=612345678901', 'tmall', '612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://chaoshi.detail.tmall.com/item.htm?id=612345678901', 'tmall', '612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://detail.tmall.hk/hk/item.htm?id=612345678901', 'tmall', '612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  // JD
  ['https://item.jd.com/100012345678.html', 'jd', '100012345678', 'https://item.jd.com/100012345678.html'],
  ['https://item.jd.com/100012345678.html?utm_source=kong&utm_medium=zssc#crumb-wrap', 'jd', '100012345678', 'https://item.jd.com/100012345678.html'],
  ['https://item.m.jd.com/product/100012345678.html?wxa_abtest=o', 'jd', '100012345678', 'https://item.jd.com/100012345678.html'],
  ['https://item.m.jd.com/ware/view.action?wareId=100012345678', 'jd', '100012345678', 'https://item.jd.com/100012345678.html'],
  ['https://npcitem.jd.hk/100012345678.html', 'jd', '100012345678', 'https://item.jd.com/100012345678.html'],
  ['https://3.cn/1Xy-2AbC', 'jd', null, 'https://3.cn/1Xy-2AbC'],
  ['https://u.jd.com/AbC9xyZ', 'jd', null, 'https://u.jd.com/AbC9xyZ'],
  // Pinduoduo
  ['https://mobile.yangkeduo.com/goods.html?goods_id=387654321012&_wvx=10&refer_share_uin=xyz', 'pinduoduo', '387654321012', 'https://mobile.yangkeduo.com/goods.html?goods_id=387654321012'],
  ['https://mobile.yangkeduo.com/goods2.html?goods_id=387654321012', 'pinduoduo', '387654321012', 'https://mobile.yangkeduo.com/goods.html?goods_id=387654321012'],
  ['https://p.pinduoduo.com/AbCdEfGh', 'pinduoduo', null, 'https://p.pinduoduo.com/AbCdEfGh'],
  // Douyin shop
  ['https://haohuo.jinritemai.com/views/product/item2?id=3612345678901234567&origin_type=604', 'douyin', '3612345678901234567', 'https://haohuo.jinritemai.com/views/product/item2?id=3612345678901234567'],
  ['https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3612345678901234567', 'douyin', '3612345678901234567', 'https://haohuo.jinritemai.com/views/product/item2?id=3612345678901234567'],
  ['https://v.douyin.com/iRNBgQwE/', 'douyin', null, 'https://v.douyin.com/iRNBgQwE/'],
  // Amazon
  ['https://www.amazon.com/dp/B08N5WRWNW', 'amazon', 'B08N5WRWNW', 'https://www.amazon.com/dp/B08N5WRWNW'],
  ['https://www.amazon.com/Echo-Dot-4th-Gen/dp/B08N5WRWNW/ref=sr_1_1?keywords=echo&qid=1600000000&sr=8-1', 'amazon', 'B08N5WRWNW', 'https://www.amazon.com/dp/B08N5WRWNW'],
  ['https://www.amazon.co.uk/gp/product/B08N5WRWNW?psc=1&tag=someone-21', 'amazon', 'B08N5WRWNW', 'https://www.amazon.co.uk/dp/B08N5WRWNW'],
  ['https://www.amazon.co.jp/gp/aw/d/B08N5WRWNW', 'amazon', 'B08N5WRWNW', 'https://www.amazon.co.jp/dp/B08N5WRWNW'],
  ['https://amazon.de/dp/b08n5wrwnw', 'amazon', 'B08N5WRWNW', 'https://www.amazon.de/dp/B08N5WRWNW'],
  ['https://amzn.to/3xYzAbC', 'amazon', null, 'https://amzn.to/3xYzAbC'],
  ['https://a.co/d/1AbCdEf', 'amazon', null, 'https://a.co/d/1AbCdEf'],
  // Shopify
  ['https://tea-house.myshopify.com/products/oolong-100g?variant=4455&utm_campaign=x', 'shopify', 'oolong-100g', 'https://tea-house.myshopify.com/products/oolong-100g'],
  ['https://tea-house.myshopify.com/collections/tea/products/oolong-100g', 'shopify', 'oolong-100g', 'https://tea-house.myshopify.com/products/oolong-100g'],
  // Any other shop
  ['https://shop.example.org/p/42?utm_source=wx&fbclid=abc&color=red#reviews', 'other', null, 'https://shop.example.org/p/42?color=red'],
  ['http://www.some-boutique.fr/robe-bleue', 'other', null, 'http://www.some-boutique.fr/robe-bleue'],
];

describe('recognisers: real-world URL shapes', () => {
  it.each(recognised)('%s → %s %s', (input, marketplace, itemId, canonical) => {
    const r = recognise(input);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ marketplace, itemId, canonicalUrl: canonical });
  });

  it('marks marketplace short links as short (their item is only known to the marketplace)', () => {
    for (const url of ['https://m.tb.cn/h.5XyZ9Ab', 'https://3.cn/1Xy-2AbC', 'https://amzn.to/3xYzAbC', 'https://v.douyin.com/iRNBgQwE/']) {
      const r = recognise(url);
      expect(r.ok && r.value.short, url).toBe(true);
    }
    const full = recognise('https://item.jd.com/100012345678.html');
    expect(full.ok && full.value.short).toBe(false);
  });
});

describe('recognisers: hostile input', () => {
  const refused: [string, string][] = [
    ['javascript:alert(document.cookie)', 'scheme'],
    ['  JavaScript:alert(1)//https://item.taobao.com/item.htm?id=1', 'scheme'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'scheme'],
    ['vbscript:msgbox(1)', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['ftp://item.taobao.com/item.htm?id=1', 'scheme'],
    ['taobao://item.taobao.com/item.htm?id=678901234567', 'scheme'],
    ['https://taobao.com@evil.example/item.htm?id=678901234567', 'credentials'],
    ['https://item.taobao.com:pw@evil.example/', 'credentials'],
    ['https://user:pass@item.jd.com/100012345678.html', 'credentials'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['not a url at all', 'malformed'],
    ['https://', 'malformed'],
    ['https://localhost/item', 'malformed'],
    ['https://item.taobao.com/item.htm?id=1\u0000.evil', 'malformed'],
    ['https://item.taobao.com\u202e/moc.live', 'malformed'],
    [`https://item.taobao.com/item.htm?id=678901234567&x=${'a'.repeat(MAX_URL_LENGTH)}`, 'too_long'],
  ];

  it.each(refused)('refuses %s (%s)', (input, reason) => {
    expect(recognise(input)).toEqual({ ok: false, reason });
  });

  // Every spelling the URL parser turns into a loopback, private or link-local host.
  const privateHosts = [
    'http://127.0.0.1/x', 'https://127.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://0x7f000001/', 'http://017700000001/',
    'http://0/', 'http://0.0.0.0:8080/', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/admin',
    'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/', 'http://224.0.0.1/', 'http://255.255.255.255/',
    'http://[::1]/', 'http://[::]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[::127.0.0.1]/', 'http://[0:0:0:0:0:0:0:1]/',
    'http://[fe80::1]/', 'http://[fc00::1]/', 'http://[fd12:3456::1]/', 'http://[64:ff9b::a00:1]/', 'http://[2002:7f00:1::]/',
    'https://foo.localhost/', 'https://printer.local/', 'https://intranet.corp.internal/', 'https://router.home.arpa/', 'https://nas.lan./',
    '192.168.0.1/login', '【淘宝】http://127.0.0.1:3000/x 「商品」',
  ];
  it.each(privateHosts)('refuses the private host of %s', (input) => {
    expect(recognise(input)).toEqual({ ok: false, reason: 'private_host' });
    if (input.startsWith('http')) expect(isSafeTarget(input)).toBe(false);
  });

  it('keeps public addresses and names that only look local', () => {
    for (const input of ['http://8.8.8.8/', 'http://172.32.0.1/', 'http://[2606:4700::1111]/', 'https://local.example/', 'https://localhost.example.com/']) {
      expect(recognise(input).ok, input).toBe(true);
      expect(isSafeTarget(input), input).toBe(true);
    }
  });

  const lookAlikes: [string, string][] = [
    ['https://taobao.com.evil.example/item.htm?id=678901234567', 'https://taobao.com.evil.example/item.htm?id=678901234567'],
    ['https://taobao-com.example/item.htm?id=678901234567', 'https://taobao-com.example/item.htm?id=678901234567'],
    ['https://item.taobao.co/item.htm?id=678901234567', 'https://item.taobao.co/item.htm?id=678901234567'],
    ['https://nottaobao.com/item.htm?id=678901234567', 'https://nottaobao.com/item.htm?id=678901234567'],
    ['https://evil.example/item.taobao.com/item.htm?id=678901234567', 'https://evil.example/item.taobao.com/item.htm?id=678901234567'],
    ['https://evil.example\\@item.taobao.com/', 'https://evil.example/@item.taobao.com/'],
    ['https://item.taobao.com:8443/item.htm?id=678901234567', 'https://item.taobao.com:8443/item.htm?id=678901234567'],
  ];

  it.each(lookAlikes)('treats the look-alike %s as "other", on its true host', (input, canonical) => {
    const r = recognise(input);
    expect(r.ok && r.value).toMatchObject({ marketplace: 'other', itemId: null, canonicalUrl: canonical });
  });

  it('shows internationalised look-alike hosts as punycode and never as the marketplace', () => {
    // Cyrillic "а" in taobao, and a full-width dot, and the Greek omicron in amazon.
    for (const input of ['https://item.tаobao.com/item.htm?id=678901234567', 'https://www.amazοn.com/dp/B08N5WRWNW', 'https://京东.com/100012345678.html']) {
      const r = recognise(input);
      expect(r.ok, input).toBe(true);
      if (!r.ok) continue;
      expect(r.value.marketplace, input).toBe('other');
      expect(r.value.idnHost, input).toBe(true);
      expect(new URL(r.value.canonicalUrl).hostname, input).toMatch(/xn--/);
    }
  });

  it('keeps an id that is not an id of the marketplace out of the canonical link', () => {
    const r = recognise('https://item.taobao.com/item.htm?id=<script>alert(1)</script>');
    expect(r.ok && r.value).toMatchObject({ marketplace: 'taobao', itemId: null });
    const amazon = recognise('https://www.amazon.com/dp/B08N5WRWN"><img');
    expect(amazon.ok && amazon.value.itemId).toBe(null);
  });

  it('always produces an http(s) canonical link without credentials or fragment', () => {
    for (const [input] of [...recognised, ...lookAlikes]) {
      const r = recognise(input);
      if (!r.ok) continue;
      const u = new URL(r.value.canonicalUrl);
      expect(['http:', 'https:']).toContain(u.protocol);
      expect(u.username + u.password + u.hash).toBe('');
    }
  });
});
