import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A partner's webhook receiver on a free port of 127.0.0.1. Each path answers as told: `fail(path, n)`
 * makes the next n requests there answer 503 (a receiver that is down, then back), `always(path, status)`
 * makes every one answer `status`. Everything received is kept, with what was answered.
 */
export class Receiver {
  readonly received: Received[] = [];
  private readonly failures = new Map<string, number>();
  private readonly fixed = new Map<string, number>();
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<Receiver> {
    let self: Receiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const left = self!.failures.get(path) ?? 0;
        if (left > 0) self!.failures.set(path, left - 1);
        const status = self!.fixed.get(path) ?? (left > 0 ? 503 : 204);
        self!.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '' : `no (${status})`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new Receiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  fail(path: string, times: number): void {
    this.failures.set(path, times);
  }

  always(path: string, status: number): void {
    this.fixed.set(path, status);
  }

  /** What `path` accepted (2xx), in the order it arrived. */
  accepted(path: string): Received[] {
    return this.received.filter((r) => r.path === path && r.status < 300);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
