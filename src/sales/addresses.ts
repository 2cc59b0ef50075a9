import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Address, AddressInput } from '../contracts/sales-orders.schemas';

interface SavedRow extends Address {
  id: string;
  isDefault: boolean;
}

const columns = `id, name, phone, region, city, line1, postcode, is_default AS "isDefault"`;
/** A buyer keeps a handful of addresses. */
export const MAX_ADDRESSES = 20;

/** Buyers' saved addresses, and the address an order ships to (written out, or saved). */
export function createAddresses({ db, clock }: { db: Db; clock: Clock }) {
  return {
    list: (userId: string): Promise<SavedRow[]> =>
      db.query<SavedRow>(`SELECT ${columns} FROM buyer_addresses WHERE user_id = $1 ORDER BY is_default DESC, created_at LIMIT ${MAX_ADDRESSES}`, [userId]),

    async add(userId: string, a: AddressInput & { isDefault: boolean }): Promise<SavedRow> {
      return db.transaction(async (tx) => {
        const [{ n }] = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM buyer_addresses WHERE user_id = $1`, [userId])) as [{ n: number }];
        if (n >= MAX_ADDRESSES) throw new AppError('SALES_ADDRESS_LIMIT');
        if (a.isDefault) await tx.query(`UPDATE buyer_addresses SET is_default = false WHERE user_id = $1`, [userId]);
        const [row] = await tx.query<SavedRow>(
          `INSERT INTO buyer_addresses (id, user_id, name, phone, region, city, line1, postcode, is_default, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${columns}`,
          [newId(), userId, a.name, a.phone, a.region, a.city, a.line1, a.postcode, a.isDefault || n === 0, clock.now()],
        );
        return row!;
      });
    },

    async remove(userId: string, id: string): Promise<void> {
      const rows = await db.query(`DELETE FROM buyer_addresses WHERE user_id = $1 AND id = $2 RETURNING id`, [userId, id]);
      if (rows.length === 0) throw new AppError('SALES_ADDRESS_NOT_FOUND');
    },

    /** The address an order ships to: the one written in the request, or one of the buyer's saved ones. */
    async resolve(userId: string, body: { address?: AddressInput | undefined; addressId?: string | undefined }): Promise<Address> {
      if (body.address) return body.address;
      if (!body.addressId) throw new AppError('SALES_ADDRESS_REQUIRED');
      const [row] = await db.query<SavedRow>(`SELECT ${columns} FROM buyer_addresses WHERE user_id = $1 AND id = $2`, [userId, body.addressId]);
      if (!row) throw new AppError('SALES_ADDRESS_NOT_FOUND');
      const { id: _id, isDefault: _d, ...address } = row;
      return address;
    },
  };
}

export type Addresses = ReturnType<typeof createAddresses>;
