import type { WebSocket } from 'ws';
import type { Bus } from '../platform/bus/bus.port';
import { MemoryBus } from '../platform/bus/bus.memory';
import { MemoryCounters } from '../platform/counters/counters.memory';
import type { Counters } from '../platform/counters/counters.port';
import { batchFrame, type BatchFrame, type ViewerIdentity } from '../contracts/realtime.schemas';
import type { RoomEvent } from '../contracts/room-events.schemas';
import { defaultChatLimits } from './chat-rules';
import { RoomHub, type Client, type HubMetrics, type HubOptions, type HubStore } from './hub';

/** A stand-in socket: what the hub writes to it, frame by frame, with the test clock's time of each write. */
export class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  sentAt: number[] = [];
  closedWith: number | undefined;
  constructor(private readonly clock: () => number) {}
  send(data: string | Buffer) {
    this.sent.push(String(data));
    this.sentAt.push(this.clock());
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  terminate() {
    this.readyState = 3;
  }
  frames(): { t: string }[] {
    return this.sent.map((s) => JSON.parse(s));
  }
  batches(): BatchFrame[] {
    return this.frames().filter((f) => f.t === 'batch').map((f) => batchFrame.parse(f));
  }
  chatTexts(): string[] {
    return this.batches().flatMap((b) => b.chat.map((m) => m.text));
  }
  /** Each batch with the time it was written. */
  timedBatches(): { at: number; batch: BatchFrame }[] {
    return this.sent.flatMap((s, i) => {
      const f = JSON.parse(s);
      return f.t === 'batch' ? [{ at: this.sentAt[i]!, batch: batchFrame.parse(f) }] : [];
    });
  }
}

export const quietStore: HubStore = {
  saveChat: async () => {},
  markDeleted: async () => {},
  recentChat: async () => [],
  loadModeration: async () => ({ bans: [], mutes: new Map(), slowModeSeconds: 0, bannedWords: [] }),
};

/** Hub options for tests: ticks driven by the test, no early writes, generous chat limits. */
export function testHubOptions(o: Partial<HubOptions> = {}): HubOptions {
  return {
    tickMs: 60_000, // ticks are driven by the test
    maxTickMs: 60_000,
    chatPerSecond: 20,
    relayMarginMs: 0,
    maxBufferedBytes: 1000,
    slowCloseMs: 5000,
    resumeFrames: 3,
    recentMessages: 50,
    viewWindowMs: 60_000,
    peerTimeoutMs: 6000,
    settleTimeoutMs: 1000,
    chatStorePerSecond: 100,
    chatStoreBacklog: 10_000,
    chatStoreLingerMs: 0, // stored as it comes: tests wait for rows, not for a linger
    writeChunk: 2,
    laneSockets: 1000,
    writeBudget: 0, // no early writes unless a test turns them on: only its ticks write
    writeHoldMs: 0,
    countsMs: 0, // counts at every tick unless a test paces them
    limits: { ...defaultChatLimits, burst: 1000, perSecond: 1000 },
    operatorBannedWords: [],
    ...o,
  };
}

/**
 * Hubs driven by hand (ticks called by the test) on an injected clock; `close()` after each test.
 */
export function hubFixture() {
  const fixture = {
    clock: 1_000_000,
    /** Room-event handlers of the open hubs: a test announces an event through them. */
    events: [] as ((e: RoomEvent) => void)[],
    hubs: [] as RoomHub[],
    n: 0,

    async open(
      o: Partial<HubOptions> = {},
      shared: { bus?: Bus; nodeId?: string; counters?: Counters; store?: HubStore; metrics?: HubMetrics; liveShowId?: string } = {},
    ): Promise<RoomHub> {
      const options = testHubOptions(o);
      const hub = await RoomHub.open({
        room: { id: '00000000-0000-4000-8000-00000000000a', slug: 'r', shopId: '00000000-0000-4000-8000-00000000000b' },
        nodeId: shared.nodeId ?? 'n1',
        bus: shared.bus ?? new MemoryBus(),
        counters: shared.counters ?? new MemoryCounters(() => fixture.clock),
        store: shared.store ?? quietStore,
        subscribeEvents: async (_roomId, handler) => {
          fixture.events.push(handler);
          return async () => {};
        },
        liveShowId: async () => shared.liveShowId,
        options,
        metrics: shared.metrics,
        now: () => fixture.clock,
        log: { warn: () => {}, error: () => {} },
      });
      fixture.hubs.push(hub);
      return hub;
    },

    async connect(hub: RoomHub, role: ViewerIdentity['role'] = 'viewer', resume?: { epoch?: string; seq?: number }) {
      const ws = new FakeSocket(() => fixture.clock);
      const client: Client = { ws: ws as unknown as WebSocket, viewer: { id: `a:v${fixture.n++}`, name: 'v', role }, privileged: role === 'host' };
      await hub.join(client, resume);
      return { ws, client };
    },

    /** A tick, and the settlement it started (beside the write path) done. */
    async settled(hub: RoomHub) {
      await hub.tick();
      await hub.settled();
    },

    async closeAll() {
      await Promise.all(fixture.hubs.splice(0).map((h) => h.close()));
      fixture.events.length = 0;
    },
  };
  return fixture;
}

/**
 * Wraps any object so that, while `frozen`, every method call waits (a SIGSTOPped Redis or NATS:
 * the call reaches it, nothing answers); `thaw()` runs the held calls against the real object and
 * lets their answers through, as a resumed server would.
 */
export function freezable<T extends object>(target: T) {
  const held: (() => void)[] = [];
  const control = {
    frozen: false,
    thaw() {
      control.frozen = false;
      for (const go of held.splice(0)) go();
    },
  };
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      const value = Reflect.get(t, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!control.frozen || key === 'close' || key === 'subscribe') return value.apply(t, args);
        return new Promise((resolve, reject) => held.push(() => Promise.resolve(value.apply(t, args)).then(resolve, reject)));
      };
    },
  });
  return { proxy, control };
}
