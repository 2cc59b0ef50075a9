import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import { showScope } from './audience';
import { endedShowsTopic } from './topics';

/**
 * Lets go of an ended show's numbers on every node (bounded memory per show, issue 9). A node with
 * a hub of the room retires the show's counters scope itself once nothing of it waits to be
 * settled (audience.ts: at the next show or when the hub closes); a node without one would never
 * hear of the end, and per-process counters would keep the show's sketch for as long as the
 * process runs. So the node where a show ends says so on one node-wide topic, and every node
 * without a hub of that room retires the scope at once. One message per show, whatever the audience.
 */
export function createEndedShows(deps: {
  bus: Bus;
  counters: Counters;
  /** Whether this node has a hub of the room open (it retires the scope itself). */
  hasHub(roomId: string): boolean;
  log: { warn(obj: object, msg: string): void };
}) {
  let closed = false;
  const retire = (roomId: string, showId: string) => {
    if (deps.hasHub(roomId)) return;
    deps.counters.retire(showScope(showId)).catch((err) => deps.log.warn({ err, showId }, 'retiring an ended show’s counters failed'));
  };
  const subscribed = deps.bus
    .subscribe(endedShowsTopic, (message) => {
      const { roomId, showId } = message as { roomId?: unknown; showId?: unknown };
      if (typeof roomId === 'string' && typeof showId === 'string') retire(roomId, showId);
    })
    .catch((err) => {
      deps.log.warn({ err }, 'not subscribed to ended shows: per-process counters keep them until the room’s hub closes');
      return undefined;
    });

  return {
    /** A show ended on this node: every node lets go of its numbers (this one at once, even if the bus is down). */
    async ended(roomId: string, showId: string): Promise<void> {
      if (closed) return;
      retire(roomId, showId);
      await deps.bus.publish(endedShowsTopic, { roomId, showId });
    },

    async close(): Promise<void> {
      closed = true;
      await (await subscribed)?.();
    },
  };
}
