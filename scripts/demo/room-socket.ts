/**
 * One simulated person's room socket, on the real protocol (docs/protocol.md, version 1): it keeps
 * its viewer key (a reconnect is the same viewer), sends chat and likes, and hands room events to
 * whoever listens. Frames are validated only when someone listens for events or counts, so a few
 * hundred quiet viewers cost the demo little.
 */
import WebSocket from 'ws';
import { serverFrame } from '../../src/contracts/realtime.schemas';
import type { RoomEvent } from '../../src/contracts/room-events.schemas';

export interface RoomCounts {
  online: number;
  pcu: number;
  views: number;
  unique: number;
  likes: number;
}

export interface RoomSocketOptions {
  base: string;
  room: string;
  /** A logged-in person's session cookie; none for an anonymous viewer. */
  cookie?: string;
  onEvent?: (event: RoomEvent) => void;
  onCounts?: (counts: RoomCounts) => void;
}

export class RoomSocket {
  private ws: WebSocket | undefined;
  private viewerKey: string | undefined;
  private refs = 0;
  open = false;

  constructor(private readonly opts: RoomSocketOptions) {}

  connect(): void {
    const url = new URL(`/api/v1/rooms/${encodeURIComponent(this.opts.room)}/socket`, this.opts.base.replace(/^http/, 'ws'));
    url.searchParams.set('v', '1');
    if (this.viewerKey) url.searchParams.set('viewerKey', this.viewerKey);
    const ws = new WebSocket(url, { perMessageDeflate: false, headers: this.opts.cookie ? { cookie: this.opts.cookie } : {} });
    this.ws = ws;
    const listening = Boolean(this.opts.onEvent || this.opts.onCounts);
    ws.on('open', () => (this.open = true));
    ws.on('message', (data) => {
      // Anonymous viewers only need their key, which the first frame (hello) carries.
      if (!listening && this.viewerKey) return;
      const parsed = serverFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return;
      const f = parsed.data;
      if (f.t === 'hello' && f.viewerKey) this.viewerKey = f.viewerKey;
      if (f.t === 'hello' || f.t === 'batch') this.opts.onCounts?.(f.counts);
      if (f.t === 'batch') for (const e of f.events) this.opts.onEvent?.(e);
    });
    ws.on('close', () => (this.open = false));
    ws.on('error', () => {}); // a refused or dropped socket closes; the audience decides what next
  }

  chat(text: string): void {
    this.send({ t: 'chat', ref: String(++this.refs), text });
  }

  like(n: number): void {
    this.send({ t: 'like', n: Math.max(1, Math.min(100, n)) });
  }

  close(): void {
    this.open = false;
    this.ws?.close();
  }

  /** Gone at once, as when a phone loses its network (no goodbye). */
  terminate(): void {
    this.open = false;
    this.ws?.terminate();
  }

  private send(frame: object): void {
    if (this.open && this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
