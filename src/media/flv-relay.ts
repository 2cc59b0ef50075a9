import { createServer, get, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Bus } from '../platform/bus/bus.port';

/** Where each process announces the rooms whose stream it holds. */
const TOPIC = 'media.flv';
/** Announced this often; an announcement older than three periods is forgotten. */
const ANNOUNCE_MS = 2000;

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
export async function startFlvRelay(d: {
  bus: Bus;
  /** Rooms whose stream is coming in here. */
  liveRooms: () => string[];
  /** Pipes the room's HTTP-FLV into `res`; false when it is not live here. */
  attachFlv: (roomId: string, res: ServerResponse) => boolean;
}) {
  const server = createServer((req, res) => {
    const roomId = /^\/flv\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
    if (!roomId || !d.attachFlv(roomId, res)) {
      res.statusCode = 404;
      res.end();
    }
  });
  // exclusive: in a cluster worker a shared listen would hand every worker the same port.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const host = hostname();
  const holders = new Map<string, { url: string; at: number }>();

  const unsubscribe = await d.bus.subscribe(TOPIC, (message) => {
    const a = message as unknown as Announcement;
    if (a.host !== host || a.url === base || !Array.isArray(a.rooms)) return;
    for (const roomId of a.rooms) holders.set(roomId, { url: `${a.url}/flv/${roomId}`, at: Date.now() });
  });
  const announce = () => {
    const rooms = d.liveRooms();
    if (rooms.length > 0) d.bus.publish(TOPIC, { host, url: base, rooms }).catch(() => {});
  };
  const timer = setInterval(announce, ANNOUNCE_MS);
  timer.unref();

  return {
    /** Pipes the room's stream from the process holding it; false when no process here does. */
    relay(roomId: string, res: ServerResponse): boolean {
      const holder = holders.get(roomId);
      if (!holder || Date.now() - holder.at > 3 * ANNOUNCE_MS) return false;
      const upstream = get(holder.url, (up) => {
        if (up.statusCode !== 200) {
          up.resume();
          res.statusCode = 404;
          return res.end();
        }
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
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
