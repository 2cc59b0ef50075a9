import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPglite } from '../../test/support/pglite';
import { insertRoom } from '../../test/support/rows';
import type { Db } from '../platform/db/db.port';
import { MemoryBus } from '../platform/bus/bus.memory';
import { createRooms, type Rooms } from './rooms.service';

/** Two nodes' room lookups on one database and one bus; node B counts the statements it sends. */
describe('finding a room', () => {
  let db: Db;
  const bus = new MemoryBus();
  let nodeA: Rooms;
  let nodeB: Rooms;
  let shopId: string;
  const sentByB: string[] = [];

  beforeAll(async () => {
    db = await openTestPglite();
    const countedDb = { ...db, query: (sql: string, params?: readonly unknown[]) => (sentByB.push(sql), db.query(sql, params)) } as Db;
    nodeA = createRooms({ db, bus });
    nodeB = createRooms({ db: countedDb, bus });
    await nodeA.start();
    await nodeB.start();
    const roomId = await insertRoom(db);
    [{ shopId } = { shopId: '' }] = await db.query<{ shopId: string }>(`SELECT shop_id AS "shopId" FROM rooms WHERE id = $1`, [roomId]);
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await bus.close();
    await db?.close();
  });

  it('asks the database once for a join storm, by slug and by id alike', async () => {
    const room = await nodeA.create(shopId, { slug: 'storm', title: 'Storm' });
    sentByB.length = 0;
    const found = await Promise.all(Array.from({ length: 500 }, () => nodeB.bySlug('storm')));
    expect(new Set(found.map((r) => r.id))).toEqual(new Set([room.id]));
    await nodeB.bySlug('storm');
    await Promise.all([nodeB.byId(room.id), nodeB.ofShop(shopId, room.id)]);
    expect(sentByB).toHaveLength(2);
  });

  it("keeps 'no such room', and forgets it on every node as soon as one opens the room", async () => {
    sentByB.length = 0;
    for (let i = 0; i < 3; i++) await expect(nodeB.bySlug('soon')).rejects.toMatchObject({ code: 'LIVE_ROOM_NOT_FOUND' });
    expect(sentByB).toHaveLength(1);
    const room = await nodeA.create(shopId, { slug: 'soon', title: 'Soon' });
    expect(await nodeB.bySlug('soon')).toMatchObject({ id: room.id, shopId, slug: 'soon', title: 'Soon' });
  });

  it("refuses another shop's room as a missing one", async () => {
    const room = await nodeA.create(shopId, { slug: 'mine', title: 'Mine' });
    await expect(nodeB.ofShop(room.id, room.id)).rejects.toMatchObject({ code: 'LIVE_ROOM_NOT_FOUND' });
    expect(await nodeB.ofShop(shopId, room.id)).toMatchObject({ id: room.id });
  });
});
