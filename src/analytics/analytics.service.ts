import { stringify } from 'csv-stringify/sync';
import type { ShowState } from '../contracts/media.schemas';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { PinRecord } from '../contracts/cart.schemas';
import type { Page } from '../platform/db/keyset';
import { ANONYMOUS_SHARER, showMinute, type ShowMinute, type ShowReport } from '../contracts/analytics.schemas';
import { createAudienceSampler, type SampledAudience } from './audience-sampler';
import { createHappenings, type Happening } from './happenings';
import { minutesRepo } from './minutes.repo';
import { createSalesReader, type ReadSalesEvents } from './sales-reader';
import { seriesRepo } from './series.repo';
import { overviewRepo } from './overview.repo';

/** A show as live tells it (live's `shows.get`). */
export interface ShowFacts {
  show: { id: string; roomId: string; title: string; state: ShowState; startedAt: string | null; endedAt: string | null; hasReplay: boolean };
  room: { id: string; shopId: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AnalyticsDeps {
  db: Db;
  bus: Bus;
  clock: Clock;
  /** The live shows with a hub on this node (realtime). */
  audiences(): Promise<SampledAudience[]>;
  /** Sales' outbox reader (sales.outbox.read). */
  readSales: ReadSalesEvents;
  /** The bus topic sales publishes committed events on: a wake-up to read the outbox at once. */
  salesTopic: string;
  /** The show live in a room now (live). */
  liveShowOf(roomId: string): Promise<string | null>;
  showById(showId: string): Promise<ShowFacts | undefined>;
  /** A room's pins in a window, a page at a time (cart). */
  pinsOfRoom(shopId: string, roomId: string, window: { from?: Date; to?: Date }, query: PageQuery): Promise<Page<PinRecord>>;
  /** Accounts' display names by id (identity's index); ids it does not know are left out. */
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
  log: { error(obj: object, msg: string): void };
}

export interface AnalyticsOptions {
  /** How often this node samples its live rooms' audience. */
  sampleMs: number;
  /** How often happenings gathered on this node are written. */
  flushMs: number;
  /**
   * How often the sales outbox is read even without a wake-up from the bus; null: only on wake-ups
   * (PGlite: this process is the only writer, and the in-process bus tells it of every event).
   */
  salesPollMs: number | null;
}

export const defaultAnalyticsOptions: AnalyticsOptions = { sampleMs: 5_000, flushMs: 2_000, salesPollMs: 5_000 };

/**
 * Analytics (docs/metrics.md): each show's per-minute series, fed by the audience the room hubs
 * count, happenings on this node (cart opens, product clicks, click-outs, follows, shares) and the
 * sales outbox — never by reading another context's tables.
 */
export function createAnalytics(deps: AnalyticsDeps, options: AnalyticsOptions = defaultAnalyticsOptions) {
  const now = () => deps.clock.now().getTime();
  const sampler = createAudienceSampler({ db: deps.db, now, audiences: deps.audiences, maxGapMs: Math.max(3 * options.sampleMs, 15_000) });
  const happenings = createHappenings({ db: deps.db, now });
  const sales = createSalesReader({ db: deps.db, read: deps.readSales });
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => Promise<void>) | undefined;
  let salesRunning: Promise<unknown> | undefined;
  let salesAgain = false;

  /** One outbox read at a time on this node; a wake-up during one runs another after it. */
  function readSalesSoon(): Promise<unknown> {
    if (salesRunning) {
      salesAgain = true;
      return salesRunning;
    }
    salesRunning = sales
      .catchUp()
      .catch((err) => deps.log.error({ err }, 'reading the sales outbox failed; trying again'))
      .finally(() => {
        salesRunning = undefined;
        if (salesAgain) {
          salesAgain = false;
          void readSalesSoon();
        }
      });
    return salesRunning;
  }

  function every(ms: number, what: string, fn: () => Promise<unknown>): void {
    let busy = false;
    const t = setInterval(() => {
      if (busy) return;
      busy = true;
      fn()
        .catch((err) => deps.log.error({ err }, `${what} failed; trying again`))
        .finally(() => (busy = false));
    }, ms);
    t.unref();
    timers.push(t);
  }

  async function ownedShow(shopId: string, showId: string): Promise<ShowFacts> {
    const facts = await deps.showById(showId);
    if (!facts || facts.room.shopId !== shopId) throw new AppError('LIVE_SHOW_NOT_FOUND');
    return facts;
  }

  async function allMinutes(showId: string): Promise<ShowMinute[]> {
    const all: ShowMinute[] = [];
    let after: string | undefined;
    do {
      const page = await seriesRepo.minutes(deps.db, showId, { limit: 100, after });
      all.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    return all;
  }

  return {
    /** How far analytics has read the sales outbox (its cursor; null before the first read): rows before it may be pruned. */
    salesPosition: () => minutesRepo.cursor(deps.db, 'sales.outbox'),

    async start(): Promise<void> {
      unsubscribe = await deps.bus.subscribe(deps.salesTopic, () => void readSalesSoon());
      every(options.sampleMs, 'sampling the live audience', () => sampler.sample());
      every(options.flushMs, 'writing analytics happenings', () => happenings.flush());
      if (options.salesPollMs !== null) every(options.salesPollMs, 'reading the sales outbox', () => readSalesSoon());
      void readSalesSoon();
    },

    /** Counts something that happened on this node in a room, for the show live there now (nothing between shows). */
    async note(room: { id: string; shopId: string }, happening: Happening): Promise<void> {
      const showId = await deps.liveShowOf(room.id);
      if (showId) happenings.note({ showId, shopId: room.shopId, roomId: room.id }, happening);
    },

    /** Counts something that happened on this node for a show the caller already knows (a share made during it). */
    noteForShow(owner: { showId: string; shopId: string; roomId: string }, happening: Happening): void {
      happenings.note(owner, happening);
    },

    /** Samples, flushes and reads the outbox now (tests, and close). */
    async settle(): Promise<void> {
      await sampler.sample();
      await happenings.flush();
      await readSalesSoon();
      if (salesRunning) await salesRunning;
    },

    async report(shopId: string, showId: string): Promise<ShowReport> {
      const { show } = await ownedShow(shopId, showId);
      const { currency, ...totals } = await seriesRepo.totals(deps.db, showId);
      return {
        show,
        currency,
        totals,
        funnel: {
          views: totals.views,
          cartOpens: totals.cartOpens,
          productClicks: totals.ownClicks + totals.externalClicks,
          orders: totals.orders,
          paid: totals.paidOrders,
        },
        at: deps.clock.now().toISOString(),
      };
    },

    async series(shopId: string, showId: string, query: PageQuery) {
      await ownedShow(shopId, showId);
      return seriesRepo.minutes(deps.db, showId, query);
    },

    /** Every minute as CSV: the same columns and figures as the series' JSON. */
    async csv(shopId: string, showId: string): Promise<string> {
      await ownedShow(shopId, showId);
      const columns = Object.keys(showMinute.shape) as (keyof ShowMinute)[];
      const rows = (await allMinutes(showId)).map((m) => columns.map((c) => m[c]));
      return stringify([columns, ...rows]);
    },

    async products(shopId: string, showId: string, query: PageQuery) {
      await ownedShow(shopId, showId);
      return seriesRepo.products(deps.db, showId, query);
    },

    /** Each explained product's window (pin to unpin) during the show, with what the show sold in it. */
    async explains(shopId: string, showId: string, query: PageQuery) {
      const { show, room } = await ownedShow(shopId, showId);
      if (!show.startedAt) return { items: [], next: null };
      const window = { from: new Date(show.startedAt), ...(show.endedAt ? { to: new Date(show.endedAt) } : {}) };
      const page = await deps.pinsOfRoom(room.shopId, room.id, window, query);
      const items = await Promise.all(
        page.items.map(async (p) => ({ ...p, ...(await seriesRepo.soldBetween(deps.db, showId, new Date(p.pinnedAt), p.unpinnedAt ? new Date(p.unpinnedAt) : null)) })),
      );
      return { items, next: page.next };
    },

    /** Sharers with their display names (identity's word, asked now: a renamed account shows its new name). */
    async sharers(shopId: string, showId: string, query: PageQuery) {
      await ownedShow(shopId, showId);
      const page = await seriesRepo.sharers(deps.db, showId, query);
      const names = await deps.displayNames(page.items.map((s) => s.sharer).filter((id) => id !== ANONYMOUS_SHARER && UUID.test(id)));
      return { ...page, items: page.items.map((s) => ({ ...s, displayName: names.get(s.sharer) ?? null })) };
    },

    showsOfShop: (shopId: string, query: PageQuery) => overviewRepo.showsOfShop(deps.db, shopId, query),

    /** Every shop since the start of the UTC day. */
    overview() {
      const at = deps.clock.now();
      const since = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
      return overviewRepo.overview(deps.db, since, at);
    },

    busiestRooms: (query: PageQuery) => overviewRepo.busiestRooms(deps.db, deps.clock.now(), query),

    async close(): Promise<void> {
      for (const t of timers.splice(0)) clearInterval(t);
      await unsubscribe?.();
      if (salesRunning) await salesRunning;
      await happenings.flush().catch((err) => deps.log.error({ err }, 'writing analytics happenings at close failed'));
    },
  };
}

export type Analytics = ReturnType<typeof createAnalytics>;
