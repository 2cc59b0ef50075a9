import { shopsAnswer, type Shop } from '../../../src/contracts/identity.schemas';
import { api } from '../api/client';

export const listAllShops = async (signal: AbortSignal): Promise<Shop[]> =>
  (await api.get('/api/v1/ops/shops', shopsAnswer, signal)).shops;
