import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomEvent } from '../../../src/contracts/room-events.schemas';
import type { ChatMessage, ErrorFrame, RoomCounts, ServerFrame, ViewerIdentity } from '../../../src/contracts/realtime.schemas';
import { OwnLikes } from './own-likes';
import { RoomSocket, type SocketStatus } from './room-socket';

/**
 * React hooks over the room socket. Every hook of a page that names the same room shares ONE
 * socket (opened by the first, closed when the last unmounts).
 *
 *   useRoomEvents(slug, (event) => { if (event.type === 'product.pinned') ... })
 *     Calls `handler` for each room event (the union in src/contracts/room-events.schemas.ts) as it
 *     arrives, validated. Events are delivered live only: read the current state (e.g. the pinned
 *     product) over HTTP when the page loads, then apply events. The handler may change between
 *     renders; it is not a dependency.
 *
 *   useRoomLive(slug) → { status, viewer, counts, chat, error, sendChat, like, likeBursts }
 *     What the chat overlay and the studio's live numbers need.
 */

const sockets = new Map<string, RoomSocket>();

function acquire(slug: string): RoomSocket {
  let s = sockets.get(slug);
  if (!s) sockets.set(slug, (s = new RoomSocket(slug)));
  s.retain();
  return s;
}

function release(socket: RoomSocket): void {
  if (socket.release()) sockets.delete(socket.slug);
}

/** No socket while `slug` is undefined (a page that has not loaded its room yet). */
function useRoomSocket(slug: string | undefined, onFrame: (frame: ServerFrame) => void): RoomSocket | undefined {
  const handler = useRef(onFrame);
  handler.current = onFrame;
  const [socket, setSocket] = useState<RoomSocket>();
  useEffect(() => {
    if (slug === undefined) return;
    const s = acquire(slug);
    setSocket(s);
    const off = s.onFrame((f) => handler.current(f));
    return () => {
      off();
      release(s);
    };
  }, [slug]);
  return socket;
}

export function useRoomEvents(slug: string | undefined, handler: (event: RoomEvent) => void): void {
  useRoomSocket(slug, (f) => {
    if (f.t === 'batch') for (const e of f.events) handler(e);
  });
}

const MAX_CHAT = 100;
const zero: RoomCounts = { online: 0, pcu: 0, views: 0, unique: 0, likes: 0 };

export interface RoomLive {
  status: SocketStatus;
  viewer: ViewerIdentity | undefined;
  counts: RoomCounts;
  chat: ChatMessage[];
  /** The last refusal of something this viewer sent. */
  error: ErrorFrame | undefined;
  slowModeSeconds: number;
  /** Grows by each like: the viewer's own as it is tapped, others' as the total brings them; the overlay floats that many hearts. */
  likeBursts: number;
  sendChat(text: string): void;
  like(): void;
}

/** Merges messages by id, keeps arrival order, drops deleted ones, keeps the last MAX_CHAT. */
function merge(list: ChatMessage[], add: ChatMessage[], deleted: readonly string[] = []): ChatMessage[] {
  const seen = new Set(list.map((m) => m.id));
  const gone = new Set(deleted);
  const next = [...list, ...add.filter((m) => !seen.has(m.id) && seen.add(m.id))].filter((m) => !gone.has(m.id));
  return next.length > MAX_CHAT ? next.slice(-MAX_CHAT) : next;
}

export function useRoomLive(slug: string): RoomLive {
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const [viewer, setViewer] = useState<ViewerIdentity>();
  const [counts, setCounts] = useState<RoomCounts>(zero);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<ErrorFrame>();
  const [slowModeSeconds, setSlow] = useState(0);
  const [likeBursts, setLikeBursts] = useState(0);
  const lastLikes = useRef<number | undefined>(undefined);
  const ownLikes = useRef(new OwnLikes()).current;

  const socket = useRoomSocket(slug, (f) => {
    switch (f.t) {
      case 'hello':
        setViewer(f.viewer);
        setCounts(f.counts);
        setSlow(f.slowModeSeconds);
        lastLikes.current = f.counts.likes;
        ownLikes.reset();
        // A fresh snapshot replaces what we had; on a resume the replayed batches follow.
        setChat((c) => (f.resumed ? c : merge([], f.recent)));
        break;
      case 'batch': {
        setCounts(f.counts);
        setSlow(f.slowModeSeconds);
        const others = ownLikes.others(f.counts.likes - (lastLikes.current ?? f.counts.likes), Date.now());
        if (others > 0) setLikeBursts((b) => b + others);
        lastLikes.current = f.counts.likes;
        setChat((c) => merge(c, f.chat, f.deleted));
        break;
      }
      case 'ack':
        setError(undefined);
        setChat((c) => merge(c, [f.message]));
        break;
      case 'error':
        setError(f);
        break;
    }
  });

  useEffect(() => {
    if (!socket) return;
    setStatus(socket.status);
    return socket.onStatus(setStatus);
  }, [socket]);

  const sendChat = useCallback((text: string) => socket?.sendChat(text), [socket]);
  const like = useCallback(() => {
    if (!socket) return;
    socket.like(1);
    ownLikes.tapped(1, Date.now());
    setLikeBursts((b) => b + 1);
  }, [socket, ownLikes]);
  return { status, viewer, counts, chat, error, slowModeSeconds, likeBursts, sendChat, like };
}
