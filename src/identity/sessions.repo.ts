import type { Queryable } from '../platform/db/db.port';

export interface SessionRow {
  userId: string;
  expiresAt: Date;
}

/** A session with its account, read in one statement (every request that is not cached asks this). */
export interface SessionUserRow extends SessionRow {
  email: string;
  displayName: string;
  isOperator: boolean;
}

/** Sessions are keyed by the SHA-256 of their token; the token is never stored. */
export const sessionsRepo = {
  async insert(db: Queryable, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [
      tokenHash,
      userId,
      expiresAt,
    ]);
  },

  async withUser(db: Queryable, tokenHash: string): Promise<SessionUserRow | undefined> {
    const [row] = await db.query<SessionUserRow>(
      `SELECT s.user_id AS "userId", s.expires_at AS "expiresAt", u.email, u.display_name AS "displayName", u.is_operator AS "isOperator"
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return row;
  },

  /** `withUser` for several sessions in one statement (a burst of first requests); missing ones are left out. */
  async withUsers(db: Queryable, tokenHashes: readonly string[]): Promise<(SessionUserRow & { tokenHash: string })[]> {
    return db.query<SessionUserRow & { tokenHash: string }>(
      `SELECT s.token_hash AS "tokenHash", s.user_id AS "userId", s.expires_at AS "expiresAt", u.email, u.display_name AS "displayName", u.is_operator AS "isOperator"
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ANY($1::text[])`,
      [tokenHashes],
    );
  },

  async delete(db: Queryable, tokenHash: string): Promise<void> {
    await db.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  },

  /** Expired rows are kept for a while so an old cookie is told "expired", not "unknown". */
  async deleteExpiredBefore(db: Queryable, userId: string, before: Date): Promise<void> {
    await db.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2`, [userId, before]);
  },
};
