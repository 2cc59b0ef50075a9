import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLIENT_FRAME_MAX_BYTES, PROTOCOL_VERSION, chatSendFrame, clientFrame, closeCodes, likeTaps, socketQuery, type ChatRole, type ViewerIdentity } from '../contracts/realtime.schemas';
import { errorCatalogue } from '../contracts/errors';
import type { HubRoom, RoomHub } from './hub';
import type { Hubs } from './hubs';
import type { ViewerKeys } from './viewer-key';

const PATH = /^\/api\/v1\/rooms\/([^/]+)\/socket$/;

export interface GatewayDeps {
  hubs: Hubs;
  viewerKeys: ViewerKeys;
  roomBySlug(slug: string): Promise<HubRoom | undefined>;
  /** The logged-in account behind a Cookie header, or undefined (no, expired or forged session). */
  userFromCookie(cookieHeader: string | undefined): Promise<{ id: string; displayName: string } | undefined>;
  /** The account's role in the room: its shop role, or `buyer` once it has bought there. */
  roleOf(room: HubRoom, userId: string): Promise<string | undefined>;
  /** Origins allowed besides the request's own host (the public URL). */
  publicOrigin: string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Shop roles become chat roles, a buyer stays a buyer; everything else is a viewer. Never taken from the client. */
function chatRoleOf(role: string | undefined): ChatRole {
  if (role === 'owner' || role === 'host') return 'host';
  if (role === 'staff') return 'moderator';
  if (role === 'buyer') return 'buyer';
  return 'viewer';
}

/** The ref of a malformed chat frame, when it has a valid one: its refusal carries it back. */
function readableRef(raw: unknown): { ref?: string } {
  const ref = chatSendFrame.shape.ref.safeParse((raw as { t?: unknown; ref?: unknown } | null)?.ref);
  return (raw as { t?: unknown } | null)?.t === 'chat' && ref.success ? { ref: ref.data } : {};
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The room socket endpoint, on the API's own HTTP server: `ws` in noServer mode on the server's
 * 'upgrade' event (the same port, cookies and TLS as the API). It authenticates the upgrade
 * (session cookie or signed anonymous key), then hands the socket to the room's hub.
 */
export function createGateway(deps: GatewayDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: CLIENT_FRAME_MAX_BYTES, perMessageDeflate: false });
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

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true; // not a browser: no ambient cookie to abuse
    try {
      const from = new URL(origin);
      // A page on another site must not ride on the viewer's session cookie.
      return from.host === req.headers.host || from.origin === deps.publicOrigin;
    } catch {
      return false;
    }
  }

  async function identify(req: IncomingMessage, room: HubRoom, viewerKey: string | undefined) {
    const user = await deps.userFromCookie(req.headers.cookie);
    if (user) {
      const role = chatRoleOf(await deps.roleOf(room, user.id));
      const viewer: ViewerIdentity = { id: `u:${user.id}`, name: user.displayName.slice(0, 64), role };
      return { viewer, privileged: role === 'host' || role === 'moderator', key: undefined };
    }
    const known = viewerKey ? deps.viewerKeys.verify(viewerKey) : undefined;
    const issued = known ? undefined : deps.viewerKeys.issue();
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
    // Cached by the live context (one query per room, not per join, in a join storm).
    const room = await deps.roomBySlug(decodeURIComponent(match[1]!));
    if (!room) return refuse(socket, 404, 'Not Found');
    let who: Awaited<ReturnType<typeof identify>>;
    try {
      who = await identify(req, room, query.data.viewerKey);
    } catch (err) {
      // A host whose session cannot be read must not become an anonymous viewer: try again later.
      deps.log.error({ err, room: room.slug }, 'reading the socket’s session failed');
      return refuse(socket, 503, 'Service Unavailable');
    }
    // The hub is taken only once the socket is open: an upgrade that ws drops (socket gone, bad
    // headers) never calls back, and a hub taken before it would tick forever with nobody to release it.
    wss.handleUpgrade(req, socket, head, (ws) => {
      admit(ws, room, who, { epoch: query.data.epoch, seq: query.data.resume }).catch((err) => {
        deps.log.warn({ err }, 'join failed');
        ws.terminate();
      });
    });
  }

  async function admit(ws: WebSocket, room: HubRoom, who: Awaited<ReturnType<typeof identify>>, resume: { epoch?: string; seq?: number }) {
    ws.on('error', () => ws.terminate());
    // Frames that come while the hub opens wait for it (a client may send as soon as the socket is open).
    const early: [RawData, boolean][] = [];
    const keep = (data: RawData, isBinary: boolean) => void early.push([data, isBinary]);
    ws.on('message', keep);
    let hub: RoomHub;
    try {
      hub = await deps.hubs.get(room);
    } catch (err) {
      deps.log.warn({ err, room: room.slug }, 'the room could not be opened');
      ws.close(closeCodes.unavailable, 'room unavailable');
      return;
    }
    // Closed while the hub opened, or banned (the hub holds the shop's bans, kept current over the bus: no query per join).
    if (ws.readyState !== ws.OPEN || hub.isBanned(who.viewer.id)) {
      if (ws.readyState === ws.OPEN) ws.close(closeCodes.banned, 'banned');
      deps.hubs.release(room.id); // the hub may have opened for this visitor alone
      return;
    }
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    const client = { ws, viewer: who.viewer, privileged: who.privileged };
    const onFrame = (data: RawData, isBinary: boolean) => {
      let raw: unknown;
      try {
        raw = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        /* handled below */
      }
      const taps = likeTaps(raw);
      if (taps !== undefined) return hub.like(taps, client);
      const frame = clientFrame.safeParse(raw);
      if (!frame.success) {
        const code = 'REALTIME_BAD_FRAME';
        ws.send(JSON.stringify({ t: 'error', code, message: errorCatalogue[code].message, ...readableRef(raw) }));
        return;
      }
      if (frame.data.t === 'chat') hub.chat(client, frame.data.ref, frame.data.text);
      else hub.like(frame.data.n, client);
    };
    ws.off('message', keep);
    ws.on('message', onFrame);
    ws.on('close', () => {
      hub.leave(client);
      deps.hubs.release(room.id);
    });
    hub.join(client, resume, who.key);
    for (const [data, isBinary] of early) onFrame(data, isBinary);
  }

  const attached: Server[] = [];
  return {
    attach(server: Server): void {
      attached.push(server);
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        onUpgrade(server, req, socket, head).catch((err) => {
          deps.log.warn({ err }, 'socket upgrade failed');
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
