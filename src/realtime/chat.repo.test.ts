import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/db.port';
import { openPostgres } from '../platform/db/db.postgres';
import { migrate } from '../platform/db/migrate';
import type { ChatMessage } from '../contracts/realtime.schemas';
import { newId } from '../kernel/ids';
import { openTestPglite } from '../../test/support/pglite';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres';
import { serviceUrl } from '../../test/support/services';
import { chatRepo } from './chat.repo';

/** Chat storage on PGlite and PostgreSQL: any number of messages, in bounded statements, each stored once. */
function describeChatRepo(name: string, openDb: () => Promise<{ db: Db; done: () => Promise<void> }>) {
  describe(`chat repo on ${name}`, () => {
    let db: Db;
    let done: () => Promise<void>;
    let roomId: string;

    beforeAll(async () => {
      ({ db, done } = await openDb());
      const shopId = newId();
      roomId = newId();
      await db.query(`INSERT INTO shops (id, name, slug) VALUES ($1, 'shop', $2)`, [shopId, `s-${shopId.slice(0, 8)}`]);
      await db.query(`INSERT INTO rooms (id, shop_id, slug, title) VALUES ($1, $2, $3, 'room')`, [roomId, shopId, `r-${roomId.slice(0, 8)}`]);
    });
    afterAll(() => done?.());

    it('stores 10,000 messages at once (above PostgreSQL’s parameter limit for one statement), and a retry adds none', async () => {
      const messages: ChatMessage[] = Array.from({ length: 10_000 }, (_, i) => ({
        id: newId(), at: 1_700_000_000_000 + i, from: { id: `a:v${i}`, name: `viewer ${i}`, role: 'viewer' }, text: `message ${i} 你好`,
      }));
      await chatRepo.insertMany(db, roomId, messages);
      await chatRepo.insertMany(db, roomId, messages.slice(0, 2_500));
      const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM chat_messages WHERE room_id = $1`, [roomId]);
      expect(Number(row!.n)).toBe(10_000);
      const latest = await chatRepo.latest(db, roomId, 1);
      expect(latest[0]).toMatchObject({ text: 'message 9999 你好', from: { id: 'a:v9999', name: 'viewer 9999', role: 'viewer' }, at: 1_700_000_009_999 });
    });
  });
}

describeChatRepo('PGlite', async () => {
  const db = await openTestPglite();
  return { db, done: () => db.close() };
});

const pgUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
let database: TestDatabase | undefined;
if (pgUrl)
  describeChatRepo('PostgreSQL', async () => {
    database = await createTestDatabase(pgUrl);
    const db = await openPostgres({ url: database.url });
    await migrate(db);
    return { db, done: async () => (await db.close(), await database!.drop()) };
  });
