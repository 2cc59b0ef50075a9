import { shopsAnswer, type Shop } from '../../../src/contracts/identity.schemas';
import { api } from '../api/client';
import { withCursor, type PageOf } from '../api/use-pages';

export const listAllShops = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<Shop>> => {
  const { shops, next } = await api.get(withCursor('/api/v1/ops/shops', after), shopsAnswer, signal);
  return { items: shops, next };
};
