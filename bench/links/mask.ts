/**
 * Chat link masking cost, per message, against the baseline chat already pays: the banned-word
 * mask of src/realtime/chat-rules.ts with 20 words. Short run (the machine is shared): about
 * 2 × 3 × 200k messages. Prints messages/s for each and the ratio maskLinks / banned-words.
 *
 *   npm run bench:links
 */
import { cpus } from 'node:os';
import { maskLinks, policyFrom } from '../../src/links';
import { maskBannedWords } from '../../src/realtime/chat-rules';

const policy = policyFrom([
  { marketplace: 'taobao', scene: 'chat', mode: 'hidden' },
  { marketplace: 'jd', scene: 'chat', mode: 'token' },
]);
const words = Array.from({ length: 20 }, (_, i) => `禁词${i}`);
const messages = {
  plain: ['主播好！这个茶杯多少钱？', '已下单，期待发货', '666666', 'hello from Berlin, love the teapot', '可以讲一下2号链接吗'],
  links: [
    '淘宝这家便宜 https://item.taobao.com/item.htm?id=678901234567&spm=a1',
    '京东 https://item.jd.com/100012345678.html 自营',
    '看这个 m.tb.cn/h.5XyZ9Ab 还有 https://shop.example.org/p/42',
  ],
};
const N = Number(process.env.BENCH_N ?? 200_000);

function rate(fn: (text: string) => unknown, list: string[]): number {
  for (let i = 0; i < 5_000; i++) fn(list[i % list.length]!); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(list[i % list.length]!);
  return N / (Number(process.hrtime.bigint() - t0) / 1e9);
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}; N = ${N} per case`);
for (const [name, list] of Object.entries(messages)) {
  const baseline = rate((t) => maskBannedWords(t, words), list);
  const masked = rate((t) => maskLinks(t, policy), list);
  console.log(
    `${name.padEnd(6)} banned-words baseline ${Math.round(baseline).toLocaleString('en')} msg/s · maskLinks ${Math.round(masked).toLocaleString('en')} msg/s · ` +
      `maskLinks costs ${(baseline / masked).toFixed(2)}× the baseline`,
  );
}
