import type { Bus } from '../platform/bus/bus.port';
import { roomEvent, type RoomEvent } from '../contracts/room-events.schemas';
import { roomEventsTopic } from './topics';

/**
 * The generic room event channel. Publishing validates the event (a malformed one is a bug in the
 * publisher and throws); delivery is the bus's: at-most-once, ordered per publisher.
 */
export function createRoomEvents({ bus }: { bus: Bus }) {
  return {
    async publish(roomId: string, event: RoomEvent): Promise<void> {
      await bus.publish(roomEventsTopic(roomId), roomEvent.parse(event));
    },

    /** Events arriving from the bus are checked again: another node may run another version. */
    subscribe(roomId: string, handler: (event: RoomEvent) => void): Promise<() => Promise<void>> {
      return bus.subscribe(roomEventsTopic(roomId), (message) => {
        const parsed = roomEvent.safeParse(message);
        if (parsed.success) handler(parsed.data);
      });
    },
  };
}

export type RoomEvents = ReturnType<typeof createRoomEvents>;
