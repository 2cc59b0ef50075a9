import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * A plain HTTP client for Server-Sent Events (node:http, no EventSource): parses the stream as the
 * spec says (fields up to a blank line; `id` persists as the last event id) and lets a test wait for
 * events. `close()` drops the connection as a client that goes away would.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  lastEventId: string | undefined;
  ended = false;
  #buffer = '';
  #waiters: (() => void)[] = [];

  private constructor(readonly res: IncomingMessage) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.#feed(chunk));
    res.on('close', () => {
      this.ended = true;
      this.#wake();
    });
  }

  /** Opens the stream; answers the client, or the status and JSON body of a refusal. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient | { status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
          return;
        }
        resolve(new SseClient(res));
      });
      req.on('error', reject);
      req.end();
    });
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const c = await SseClient.open(url, headers);
    if (!(c instanceof SseClient)) throw new Error(`stream refused: ${c.status} ${JSON.stringify(c.body)}`);
    return c;
  }

  /** Events other than the per-second audience line. */
  get roomEvents(): SseEvent[] {
    return this.events.filter((e) => e.event !== 'audience');
  }

  async waitFor(pred: (events: SseEvent[]) => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred(this.events)) {
      if (this.ended) throw new Error('the stream ended');
      if (Date.now() > end) throw new Error(`timed out; events: ${JSON.stringify(this.events.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.#waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  close(): void {
    this.res.destroy();
  }

  #feed(chunk: string) {
    this.#buffer += chunk;
    let cut: number;
    while ((cut = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, cut);
      this.#buffer = this.#buffer.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      let id: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      if (id !== undefined) this.lastEventId = id;
      if (data.length > 0) this.events.push({ id, event, data: data.join('\n') });
    }
    this.#wake();
  }

  #wake() {
    for (const w of this.#waiters.splice(0)) w();
  }
}
