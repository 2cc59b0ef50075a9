/** Chance for the demo's simulated people. */

export const within = (min: number, max: number) => min + Math.random() * (max - min);
export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** What a live-commerce audience says (in the demo shop's language), for chat that reads real. */
export const chatLines = [
  '主播好！', '这个多少钱？', '有优惠券吗', '普洱怎么冲泡？', '发货快吗', '支持七天无理由吗', '颜色好看',
  '求链接', '想要两饼', '包邮吗', '上次买的很好喝', '再讲讲这个杯子', '篮子能放什么', '枸杞是今年的吗',
  '秒杀什么时候开始', '抢到了吗', '手慢了😭', '来了来了', '👍👍👍', '主播声音好听', 'hello from the demo audience',
] as const;
