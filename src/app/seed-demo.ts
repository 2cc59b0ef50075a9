import type { Hutong } from './hutong';
import { AppError } from '../kernel/app-error';

/** The demo shop's accounts: printed at start-up so a newcomer can log in at once. */
export const demoAccounts = {
  password: 'hutong-demo',
  owner: { email: 'owner@demo.hutong.local', displayName: '店主 Lin' },
  host: { email: 'host@demo.hutong.local', displayName: '主播 Mei' },
  operator: { email: 'ops@demo.hutong.local', displayName: '平台 Ops' },
} as const;

const products = [
  { title: '云南普洱茶饼 357g', description: '2019 年古树春茶，熟茶。', priceMinor: 12_800, stock: 200 },
  { title: '手工竹编收纳篮', description: '安吉毛竹，大号。', priceMinor: 5_900, stock: 80 },
  { title: '景德镇青花茶杯（两只装）', description: '手绘青花，釉下彩。', priceMinor: 16_800, stock: 50 },
  { title: '宁夏枸杞 500g', description: '中宁头茬，免洗。', priceMinor: 6_800, stock: 500 },
];

/**
 * Seeds "hutong 演示店" with an owner, a host, an operator, a few products and the room `demo`,
 * once: a database that already has the shop is left alone. Two nodes starting together may race;
 * the loser's unique violation is taken as "already seeded".
 */
export async function seedDemo({ identity, products: catalog, rooms }: Hutong): Promise<'seeded' | 'present'> {
  if (await identity.shops.bySlug('demo')) return 'present';
  const { password } = demoAccounts;
  try {
    const owner = await identity.accounts.register({ ...demoAccounts.owner, password });
    await identity.accounts.register({ ...demoAccounts.host, password });
    await identity.accounts.ensureOperator({ ...demoAccounts.operator, password });
    const shop = await identity.shops.create(owner.id, { slug: 'demo', name: 'hutong 演示店' });
    await identity.shops.setMember(shop.id, demoAccounts.host.email, 'host');
    for (const p of products) await catalog.create(shop.id, { ...p, currency: 'CNY' });
    await rooms.create(shop.id, { slug: 'demo', title: '互通开播：好物直播间' });
    return 'seeded';
  } catch (err) {
    if (err instanceof AppError && /TAKEN$/.test(err.code)) return 'present';
    throw err;
  }
}
