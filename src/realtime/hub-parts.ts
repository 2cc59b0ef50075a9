import type { ChatTally } from '../platform/counters/counters.port';
import { ChatStore } from './chat-store';
import { HubPeers } from './hub-peers';
import type { HubDeps, HubMetrics } from './hub.types';
import { Outage } from './outage';
import { RoomChat } from './room-chat';

/**
 * The parts of a room hub that talk to the outside — its chat path (room-chat.ts), the other
 * nodes (hub-peers.ts), the chat store (chat-store.ts) — and the outage log of each dependency,
 * wired here so hub.ts keeps to the room's logic. `tally` hears what the room's chat totals gain.
 */
export function hubParts(deps: HubDeps, metrics: HubMetrics, tally: (change: Partial<ChatTally>) => void) {
  const { options, room, log, now } = deps;
  const outage = (what: 'counters' | 'bus' | 'database', text: string) =>
    new Outage({ what: text, room: room.slug, now, log, onFailure: () => metrics.fault(what) });
  const outages = {
    counters: outage('counters', 'settling the room numbers'),
    bus: outage('bus', 'the bus between nodes'),
    database: outage('database', 'storing chat'),
  };
  const peers = new HubPeers({
    bus: deps.bus, roomId: room.id, nodeId: deps.nodeId, peerTimeoutMs: options.peerTimeoutMs,
    failed: (err) => outages.bus.failed(err),
    ok: () => outages.bus.ok(),
  });
  const store = new ChatStore(
    { perSecond: options.chatStorePerSecond, maxWaiting: options.chatStoreBacklog, batchRows: 1000, retryMs: 1000, lingerMs: options.chatStoreLingerMs },
    {
      save: (messages) => deps.store.saveChat(room.id, messages),
      markDeleted: (id) => deps.store.markDeleted(room.id, id),
      now,
      stored: (n) => (metrics.chatFlow('stored', n), tally({ stored: n })),
      notStored: (reason, n) => metrics.chatFlow(reason, n),
      failed: (err) => outages.database.failed(err),
      ok: () => outages.database.ok(),
    },
  );
  const chat = new RoomChat({
    perSecond: options.chatPerSecond, tickMs: options.relayMarginMs, peers, store, now,
    tally: (change) => {
      if (change.shown) metrics.chatFlow('shown', change.shown);
      tally(change);
    },
  });
  return { outages, peers, store, chat };
}
