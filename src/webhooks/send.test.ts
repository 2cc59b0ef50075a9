import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';
import { guardedLookup, postWebhook, refusedAddress } from './send';

describe('webhook addresses', () => {
  it('refuses loopback, private, link-local and mapped local addresses', async () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://[::1]/x', 'http://10.1.2.3/', 'http://192.168.0.9/', 'http://172.20.0.1/', 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://[fd00::1]/', 'http://localhost/'])
      expect(await refusedAddress(url), url).not.toBeNull();
  });
  it('lets public addresses through', async () => {
    for (const url of ['https://93.184.216.34/hook', 'http://[2606:4700::1111]/']) expect(await refusedAddress(url), url).toBeNull();
  });
});

describe('webhook addresses at connect time (DNS rebinding)', () => {
  it('refuses a host that resolved to a public address when checked and to a private one when dialled', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    let asked = 0;
    // The attacker's name server: a public address for the check, loopback for the connection.
    const resolve = async () => (++asked === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
    try {
      const result = await postWebhook(`http://rebind.example:${port}/hook`, {}, '{}', { timeoutMs: 3000, allowPrivate: false, resolve });
      expect(result.status).toBeNull();
      expect(result.error).toBe('the host rebind.example is a private or local address (127.0.0.1) at connect time');
      expect(asked).toBe(2);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it('hands the connection the addresses it checked, one or all as asked', async () => {
    const lookup = guardedLookup(async () => ['93.184.216.34', '2606:4700::1111']);
    const one = await new Promise((r) => lookup('x.example', { family: 6 }, (err, address, family) => r({ err, address, family })));
    expect(one).toEqual({ err: null, address: '2606:4700::1111', family: 6 });
    const all = await new Promise((r) => lookup('x.example', { all: true }, (err, addresses) => r({ err, addresses })));
    expect(all).toEqual({ err: null, addresses: [{ address: '93.184.216.34', family: 4 }, { address: '2606:4700::1111', family: 6 }] });
    const bad = await new Promise<NodeJS.ErrnoException | null>((r) => guardedLookup(async () => ['8.8.8.8', '169.254.169.254'])('x.example', {}, (err) => r(err)));
    expect(bad?.code).toBe('EWEBHOOKPRIVATE');
  });
});

describe('webhook retry delays', () => {
  it('grow four times per attempt from the base, with jitter down to a quarter, up to a day', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5000, () => 1))).toEqual([5000, 20000, 80000, 320000]);
    expect(retryDelayMs(3, 5000, () => 0)).toBe(20000);
    expect(retryDelayMs(30, 5000, () => 1)).toBe(24 * 3600_000);
    expect(retryDelayMs(1, 5000, () => 0, 60_000)).toBe(60_000);
  });
});
