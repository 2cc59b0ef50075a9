import type { HubDeps, HubRoom } from './hub';
import { RoomHub } from './hub';

/**
 * This node's hubs, one per room with sockets. A hub opens on the first join (concurrent joins
 * share the opening) and closes `idleCloseMs` after its last socket left, so a viewer reloading
 * the page finds the same hub (and can resume).
 */
export function createHubs(deps: Omit<HubDeps, 'room'> & { idleCloseMs: number }) {
  const hubs = new Map<string, Promise<RoomHub>>();
  const idle = new Map<string, NodeJS.Timeout>();

  return {
    get(room: HubRoom): Promise<RoomHub> {
      clearTimeout(idle.get(room.id));
      idle.delete(room.id);
      let h = hubs.get(room.id);
      if (!h) {
        h = RoomHub.open({ ...deps, room });
        hubs.set(room.id, h);
        h.catch(() => hubs.delete(room.id));
      }
      return h;
    },

    /** Every hub open (or opening) on this node. */
    all: (): Promise<RoomHub>[] => [...hubs.values()],

    /** The hub of a room if this node has one open. */
    peek: (roomId: string): Promise<RoomHub> | undefined => hubs.get(roomId),

    release(roomId: string): void {
      const h = hubs.get(roomId);
      if (!h) return;
      void h.then((hub) => {
        if (hub.clients.size > 0 || idle.has(roomId)) return;
        const t = setTimeout(() => {
          idle.delete(roomId);
          if (hub.clients.size > 0) return;
          hubs.delete(roomId);
          void hub.close();
        }, deps.idleCloseMs);
        t.unref();
        idle.set(roomId, t);
      });
    },

    async close(): Promise<void> {
      for (const t of idle.values()) clearTimeout(t);
      const all = [...hubs.values()];
      hubs.clear();
      await Promise.all(all.map(async (h) => (await h.catch(() => undefined))?.close()));
    },
  };
}

export type Hubs = ReturnType<typeof createHubs>;
