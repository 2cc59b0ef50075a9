import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  /** `http://HOST:PORT`, the page's origin. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Another website on a port of its own: answers every GET with `html`. A different port is a
 * different origin; `host: 'localhost'` against a hutong on 127.0.0.1 makes it a different site too.
 */
export async function startHostPage(html: string, host: 'localhost' | '127.0.0.1' = 'localhost'): Promise<HostPage> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
