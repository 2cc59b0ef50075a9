import { describe, expect, it } from 'vitest';
import { decide, HIDDEN_LINK_MARK, maskLinks, openPolicy, policyFrom } from '../../src/links';

describe('link policy decisions', () => {
  it('is open everywhere by default', () => {
    for (const m of ['taobao', 'jd', 'amazon', 'other'] as const) for (const s of ['cart', 'chat', 'share'] as const) expect(decide(openPolicy, m, s)).toBe('link');
  });

  it('applies a rule to its marketplace and scene only', () => {
    const p = policyFrom([{ marketplace: 'taobao', scene: 'chat', mode: 'hidden' }, { marketplace: 'jd', scene: 'share', mode: 'token' }]);
    expect(decide(p, 'taobao', 'chat')).toBe('hidden');
    expect(decide(p, 'taobao', 'cart')).toBe('link');
    expect(decide(p, 'tmall', 'chat')).toBe('link');
    expect(decide(p, 'jd', 'share')).toBe('token');
    expect(decide(p, 'jd', 'cart')).toBe('link');
  });

  it('ignores stored rules for marketplaces or scenes it does not know', () => {
    const p = policyFrom([{ marketplace: 'myspace', scene: 'chat', mode: 'hidden' }, { marketplace: 'jd', scene: 'email', mode: 'hidden' }]);
    expect(p).toEqual(openPolicy);
  });
});

describe('chat link masking', () => {
  const policy = policyFrom([
    { marketplace: 'taobao', scene: 'chat', mode: 'hidden' },
    { marketplace: 'jd', scene: 'chat', mode: 'token' },
  ]);

  it('masks links to a hidden marketplace, whatever their shape', () => {
    const text = '看这个 https://item.taobao.com/item.htm?id=678901234567 还有 m.tb.cn/h.5XyZ9Ab 和 https://m.tb.cn/h.abc?tk=1。';
    const out = maskLinks(text, policy);
    expect(out.text).not.toMatch(/taobao|tb\.cn/);
    expect(out.hidden).toBe(3);
    expect(out.text).toBe(`看这个 ${HIDDEN_LINK_MARK} 还有 ${HIDDEN_LINK_MARK} 和 ${HIDDEN_LINK_MARK}。`);
  });

  it('catches links disguised with invisible characters or ideographic dots', async () => {
    for (const text of ['https://item.tao\u200bbao.com/item.htm?id=678901234567', 'item。taobao。com/item.htm?id=678901234567', 'm.tb．cn/h.5XyZ9Ab']) {
      expect(maskLinks(`看 ${text} 吧`, policy).text, JSON.stringify(text)).toBe(`看 ${HIDDEN_LINK_MARK} 吧`);
    }
  });

  it('turns links of a token marketplace into copyable, non-clickable tokens', () => {
    const out = maskLinks('京东 https://item.jd.com/100012345678.html?utm_source=x, 便宜', policy);
    expect(out).toEqual({ text: '京东 【jd 100012345678】, 便宜', hidden: 0, tokens: 1 });
  });

  it('leaves open marketplaces, other shops and plain text exactly as typed', () => {
    const text = '拼多多 https://mobile.yangkeduo.com/goods.html?goods_id=387654321012 官网 https://shop.example.org/p/42 3.5折 a.b 好!';
    expect(maskLinks(text, policy)).toEqual({ text, hidden: 0, tokens: 0 });
  });

  it('does not let a look-alike host slip a hidden marketplace through, nor mask a look-alike', () => {
    const lookalike = 'https://taobao.com.evil.example/x';
    expect(maskLinks(lookalike, policy).text).toBe(lookalike);
    // A link with credentials really goes to the host after "@": it is always masked.
    const withCredentials = maskLinks('go https://user@item.taobao.com/item.htm?id=678901234567 now', openPolicy);
    expect(withCredentials).toEqual({ text: `go ${HIDDEN_LINK_MARK} now`, hidden: 1, tokens: 0 });
  });

  it('changes nothing under the open policy', () => {
    const text = 'https://item.taobao.com/item.htm?id=678901234567';
    expect(maskLinks(text, openPolicy)).toEqual({ text, hidden: 0, tokens: 0 });
  });
});
