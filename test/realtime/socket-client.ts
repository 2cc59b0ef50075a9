import WebSocket from 'ws';
import { serverFrame, type ServerFrame } from '../../src/contracts/realtime.schemas';

/**
 * A test viewer: a real WebSocket to a room that validates every frame with the shared schema
 * (a frame the schema refuses fails the test) and lets a test wait for a frame it expects.
 */
export class TestViewer {
  readonly frames: ServerFrame[] = [];
  readonly invalid: unknown[] = [];
  closeCode: number | undefined;
  #waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const raw = JSON.parse(String(data));
      const parsed = serverFrame.safeParse(raw);
      if (!parsed.success) {
        this.invalid.push(raw);
        return;
      }
      this.frames.push(parsed.data);
      this.#waiters = this.#waiters.filter((w) => (w.pred(parsed.data) ? (w.resolve(parsed.data), false) : true));
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async connect(
    base: string,
    slug: string,
    opts: { cookie?: string; query?: Record<string, string>; origin?: string; localAddress?: string } = {},
  ): Promise<TestViewer> {
    const url = new URL(`/api/v1/rooms/${slug}/socket`, base.replace(/^http/, 'ws'));
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.origin) headers.origin = opts.origin;
    const ws = new WebSocket(url, { headers, localAddress: opts.localAddress });
    const v = new TestViewer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return v;
  }

  /**
   * Connects and waits for the hello: from then on the room's hub is open and subscribed to the
   * room's events, so an event published after this resolves reaches this viewer.
   */
  static async join(base: string, slug: string, opts: Parameters<typeof TestViewer.connect>[2] = {}, timeoutMs = 30_000): Promise<TestViewer> {
    const v = await TestViewer.connect(base, slug, opts);
    await v.waitFor((f) => f.t === 'hello', timeoutMs);
    return v;
  }

  get hello() {
    const h = this.frames.find((f) => f.t === 'hello');
    if (!h || h.t !== 'hello') throw new Error('no hello yet');
    return h;
  }

  waitFor<T extends ServerFrame>(pred: (f: ServerFrame) => f is T, timeoutMs?: number): Promise<T>;
  waitFor(pred: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  waitFor(pred: (f: ServerFrame) => boolean, timeoutMs = 20_000): Promise<ServerFrame> {
    const found = this.frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.#waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
    });
  }

  /** Waits for a batch whose counts satisfy `pred`. */
  waitForCounts(pred: (c: { online: number; likes: number; views: number; unique: number; pcu: number }) => boolean, timeoutMs = 20_000) {
    return this.waitFor((f) => (f.t === 'batch' || f.t === 'hello') && pred(f.counts), timeoutMs);
  }

  /** Every chat text this viewer has seen in batches (and its hello snapshot). */
  chatTexts(): string[] {
    return this.frames.flatMap((f) => (f.t === 'batch' ? f.chat.map((m) => m.text) : f.t === 'hello' ? f.recent.map((m) => m.text) : []));
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  chat(text: string, ref = Math.random().toString(36).slice(2)): string {
    this.send({ t: 'chat', ref, text });
    return ref;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((r) => {
      this.ws.once('close', () => r());
      this.ws.close();
    });
  }

  closed(): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((r) => this.ws.once('close', (code) => r(code)));
  }
}
