import type { Db } from '../platform/db/db.port';
import { isUniqueViolation } from '../platform/db/db.errors';
import { AppError } from '../kernel/app-error';
import type { PageQuery } from '../contracts/pagination.schemas';
import { newId } from '../kernel/ids';
import type { Shop, ShopRole } from '../contracts/identity.schemas';
import { shopsRepo } from './shops.repo';
import { usersRepo } from './users.repo';

/** Shops (the tenants) and their members. Callers have already checked the caller's rights. */
export function createShops({ db }: { db: Db }) {
  return {
    /** Opens a shop with `ownerId` as its first owner, both or neither. */
    async create(ownerId: string, input: { slug: string; name: string }): Promise<Shop> {
      try {
        return await db.transaction(async (tx) => {
          const shop = await shopsRepo.insert(tx, { id: newId(), ...input });
          await shopsRepo.upsertMember(tx, shop.id, ownerId, 'owner');
          return shop;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('IDENTITY_SHOP_SLUG_TAKEN');
        throw err;
      }
    },

    async get(shopId: string): Promise<Shop> {
      const shop = await shopsRepo.byId(db, shopId);
      if (!shop) throw new AppError('IDENTITY_SHOP_NOT_FOUND');
      return shop;
    },

    bySlug: (slug: string) => shopsRepo.bySlug(db, slug),
    byIds: (ids: readonly string[]) => shopsRepo.many(db, { ids }),
    bySlugs: (slugs: readonly string[]) => shopsRepo.many(db, { slugs }),
    page: (query: PageQuery) => shopsRepo.page(db, query),
    membershipsOf: (userId: string) => shopsRepo.membershipsOf(db, userId),
    roleOf: (shopId: string, userId: string) => shopsRepo.roleOf(db, shopId, userId),
    members: (shopId: string, query: PageQuery) => shopsRepo.members(db, shopId, query),

    /** Adds an existing account to the shop, or changes its role there. */
    async setMember(shopId: string, email: string, role: ShopRole) {
      const user = await usersRepo.byEmail(db, email);
      if (!user) throw new AppError('IDENTITY_USER_NOT_FOUND');
      await db.transaction(async (tx) => {
        const owners = await shopsRepo.lockOwners(tx, shopId);
        if (role !== 'owner' && owners.length === 1 && owners[0] === user.id) throw new AppError('IDENTITY_LAST_OWNER');
        await shopsRepo.upsertMember(tx, shopId, user.id, role);
      });
      return { userId: user.id, email: user.email, displayName: user.displayName, role };
    },

    async removeMember(shopId: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        // The owner rows are locked so two owners removing each other cannot both succeed.
        const owners = await shopsRepo.lockOwners(tx, shopId);
        if (owners.length === 1 && owners[0] === userId) throw new AppError('IDENTITY_LAST_OWNER');
        if (!(await shopsRepo.removeMember(tx, shopId, userId))) throw new AppError('IDENTITY_MEMBER_NOT_FOUND');
      });
    },
  };
}

export type Shops = ReturnType<typeof createShops>;
