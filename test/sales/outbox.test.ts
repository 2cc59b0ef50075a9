import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { migrate } from '../../src/platform/db/migrate';
import { MemoryBus } from '../../src/platform/bus/bus.memory';
import { manualClock } from '../../src/kernel/clock';
import { createSalesEvents, SALES_EVENTS_TOPIC } from '../../src/sales/events';
import type { SalesEventBody } from '../../src/contracts/sales-events.schemas';
import { leastOutboxCursor } from '../../src/platform/db/outbox-cursor';
import { onEveryDatabase } from './databases';

const event = (campaignId: string): SalesEventBody => ({
  type: 'sale.started',
  data: { campaignId, kind: 'flash', roomId: null, productId: randomUUID(), skuId: null, units: 10, sold: 0 },
});

/**
 * The outbox as readers see it (webhooks and analytics, through sales' index): committed events in
 * one order, never one skipped because a transaction that began earlier committed later.
 */
onEveryDatabase((name, open) => {
  describe(`the sales outbox on ${name}`, () => {
    let db: Db;
    let cleanup: (() => Promise<void>) | undefined;
    let shopId: string;
    const bus = new MemoryBus();
    const events = () => createSalesEvents({ db, bus, clock: manualClock(), log: { error: () => {} } });

    beforeAll(async () => {
      const opened = await open();
      db = opened.db;
      cleanup = opened.cleanup;
      await migrate(db);
      shopId = randomUUID();
      await db.query(`INSERT INTO shops (id, slug, name) VALUES ($1, $2, 'outbox')`, [shopId, `outbox-${shopId.slice(0, 8)}`]);
    });
    afterAll(async () => {
      await db?.close();
      await cleanup?.();
    });

    it('reads committed events in order, a page at a time, and publishes them on the bus after commit', async () => {
      const heard: string[] = [];
      await bus.subscribe(SALES_EVENTS_TOPIC, (m) => heard.push((m as { subjectId: string }).subjectId));
      const sales = events();
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of ids) {
        const batch = sales.batch();
        await db.transaction((tx) => batch.emit(tx, shopId, id, event(id)));
        batch.publish();
      }
      const first = await sales.read({ limit: 2 });
      expect(first.events.map((e) => e.subjectId)).toEqual(ids.slice(0, 2));
      const second = await sales.read({ after: first.next!, limit: 2 });
      expect(second.events.map((e) => e.subjectId)).toEqual(ids.slice(2));
      expect((await sales.read({ after: second.next!, limit: 2 })).events).toEqual([]);
      expect(heard).toEqual(ids);
    });

    it.skipIf(name === 'PGlite')('never skips an event whose transaction began first and committed last', async () => {
      const sales = events();
      const { next: start } = await sales.read({ limit: 1000 });
      const early = randomUUID();
      const late = randomUUID();
      let commitEarly!: () => void;
      const held = new Promise<void>((r) => (commitEarly = r));
      let wrote!: () => void;
      const written = new Promise<void>((r) => (wrote = r));
      // The early transaction writes its event first (smaller id) and stays open.
      const earlyTx = db.transaction(async (tx) => {
        await sales.batch().emit(tx, shopId, early, event(early));
        wrote();
        await held;
      });
      await written;
      await db.transaction((tx) => sales.batch().emit(tx, shopId, late, event(late)));
      // The late event is committed, but reading it now would let a reader step past the early one.
      expect((await sales.read({ after: start ?? undefined, limit: 100 })).events.map((e) => e.subjectId)).toEqual([]);
      commitEarly();
      await earlyTx;
      expect((await sales.read({ after: start ?? undefined, limit: 100 })).events.map((e) => e.subjectId)).toEqual([early, late]);
    });

    it('prunes only what every reader has read and the retention has passed, in batches; cursors keep reading on', async () => {
      const clock = manualClock(new Date('2026-11-01T00:00:00Z'));
      const sales = createSalesEvents({ db, bus, clock, log: { error: () => {} } });
      const start = await sales.read({ limit: 1000 });
      const ids = Array.from({ length: 5 }, () => randomUUID());
      for (const id of ids) {
        await db.transaction((tx) => sales.batch().emit(tx, shopId, id, event(id)));
        clock.advance(1000);
      }
      // Two readers: one has read three events, the other all five.
      const behind = await sales.read({ after: start.next ?? undefined, limit: 3 });
      const ahead = await sales.read({ after: start.next ?? undefined, limit: 10 });
      expect(ahead.events.map((e) => e.subjectId)).toEqual(ids);
      const subjects = async () =>
        (await db.query<{ subjectId: string }>(`SELECT subject_id AS "subjectId" FROM sales_outbox WHERE subject_id = ANY($1::uuid[]) ORDER BY id`, [ids])).map((r) => r.subjectId);

      // Within the retention nothing goes, however far the readers are (earlier tests' older rows may).
      await sales.prune({ before: new Date('2026-11-01T00:00:00Z'), readTo: ahead.next, limit: 100 });
      expect(await subjects()).toEqual(ids);
      // A reader that has read nothing yet holds everything.
      expect(leastOutboxCursor([ahead.next, null])).toBeNull();
      expect(await sales.prune({ before: clock.now(), readTo: null, limit: 100 })).toBe(0);

      // Past it: only what the reader behind has read, a batch at a time (earlier suites' rows go too).
      const readTo = leastOutboxCursor([ahead.next, behind.next]);
      expect(readTo).toBe(behind.next);
      let deleted = 0;
      for (let n = -1; n !== 0; ) deleted += n = await sales.prune({ before: clock.now(), readTo, limit: 2 });
      expect(deleted).toBeGreaterThanOrEqual(3);
      expect(await subjects()).toEqual(ids.slice(3));

      // Both cursors read on as before: the one behind gets the two it had not read, then new ones.
      expect((await sales.read({ after: behind.next!, limit: 10 })).events.map((e) => e.subjectId)).toEqual(ids.slice(3));
      const later = randomUUID();
      await db.transaction((tx) => sales.batch().emit(tx, shopId, later, event(later)));
      expect((await sales.read({ after: ahead.next!, limit: 10 })).events.map((e) => e.subjectId)).toEqual([later]);
    });
  });
});
