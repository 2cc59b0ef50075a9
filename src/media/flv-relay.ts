import { createServer, get, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Bus } from '../platform/bus/bus.port';

/** Where each process announces the rooms whose stream it holds. */
const TOPIC = 'media.flv';
/** Announced this often, even when empty (a stream that ended is dropped by the next one). */
const ANNOUNCE_MS = 2000;
/** A process unheard of for this long is taken for dead (a busy machine may delay a period or two). */
const FORGET_MS = 30_000;

interface Announcement {
  host: string;
  url: string;
  rooms: string[];
}

/**
 * HTTP-FLV between the server processes of one machine (HUTONG_WORKERS): the RTMP port is shared,
 * so a stream comes in on one worker while a viewer's request may land on another. Each process
 * serves the streams it holds on a loopback port of its own and announces them on the bus; the
 * others pipe a viewer's request through it. Announcements from another machine are ignored:
 * their loopback is not ours.
 */
export async function startFlvRelay(deps: {
  bus: Bus;
  /** Rooms whose stream is coming in here. */
  liveRooms: () => string[];
  /** Pipes the room's HTTP-FLV into `res`; false when it is not live here. */
  attachFlv: (roomId: string, res: ServerResponse) => boolean;
}) {
  const server = createServer((req, res) => {
    const roomId = /^\/flv\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
    if (!roomId || !deps.attachFlv(roomId, res)) {
      res.statusCode = 404;
      res.end();
    }
  });
  // exclusive: in a cluster worker a shared listen would hand every worker the same port.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const host = hostname();
  /** What each other process on this machine last said it holds. */
  const peers = new Map<string, { rooms: Set<string>; at: number }>();

  const unsubscribe = await deps.bus.subscribe(TOPIC, (message) => {
    const a = message as unknown as Announcement;
    if (a.host !== host || a.url === base || !Array.isArray(a.rooms)) return;
    peers.set(a.url, { rooms: new Set(a.rooms), at: Date.now() });
  });
  const announce = () => void deps.bus.publish(TOPIC, { host, url: base, rooms: deps.liveRooms() }).catch(() => {});
  const holderOf = (roomId: string): string | undefined => {
    for (const [url, p] of peers) {
      if (Date.now() - p.at > FORGET_MS) peers.delete(url);
      else if (p.rooms.has(roomId)) return `${url}/flv/${roomId}`;
    }
    return undefined;
  };
  const timer = setInterval(announce, ANNOUNCE_MS);
  timer.unref();

  return {
    /** Pipes the room's stream from the process holding it; false when no process here does. */
    relay(roomId: string, res: ServerResponse): boolean {
      const holder = holderOf(roomId);
      if (!holder) return false;
      const upstream = get(holder, (up) => {
        if (up.statusCode !== 200) {
          up.resume();
          res.statusCode = 404;
          return res.end();
        }
        up.pipe(res);
      });
      // The holder went away meanwhile: nothing to play here (the player falls back to HLS).
      upstream.on('error', () => {
        if (res.headersSent) return void res.destroy();
        res.statusCode = 404;
        res.end();
      });
      res.on('close', () => upstream.destroy());
      return true;
    },
    /** Announces at once (a stream just started here), not at the next period. */
    announce,
    async close(): Promise<void> {
      clearInterval(timer);
      await unsubscribe();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FlvRelay = Awaited<ReturnType<typeof startFlvRelay>>;
