import type { Hutong } from './hutong';
import { AppError } from '../kernel/app-error';
import { drawDemoPicture, type DemoPicture } from './demo-pictures';

/** The demo shop's accounts: printed at start-up so a newcomer can log in at once. */
export const demoAccounts = {
  password: 'hutong-demo',
  owner: { email: 'owner@demo.hutong.local', displayName: '店主 Lin' },
  host: { email: 'host@demo.hutong.local', displayName: '主播 Mei' },
  operator: { email: 'ops@demo.hutong.local', displayName: '平台 Ops' },
} as const;

const products: { title: string; description: string; priceMinor: number; stock: number; picture: DemoPicture }[] = [
  { title: '云南普洱茶饼 357g', description: '2019 年古树春茶，熟茶。', priceMinor: 12_800, stock: 200, picture: 'teaCake' },
  { title: '手工竹编收纳篮', description: '安吉毛竹，大号。', priceMinor: 5_900, stock: 80, picture: 'basket' },
  { title: '景德镇青花茶杯（两只装）', description: '手绘青花，釉下彩。', priceMinor: 16_800, stock: 50, picture: 'cups' },
  { title: '宁夏枸杞 500g', description: '中宁头茬，免洗。', priceMinor: 6_800, stock: 500, picture: 'goji' },
];

/** Uploads a drawn picture as one of the shop's images. */
const uploadImage = ({ catalog }: Hutong, shopId: string, picture: DemoPicture) => catalog.images.upload(shopId, drawDemoPicture(picture));
const upload = async (hutong: Hutong, shopId: string, picture: DemoPicture) => (await uploadImage(hutong, shopId, picture)).id;

/**
 * Seeds "hutong 演示店" with an owner, a host, an operator, a few products and the room `demo`,
 * once: a database that already has the shop is left alone. Two nodes starting together may race;
 * the loser's unique violation is taken as "already seeded".
 */
export async function seedDemo(hutong: Hutong): Promise<'seeded' | 'present'> {
  const { identity, products: catalog, rooms } = hutong;
  if (await identity.shops.bySlug('demo')) return 'present';
  const { password } = demoAccounts;
  try {
    const owner = await identity.accounts.register({ ...demoAccounts.owner, password });
    await identity.accounts.register({ ...demoAccounts.host, password });
    await identity.accounts.ensureOperator({ ...demoAccounts.operator, password });
    const shop = await identity.shops.create(owner.id, { slug: 'demo', name: 'hutong 演示店' });
    await identity.shops.setMember(shop.id, demoAccounts.host.email, 'host');
    const own = [];
    for (const { picture, ...p } of products) {
      own.push(await catalog.create(shop.id, { ...p, currency: 'CNY', imageIds: [await upload(hutong, shop.id, picture)] }));
    }
    const room = await rooms.create(shop.id, { slug: 'demo', title: '互通开播：好物直播间' });
    await seedDemoCart(hutong, shop.id, room.id, own.map((p) => p.id));
    // A second room with a show tomorrow evening: the home page's "upcoming" has something to count down to.
    const teaNight = await rooms.create(shop.id, { slug: 'tea-night', title: '茶器夜话' });
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCHours(12, 0, 0, 0); // 20:00 in China
    await hutong.shows.schedule(shop.id, teaNight.id, {
      title: '紫砂与青花：茶器专场',
      coverUrl: (await uploadImage(hutong, shop.id, 'teapot')).url,
      scheduledAt: tomorrow.toISOString(),
    });
    return 'seeded';
  } catch (err) {
    if (err instanceof AppError && /TAKEN$/.test(err.code)) return 'present';
    throw err;
  }
}

/** The demo room's cart: a T-shirt with colour × size SKUs, the own products, and two marketplace links. */
async function seedDemoCart(hutong: Hutong, shopId: string, roomId: string, productIds: string[]): Promise<void> {
  const { catalog, cart } = hutong;
  const tee = await catalog.products.create(shopId, {
    title: '扎染纯棉 T 恤',
    description: '手工扎染，每件花纹都不一样。',
    priceMinor: 9_900,
    currency: 'CNY',
    stock: 0,
    imageIds: [await upload(hutong, shopId, 'tee')],
    options: [
      { name: '颜色', values: ['靛蓝', '茶褐'] },
      { name: '尺码', values: ['M', 'L'] },
    ],
    skus: [
      { options: { 颜色: '靛蓝', 尺码: 'M' }, priceMinor: 9_900, stock: 30 },
      { options: { 颜色: '靛蓝', 尺码: 'L' }, priceMinor: 9_900, stock: 25 },
      { options: { 颜色: '茶褐', 尺码: 'M' }, priceMinor: 10_900, stock: 12 },
      { options: { 颜色: '茶褐', 尺码: 'L' }, priceMinor: 10_900, stock: 0 },
    ],
  });
  await catalog.commission.set(shopId, { own: 500, marketplaces: { taobao: 800, jd: 600 } });
  const taobao = await catalog.listings.create(shopId, {
    url: 'https://item.taobao.com/item.htm?spm=a21bo.jianhua.201876.1&id=678901234567&ali_trackid=2:mm_1',
    title: '同款紫砂壶（淘宝旗舰店）', priceMinor: 26_800, currency: 'CNY', imageId: await upload(hutong, shopId, 'teapot'), commissionRateBp: null, enabled: true,
  });
  const jd = await catalog.listings.create(shopId, {
    url: 'https://item.m.jd.com/product/100012345678.html?utm_source=share',
    title: '便携茶具套装（京东自营）', priceMinor: 19_900, currency: 'CNY', imageId: await upload(hutong, shopId, 'travelSet'), commissionRateBp: 1_000, enabled: true,
  });
  const [first, ...rest] = productIds;
  for (const productId of [first!, tee.id]) await cart.add(shopId, roomId, { productId });
  await cart.add(shopId, roomId, { listingId: taobao.id });
  for (const productId of rest) await cart.add(shopId, roomId, { productId });
  await cart.add(shopId, roomId, { listingId: jd.id });
}
