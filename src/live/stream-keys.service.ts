import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { newSecret } from '../kernel/ids';
import { constantTimeEqual, hashSecret } from '../kernel/secrets';

/**
 * Stream keys: one current key per room, 256 random bits, pasted into OBS by the host.
 *
 * Stored twice, never in the clear: a SHA-256 hash authenticates a publish (looked up by hash,
 * then compared in constant time), and an AES-256-GCM seal under the server's stream-key secret
 * lets the host reveal the key again — unlike an API key, a stream key is re-entered into OBS
 * often, and showing it once would push hosts to keep it in a note. A database leak alone yields
 * neither a usable key nor a way to reveal one. Rotating replaces both; the old key stops at once.
 */
export interface StreamKeysDeps {
  db: Db;
  clock: Clock;
  /** 32 bytes; read lazily (config or a file under the data dir) so routes that never touch keys need none. */
  sealingKey: () => Buffer;
}

const seal = (key: Buffer, plain: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
};

const unseal = (key: Buffer, sealed: string): string => {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
};

/** Keys are base64url: anything else is refused before hashing or touching the database. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export function createStreamKeys({ db, clock, sealingKey }: StreamKeysDeps) {
  const rotated = new Set<(roomId: string) => void | Promise<void>>();

  /** Replaces the room's key; the listeners (the ingest: cut off the old key's publisher) hear of it after. */
  async function rotate(roomId: string): Promise<{ streamKey: string; rotatedAt: string }> {
    const streamKey = newSecret();
    const at = clock.now();
    await db.query(
      `INSERT INTO stream_keys (room_id, key_hash, key_sealed, rotated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id) DO UPDATE SET key_hash = EXCLUDED.key_hash, key_sealed = EXCLUDED.key_sealed, rotated_at = EXCLUDED.rotated_at`,
      [roomId, hashSecret(streamKey), seal(sealingKey(), streamKey), at],
    );
    for (const listener of rotated) await listener(roomId);
    return { streamKey, rotatedAt: at.toISOString() };
  }

  return {
    rotate,

    onRotate(listener: (roomId: string) => void | Promise<void>): () => void {
      rotated.add(listener);
      return () => rotated.delete(listener);
    },

    /**
     * The room's current key, created on first request. Two first reveals at once (two tabs, two
     * nodes) must show the same key: the first insert wins (`ON CONFLICT DO NOTHING`), and every
     * caller answers with what the table then holds — never a key of its own that lost the race.
     */
    async reveal(roomId: string): Promise<{ streamKey: string; rotatedAt: string }> {
      const read = async () =>
        (await db.query<{ sealed: string; rotatedAt: Date }>(`SELECT key_sealed AS sealed, rotated_at AS "rotatedAt" FROM stream_keys WHERE room_id = $1`, [roomId]))[0];
      let row = await read();
      if (!row) {
        const streamKey = newSecret();
        await db.query(
          `INSERT INTO stream_keys (room_id, key_hash, key_sealed, rotated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (room_id) DO NOTHING`,
          [roomId, hashSecret(streamKey), seal(sealingKey(), streamKey), clock.now()],
        );
        row = await read();
      }
      return { streamKey: unseal(sealingKey(), row!.sealed), rotatedAt: row!.rotatedAt.toISOString() };
    },

    /** The room a presented key publishes to, or null for any key that is not a room's current key. */
    async authenticate(presented: string): Promise<string | null> {
      if (!KEY_SHAPE.test(presented)) return null;
      const hash = hashSecret(presented);
      const [row] = await db.query<{ roomId: string; keyHash: string }>(
        `SELECT room_id AS "roomId", key_hash AS "keyHash" FROM stream_keys WHERE key_hash = $1`,
        [hash],
      );
      // The index lookup finds the row; the constant-time compare is what decides.
      return row && constantTimeEqual(row.keyHash, hash) ? row.roomId : null;
    },
  };
}

export type StreamKeys = ReturnType<typeof createStreamKeys>;
