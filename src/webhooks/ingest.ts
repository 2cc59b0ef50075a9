import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import { webhookEventTypes } from '../contracts/webhooks.schemas';
import { deliveriesRepo } from './deliveries.repo';

/** A committed event as an owner's outbox gives it out. */
export interface SourceEvent {
  id: string;
  shopId: string;
  type: string;
  /** When it happened (ISO 8601, UTC): events of several sources read together are queued in this order. */
  at: string;
  data: unknown;
}

/**
 * An owner's outbox, read through the owner's published read function (never its table): events
 * after a cursor it gave out, oldest first, gap-free (a late commit is read after, never skipped).
 * Reading the same cursor again with a smaller limit gives the same first events.
 */
export interface WebhookSource {
  name: string;
  read(after: string | undefined, limit: number): Promise<{ events: SourceEvent[]; next: string | null }>;
}

const wanted: ReadonlySet<string> = new Set(webhookEventTypes);
const PAGE = 200;

type Page = { events: SourceEvent[]; next: string | null };

/**
 * Copies the sources' new events into messages and deliveries. Every source is read at once and
 * their events are queued in the order they happened (a show started, then an item pinned, then
 * an order: in that order to an endpoint subscribed to all three, though they come from three
 * outboxes). When a source has more than a page waiting, the others are taken only up to the time
 * of its page's last event, so a later event never overtakes an earlier one still unread.
 *
 * Every cursor moves in the one transaction that writes the messages, and a message is unique per
 * source event: a crash before the commit reads the same events again, one after it does not, and
 * two nodes reading at once write them once (the second sees a cursor moved and lets it be).
 */
export function createIngest({ db, clock, sources }: { db: Db; clock: Clock; sources: readonly WebhookSource[] }) {
  async function cursorOf(source: WebhookSource): Promise<string | undefined> {
    const [row] = await db.query<{ cursor: string }>(`SELECT cursor FROM webhook_cursors WHERE source = $1`, [source.name]);
    return row?.cursor;
  }

  /** Pages cut so that no event after `cutoff` is taken from a source that has one before it unread. */
  async function cut(pages: Page[], from: (string | undefined)[]): Promise<Page[]> {
    const full = pages.filter((p) => p.events.length >= PAGE);
    if (full.length === 0) return pages;
    const cutoff = full.map((p) => p.events.at(-1)!.at).sort()[0]!;
    const cutPages = await Promise.all(
      pages.map(async (p, i) => {
        let k = 0;
        while (k < p.events.length && p.events[k]!.at <= cutoff) k++;
        if (k === p.events.length) return p;
        if (k === 0) return { events: [], next: null };
        return sources[i]!.read(from[i], k);
      }),
    );
    // Times out of order within a source could leave nothing to take: then the full pages go whole.
    return cutPages.some((p) => p.events.length > 0) ? cutPages : pages.map((p) => (p.events.length >= PAGE ? p : { events: [], next: null }));
  }

  /** One batch from every source; whether a source had more than a page waiting (read again). */
  async function batch(): Promise<{ queued: number; more: boolean }> {
    const from = await Promise.all(sources.map(cursorOf));
    const read = await Promise.all(sources.map((s, i) => s.read(from[i], PAGE)));
    const pages = await cut(read, from);
    const events = pages
      .flatMap((p, i) => p.events.map((e) => ({ e, source: sources[i]! })))
      // Stable: events of one source keep their outbox order when their times tie.
      .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : 0));
    if (events.length === 0) return { queued: 0, more: false };
    let queued = 0;
    const moved = await db.transaction(async (tx) => {
      // Locked in the sources' order, so nodes ingesting at once never wait on each other in a circle.
      for (const [i, source] of sources.entries()) {
        // Another node moved this cursor since we read it: its transaction wrote these events.
        if ((await deliveriesRepo.cursor(tx, source.name)) !== (from[i] ?? null)) return false;
      }
      // Shops with no enabled endpoint (most, in a burst of orders) are skipped on one statement, not one per event.
      const shopIds = [...new Set(events.filter(({ e }) => wanted.has(e.type)).map(({ e }) => e.shopId))];
      const listening = new Set(shopIds.length === 0 ? [] : await deliveriesRepo.shopsWithEndpoints(tx, shopIds));
      for (const { e, source } of events) {
        if (!wanted.has(e.type) || !listening.has(e.shopId)) continue;
        const body = JSON.stringify({ type: e.type, timestamp: e.at, shopId: e.shopId, data: e.data });
        const ids = await deliveriesRepo.enqueue(tx, { id: newId(), shopId: e.shopId, type: e.type, source: source.name, sourceId: e.id, body, createdAt: clock.now() }, newId);
        queued += ids.length;
      }
      for (const [i, page] of pages.entries()) if (page.events.length > 0 && page.next !== null) await deliveriesRepo.setCursor(tx, sources[i]!.name, page.next);
      return true;
    });
    return { queued, more: moved && read.some((p) => p.events.length >= PAGE) };
  }

  return {
    /** Reads every source up to now; returns how many deliveries were queued. */
    async ingest(): Promise<number> {
      let queued = 0;
      for (;;) {
        const { queued: n, more } = await batch();
        queued += n;
        if (!more) return queued;
      }
    },
  };
}
