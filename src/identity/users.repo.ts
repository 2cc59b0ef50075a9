import type { Queryable } from '../platform/db/db.port';
import type { User } from '../contracts/identity.schemas';

export interface UserRow extends User {
  passwordHash: string;
}

const columns = `id, email, password_hash AS "passwordHash", display_name AS "displayName", is_operator AS "isOperator"`;

export const usersRepo = {
  async insert(db: Queryable, user: UserRow): Promise<void> {
    await db.query(
      `INSERT INTO users (id, email, password_hash, display_name, is_operator) VALUES ($1, $2, $3, $4, $5)`,
      [user.id, user.email, user.passwordHash, user.displayName, user.isOperator],
    );
  },

  async byEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
    const [row] = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE email = $1`, [email]);
    return row;
  },

  async byId(db: Queryable, id: string): Promise<UserRow | undefined> {
    const [row] = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
    return row;
  },

  async displayNames(db: Queryable, ids: readonly string[]): Promise<{ id: string; displayName: string }[]> {
    if (ids.length === 0) return [];
    return db.query(`SELECT id, display_name AS "displayName" FROM users WHERE id = ANY($1::uuid[])`, [ids]);
  },

  async setOperator(db: Queryable, id: string, passwordHash: string): Promise<void> {
    await db.query(`UPDATE users SET is_operator = true, password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  },
};

export const publicUser = ({ id, email, displayName, isOperator }: UserRow): User => ({
  id,
  email,
  displayName,
  isOperator,
});
