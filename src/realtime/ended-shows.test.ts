import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import { MemoryCounters } from '../platform/counters/counters.memory';
import { showScope } from './audience';
import { createEndedShows } from './ended-shows';
import { hubFixture } from './hub.fixture';

const settle = (counters: MemoryCounters, showId: string) =>
  counters.settle(showScope(showId), { id: `s-${showId}`, likes: 1, online: 1, joins: ['v1'], leaves: [], viewWindowMs: 60_000, chat: { accepted: 0, shown: 0, stored: 0 } });
const turn = () => new Promise((r) => setTimeout(r, 10));

describe('an ended show’s numbers', () => {
  const fx = hubFixture();
  afterEach(() => fx.closeAll());

  it('are let go on every node without a hub of the room, told over the bus', async () => {
    const bus = new MemoryBus();
    const [here, there] = [new MemoryCounters(), new MemoryCounters()];
    const nodes = [here, there].map((counters) => createEndedShows({ bus, counters, hasHub: () => false, log: { warn() {} } }));
    await turn(); // subscribed
    for (const c of [here, there]) await settle(c, 's1');
    await nodes[0]!.ended('room-1', 's1');
    await turn();
    expect([here.scopes, there.scopes]).toEqual([0, 0]);
    await Promise.all(nodes.map((n) => n.close()));
  });

  it('are kept on a node whose hub of the room is open (the hub retires them itself)', async () => {
    const bus = new MemoryBus();
    const counters = new MemoryCounters();
    const node = createEndedShows({ bus, counters, hasHub: (roomId) => roomId === 'room-1', log: { warn() {} } });
    await turn();
    await settle(counters, 's1');
    await node.ended('room-1', 's1');
    await turn();
    expect(counters.scopes).toBe(1);
    await node.close();
  });

  it('are let go by a hub when the next show starts, and when it closes after its show ended', async () => {
    const counters = new MemoryCounters(() => fx.clock);
    const hub = await fx.open({}, { counters, liveShowId: '00000000-0000-4000-8000-0000000000c1' });
    await fx.connect(hub);
    hub.like(3);
    await fx.settled(hub);
    expect(counters.scopes).toBe(1);
    fx.events[0]!({ type: 'show.state', showId: '00000000-0000-4000-8000-0000000000c2', state: 'live' });
    await turn();
    await fx.settled(hub);
    expect(counters.scopes).toBe(1); // the second show's only
    fx.events[0]!({ type: 'show.state', showId: '00000000-0000-4000-8000-0000000000c2', state: 'ended' });
    await fx.settled(hub);
    await fx.closeAll();
    expect(counters.scopes).toBe(0);
  });
});
