import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { migrate } from '../../src/platform/db/migrate';
import { MemoryBus } from '../../src/platform/bus/bus.memory';
import { manualClock } from '../../src/kernel/clock';
import { createSalesEvents, SALES_EVENTS_TOPIC } from '../../src/sales/events';
import type { SalesEventBody } from '../../src/contracts/sales-events.schemas';
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
  });
});
