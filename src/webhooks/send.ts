import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** What one POST to a receiver came to. */
export interface SendResult {
  status: number | null;
  /** The first RESPONSE_LOG_BYTES of the answer. */
  body: string | null;
  error: string | null;
  /** The receiver's Retry-After in milliseconds, when it gave one in seconds. */
  retryAfterMs?: number;
  durationMs: number;
}

const RESPONSE_LOG_BYTES = 4096;

// Addresses a webhook may not reach unless HUTONG_WEBHOOK_ALLOW_PRIVATE is set: loopback, private,
// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges.
const privateNetworks = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const)
  privateNetworks.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateNetworks.addSubnet(net, bits, 'ipv6');

function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateNetworks.check(mapped[1]!, 'ipv4');
  return privateNetworks.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** How a host name becomes addresses (the system resolver; tests hand in their own). */
export type Resolve = (host: string) => Promise<string[]>;
const systemResolve: Resolve = async (host) => (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);

/** Null when the URL's host resolves only to public addresses; else why not. */
export async function refusedAddress(url: string, resolve: Resolve = systemResolve): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolve(host);
  if (addresses.length === 0) return `the host ${host} does not resolve`;
  const bad = addresses.find(isPrivate);
  return bad ? `the host ${host} is a private or local address (${bad})` : null;
}

/**
 * The `lookup` the connection itself uses: the check above, again, on the addresses it is about to
 * connect to. Checking only before the request would leave a gap — a host that answered with a
 * public address then can answer with 127.0.0.1 or 169.254.169.254 a moment later (DNS rebinding);
 * here the address checked is the address dialled.
 */
export function guardedLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const bad = addresses.find(isPrivate);
        const err = (message: string, code: string) => Object.assign(new Error(message), { code });
        if (addresses.length === 0) return callback(err(`the host ${hostname} does not resolve`, 'ENOTFOUND'), '', 4);
        if (bad) return callback(err(`the host ${hostname} is a private or local address (${bad}) at connect time`, 'EWEBHOOKPRIVATE'), '', 4);
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => isIP(a) === options.family) : addresses;
        const list: LookupAddress[] = (wanted.length ? wanted : addresses).map((address) => ({ address, family: isIP(address) }));
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (e: Error) => callback(Object.assign(e, { code: 'ENOTFOUND' }), '', 4),
    );
  };
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Tests: how host names resolve (default: the system's). */
  resolve?: Resolve;
}

/**
 * POSTs `body` with `headers`: within `timeoutMs` (connection, answer and its body together), never
 * following redirects (a 3xx counts as a failure, as Standard Webhooks asks). Unless private
 * addresses are allowed, the host is checked before the request and again at connect time.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<SendResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  if (!options.allowPrivate) {
    const refused = await refusedAddress(url, options.resolve);
    if (refused) return { status: null, body: null, error: refused, durationMs: took() };
  }
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body);
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ...r, durationMs: took() });
    };
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        // One connection per attempt: a pooled socket would skip the connect-time check.
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup(options.resolve) }),
      },
      (res) => {
        readSome(res).then(
          (text) => {
            const retryAfter = Number(res.headers['retry-after']);
            done({
              status: res.statusCode ?? null,
              body: text,
              error: null,
              ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
            });
          },
          (e: Error) => done({ status: null, body: null, error: e.message }),
        );
      },
    );
    const timer = setTimeout(() => done({ status: null, body: null, error: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs);
    req.on('error', (e: Error & { code?: string }) => done({ status: null, body: null, error: e.code === 'EWEBHOOKPRIVATE' ? e.message : (e.code ?? e.message) }));
    req.end(payload);
  });
}

/** The start of the answer's body, without reading (or holding) a large one whole. */
function readSome(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      res.removeAllListeners('data');
      resolve(Buffer.concat(chunks).subarray(0, RESPONSE_LOG_BYTES).toString('utf8'));
    };
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= RESPONSE_LOG_BYTES) {
        finish();
        res.destroy();
      }
    });
    res.on('end', finish);
    res.on('error', reject);
  });
}
