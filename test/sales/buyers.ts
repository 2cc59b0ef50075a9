import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/db/db.port';

/** A buyer made straight in the database: an account and a session, without the password hashing of sign-up. */
export interface RawBuyer {
  id: string;
  cookie: string;
}

/**
 * `n` accounts with a live session each, inserted in a few statements: signing 500 buyers up over
 * HTTP would spend minutes hashing passwords (argon2), which is not what these tests are about.
 */
export async function makeBuyers(db: Db, n: number, now = new Date()): Promise<RawBuyer[]> {
  const buyers = Array.from({ length: n }, () => ({ id: randomUUID(), token: randomBytes(32).toString('base64url') }));
  const expires = new Date(now.getTime() + 86_400_000);
  for (let i = 0; i < buyers.length; i += 500) {
    const chunk = buyers.slice(i, i + 500);
    await db.query(
      `INSERT INTO users (id, email, display_name, password_hash) SELECT id, 'buyer-' || id || '@example.com', 'buyer ' || left(id::text, 4), 'not-a-hash'
         FROM unnest($1::uuid[]) AS id`,
      [chunk.map((b) => b.id)],
    );
    await db.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) SELECT h, u, $3 FROM unnest($1::text[], $2::uuid[]) AS t(h, u)`,
      [chunk.map((b) => createHash('sha256').update(b.token).digest('hex')), chunk.map((b) => b.id), expires],
    );
  }
  return buyers.map((b) => ({ id: b.id, cookie: `hutong_session=${b.token}` }));
}
