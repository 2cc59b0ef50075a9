import {
  PROTOCOL_VERSION,
  closeCodes,
  serverFrame,
  type ClientFrame,
  type ServerFrame,
} from '../../../src/contracts/realtime.schemas';

/**
 * The one realtime client of the web app: a room socket that validates every frame with the
 * shared schemas (src/contracts/realtime.schemas.ts), reconnects with backoff and resumes from
 * the last batch it saw (docs/protocol.md). Components do not use it directly but through the
 * hooks in ./hooks.ts, which share one socket per room among every component of the page.
 */

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';
type Listener = (frame: ServerFrame) => void;

const VIEWER_KEY = 'hutong.viewerKey';

function storedViewerKey(): string | undefined {
  try {
    return localStorage.getItem(VIEWER_KEY) ?? undefined;
  } catch {
    return undefined; // storage disabled: an anonymous viewer is then new on every visit
  }
}

export class RoomSocket {
  #ws: WebSocket | undefined;
  #listeners = new Set<Listener>();
  #statusListeners = new Set<(s: SocketStatus) => void>();
  #status: SocketStatus = 'connecting';
  #epoch: string | undefined;
  #seq: number | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #pendingLikes = 0;
  #likeTimer: ReturnType<typeof setTimeout> | undefined;
  #refs = 0;

  constructor(readonly slug: string) {
    this.#connect();
  }

  get status(): SocketStatus {
    return this.#status;
  }

  onFrame(l: Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }

  onStatus(l: (s: SocketStatus) => void): () => void {
    this.#statusListeners.add(l);
    return () => this.#statusListeners.delete(l);
  }

  /** Sends a chat message; the answer is an `ack` or an `error` frame carrying the returned ref. */
  sendChat(text: string): string {
    const ref = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    this.#send({ t: 'chat', ref, text });
    return ref;
  }

  /** Taps are coalesced into one frame per 250 ms: the server counts totals, not messages. */
  like(n = 1): void {
    this.#pendingLikes += n;
    this.#likeTimer ??= setTimeout(() => {
      this.#likeTimer = undefined;
      while (this.#pendingLikes > 0) {
        const batch = Math.min(100, this.#pendingLikes);
        this.#pendingLikes -= batch;
        this.#send({ t: 'like', n: batch });
      }
    }, 250);
  }

  retain(): void {
    this.#refs++;
  }

  /** Returns true when the last user let go (and the socket is closed). */
  release(): boolean {
    if (--this.#refs > 0) return false;
    this.close();
    return true;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#likeTimer);
    this.#ws?.close(1000);
    this.#setStatus('closed');
  }

  #send(frame: ClientFrame): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(frame));
  }

  #setStatus(s: SocketStatus): void {
    this.#status = s;
    for (const l of this.#statusListeners) l(s);
  }

  #url(): string {
    const q = new URLSearchParams({ v: String(PROTOCOL_VERSION) });
    const key = storedViewerKey();
    if (key) q.set('viewerKey', key);
    if (this.#epoch !== undefined && this.#seq !== undefined) {
      q.set('epoch', this.#epoch);
      q.set('resume', String(this.#seq));
    }
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}/api/v1/rooms/${encodeURIComponent(this.slug)}/socket?${q}`;
  }

  #connect(): void {
    const ws = new WebSocket(this.#url());
    this.#ws = ws;
    ws.onmessage = (e) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(e.data));
      } catch {
        return;
      }
      const parsed = serverFrame.safeParse(raw);
      // A frame this build does not understand (a newer server) is skipped, not fatal.
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.t === 'hello') {
        this.#attempt = 0;
        this.#epoch = frame.epoch;
        this.#seq = frame.seq;
        if (frame.viewerKey) {
          try {
            localStorage.setItem(VIEWER_KEY, frame.viewerKey);
          } catch {
            /* storage disabled */
          }
        }
        this.#setStatus('open');
      } else if (frame.t === 'batch') {
        this.#seq = frame.seq;
      }
      for (const l of this.#listeners) l(frame);
    };
    ws.onclose = (e) => {
      if (this.#ws !== ws || this.#closed) return;
      // Banned is final; anything else (a blip, a restart, 4008 slow consumer) is worth another try.
      if (e.code === closeCodes.banned) {
        this.#closed = true;
        this.#setStatus('closed');
        return;
      }
      this.#setStatus('reconnecting');
      const delay = Math.min(10_000, 250 * 2 ** this.#attempt++) * (0.5 + Math.random());
      this.#timer = setTimeout(() => this.#connect(), delay);
    };
  }
}
