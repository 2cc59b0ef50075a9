import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface LoadResult {
  attempts: number;
  /** Answers by status, and 409s by error code. */
  statuses: Record<string, number>;
  latenciesMs: number[];
  elapsedMs: number;
  /** When the last order (201) was answered, from the first attempt. */
  lastOrderAtMs: number;
  errors: number;
}

const BODY = JSON.stringify({ quantity: 1, address: { name: '买家', phone: '13800138000', region: '浙江省', city: '杭州市', line1: '文三路 1 号' } });
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * The flash bench's load: `attempts` purchase attempts over `concurrency` keep-alive connections,
 * buyers taken in turn, each attempt with its own Idempotency-Key. HTTP/1.1 is written and read
 * straight on the sockets (a request is a few hundred bytes; the answers are small JSON with a
 * Content-Length), so the generator costs far less CPU than an HTTP client library would and
 * leaves the machine to the server.
 */
export async function runLoad(o: { url: string; saleId: string; cookies: string[]; attempts: number; concurrency: number }): Promise<LoadResult> {
  const { hostname, port } = new URL(o.url);
  const path = `/api/v1/flash-sales/${o.saleId}/orders`;
  const statuses: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  let lastOrderAtMs = 0;
  const started = performance.now();

  const request = (i: number) =>
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nCookie: ${o.cookies[i % o.cookies.length]}\r\n` +
        `Idempotency-Key: ${randomUUID()}\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
    );

  function connection(): Promise<void> {
    return new Promise((resolve) => {
      const socket: Socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (next >= o.attempts) return void socket.end(resolve);
        const i = next++;
        sentAt = performance.now();
        socket.write(request(i));
      };
      socket.on('connect', send);
      socket.on('data', (chunk) => {
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          const end = buffer.indexOf(HEAD_END);
          if (end < 0) return;
          const head = buffer.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          if (buffer.length < end + 4 + length) return;
          const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
          buffer = buffer.subarray(end + 4 + length);
          const now = performance.now();
          latenciesMs.push(now - sentAt);
          const status = head.slice(9, 12);
          const code = status === '201' ? '' : (/"code":"([A-Z_]+)"/.exec(body)?.[1] ?? '');
          const key = code ? `${status} ${code}` : status;
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (status === '201') lastOrderAtMs = now - started;
          send();
        }
      });
      socket.on('error', () => {
        errors++;
        resolve();
      });
    });
  }

  await Promise.all(Array.from({ length: o.concurrency }, connection));
  return { attempts: next, statuses, latenciesMs, elapsedMs: performance.now() - started, lastOrderAtMs, errors };
}
