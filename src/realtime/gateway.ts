import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_VERSION, clientFrame, closeCodes, socketQuery, type ChatRole, type ViewerIdentity } from '../contracts/realtime.schemas';
import { errorCatalogue } from '../contracts/errors';
import type { HubRoom } from './hub';
import type { Hubs } from './hubs';
import type { ViewerKeys } from './viewer-key';

const PATH = /^\/api\/v1\/rooms\/([^/]+)\/socket$/;
/** Client frames are small (a chat line or a like count); anything bigger is a bad client. */
const MAX_CLIENT_FRAME_BYTES = 4096;

export interface GatewayDeps {
  hubs: Hubs;
  viewerKeys: ViewerKeys;
  roomBySlug(slug: string): Promise<HubRoom | undefined>;
  /** The logged-in account behind a Cookie header, or undefined (no, expired or forged session). */
  userFromCookie(cookieHeader: string | undefined): Promise<{ id: string; displayName: string } | undefined>;
  roleOf(shopId: string, userId: string): Promise<string | undefined>;
  /** Origins allowed besides the request's own host (the public URL). */
  publicOrigin: string;
  log: { warn(obj: object, msg: string): void };
}

/** Shop roles become chat roles; everything else is a viewer. Never taken from the client. */
function chatRoleOf(shopRole: string | undefined): ChatRole {
  if (shopRole === 'owner' || shopRole === 'host') return 'host';
  if (shopRole === 'staff') return 'moderator';
  return 'viewer';
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The room socket endpoint, on the API's own HTTP server: `ws` in noServer mode on the server's
 * 'upgrade' event (the same port, cookies and TLS as the API). It authenticates the upgrade
 * (session cookie or signed anonymous key), then hands the socket to the room's hub.
 */
export function createGateway(d: GatewayDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();

  // Dead peers (phone went to sleep without closing) are found by ping; a missed pong closes them.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, 30_000);
  pinger.unref();

  // A join storm (a push notification, a share going viral) must not be one room query per socket:
  // rooms are looked up once per 10 s per slug. A deleted room is refused at most 10 s late.
  const rooms = new Map<string, { room: Promise<HubRoom | undefined>; until: number }>();
  function findRoom(slug: string): Promise<HubRoom | undefined> {
    const now = Date.now();
    const hit = rooms.get(slug);
    if (hit && hit.until > now) return hit.room;
    if (rooms.size > 10_000) rooms.clear();
    const room = d.roomBySlug(slug);
    rooms.set(slug, { room, until: now + 10_000 });
    // Only a found room is kept: a room opened a moment after a miss is found at once.
    room.then((r) => r ?? rooms.delete(slug), () => rooms.delete(slug));
    return room;
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true; // not a browser: no ambient cookie to abuse
    try {
      const o = new URL(origin);
      // A page on another site must not ride on the viewer's session cookie.
      return o.host === req.headers.host || o.origin === d.publicOrigin;
    } catch {
      return false;
    }
  }

  async function identify(req: IncomingMessage, room: HubRoom, viewerKey: string | undefined) {
    const user = await d.userFromCookie(req.headers.cookie).catch(() => undefined);
    if (user) {
      const role = chatRoleOf(await d.roleOf(room.shopId, user.id));
      const viewer: ViewerIdentity = { id: `u:${user.id}`, name: user.displayName.slice(0, 64), role };
      return { viewer, privileged: role === 'host' || role === 'moderator', key: undefined };
    }
    const known = viewerKey ? d.viewerKeys.verify(viewerKey) : undefined;
    const issued = known ? undefined : d.viewerKeys.issue();
    const id = known ?? issued!.id;
    // Anonymous names are a short tag; the client renders them as "viewer <tag>" in its language.
    const viewer: ViewerIdentity = { id, name: id.slice(2, 6), role: 'viewer' };
    return { viewer, privileged: false, key: issued?.key };
  }

  async function onUpgrade(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = PATH.exec(url.pathname);
    if (!match) {
      // Another upgrade handler's path, if there is another handler; else nobody would answer.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if (!originAllowed(req)) return refuse(socket, 403, 'Forbidden');
    const query = socketQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return refuse(socket, 400, 'Bad Request');
    // A client built for another protocol version must not misread frames: it is told at once.
    if (query.data.v !== undefined && query.data.v !== PROTOCOL_VERSION) return refuse(socket, 426, 'Upgrade Required');
    const room = await findRoom(decodeURIComponent(match[1]!));
    if (!room) return refuse(socket, 404, 'Not Found');
    const who = await identify(req, room, query.data.viewerKey);
    const hub = await d.hubs.get(room);
    // The hub holds the shop's bans (loaded when it opened, then kept current over the bus): no query per join.
    const banned = hub.isBanned(who.viewer.id);

    wss.handleUpgrade(req, socket, head, (ws) => {
      if (banned) {
        ws.close(closeCodes.banned, 'banned');
        d.hubs.release(room.id); // the hub may have opened for this visitor alone
        return;
      }
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      const client = { ws, viewer: who.viewer, privileged: who.privileged };
      ws.on('message', (data, isBinary) => {
        let raw: unknown;
        try {
          raw = isBinary ? undefined : JSON.parse(String(data));
        } catch {
          /* handled below */
        }
        const frame = clientFrame.safeParse(raw);
        if (!frame.success) {
          const code = 'REALTIME_BAD_FRAME';
          ws.send(JSON.stringify({ t: 'error', code, message: errorCatalogue[code].message }));
          return;
        }
        if (frame.data.t === 'chat') hub.chat(client, frame.data.ref, frame.data.text);
        else hub.like(frame.data.n, client);
      });
      ws.on('close', () => {
        hub.leave(client);
        d.hubs.release(room.id);
      });
      ws.on('error', () => ws.terminate());
      hub.join(client, { epoch: query.data.epoch, seq: query.data.resume }, who.key).catch((err) => {
        d.log.warn({ err }, 'join failed');
        ws.terminate();
      });
    });
  }

  const attached: Server[] = [];
  return {
    attach(server: Server): void {
      attached.push(server);
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        onUpgrade(server, req, socket, head).catch((err) => {
          d.log.warn({ err }, 'socket upgrade failed');
          if (!socket.destroyed) refuse(socket, 500, 'Internal Server Error');
        });
      });
    },
    async close(): Promise<void> {
      clearInterval(pinger);
      for (const ws of wss.clients) ws.close(closeCodes.goingAway, 'server closing');
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
