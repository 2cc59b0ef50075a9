import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import { MemoryCounters } from '../platform/counters/counters.memory';
import { createHubs, type Hubs } from './hubs';
import { FakeSocket, quietStore, testHubOptions } from './hub.fixture';

/** A node's hubs: one per room with sockets, closed `idleCloseMs` after the last socket left. */
const room = { id: '00000000-0000-4000-8000-00000000000a', slug: 'r', shopId: '00000000-0000-4000-8000-00000000000b' };
let hubs: Hubs | undefined;
afterEach(async () => hubs?.close());

const open = (idleCloseMs: number) =>
  createHubs({
    nodeId: 'n1', bus: new MemoryBus(), counters: new MemoryCounters(), store: quietStore,
    subscribeEvents: async () => async () => {}, liveShowId: async () => undefined,
    options: testHubOptions(), now: Date.now, log: { warn() {}, error() {} }, idleCloseMs,
  });
const client = () => ({ ws: new FakeSocket(Date.now) as unknown as WebSocket, viewer: { id: 'a:v1', name: 'v', role: 'viewer' as const }, privileged: false });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the hubs of a node', () => {
  it('closes a room’s hub once its last socket has been gone for idleCloseMs', async () => {
    hubs = open(50);
    const hub = await hubs.get(room);
    const c = client();
    hub.join(c);
    hub.leave(c);
    hubs.release(room.id);
    expect(hubs.peek(room.id)).toBeDefined(); // a reload within the window finds the same hub
    await wait(200);
    expect(hubs.peek(room.id)).toBeUndefined();
  });

  it('keeps the hub when a socket joins within the window', async () => {
    hubs = open(100);
    const hub = await hubs.get(room);
    const c = client();
    hub.join(c);
    hub.leave(c);
    hubs.release(room.id);
    const again = await hubs.get(room);
    again.join(client());
    await wait(250);
    expect(again).toBe(hub);
    expect(await hubs.peek(room.id)).toBe(hub);
  });
});
