import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import { createRoomEvents } from './room-events';

describe('the room event channel', () => {
  const roomId = '6f0d6b8e-3c1a-4b8e-9a51-2f4c1f0e8a11';
  const showId = 'a3c1a0d2-7d43-4b19-8f6e-0c1d2e3f4a5b';

  it('delivers a published event to the room and only that room', async () => {
    const events = createRoomEvents({ bus: new MemoryBus() });
    const here: unknown[] = [];
    const elsewhere: unknown[] = [];
    await events.subscribe(roomId, (e) => here.push(e));
    await events.subscribe('0b7c9a6e-1111-4222-8333-944455556666', (e) => elsewhere.push(e));
    await events.publish(roomId, { type: 'show.state', showId, state: 'live' });
    await new Promise((r) => setTimeout(r, 5));
    expect(here).toEqual([{ type: 'show.state', showId, state: 'live' }]);
    expect(elsewhere).toEqual([]);
  });

  it('refuses a malformed event at the publisher', async () => {
    const events = createRoomEvents({ bus: new MemoryBus() });
    await expect(events.publish(roomId, { type: 'show.state', showId, state: 'paused' } as never)).rejects.toThrow();
  });

  it('drops malformed events arriving from the bus', async () => {
    const bus = new MemoryBus();
    const events = createRoomEvents({ bus });
    const got: unknown[] = [];
    await events.subscribe(roomId, (e) => got.push(e));
    await bus.publish(`room.${roomId}.events`, { type: 'nonsense' });
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([]);
  });
});
