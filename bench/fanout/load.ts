/**
 * A load generator process: opens viewer sockets to one server (spread over 127.0.0.x source
 * addresses), then on `go` sends chat and likes at the given rates for the given time, and
 * reports what its viewers received. Speaks hutong's protocol, or Socket.IO's engine.io wire
 * format directly.
 *
 * WebSocket is spoken here by hand over `node:net`, not with `ws`: at ~15 µs of CPU per received
 * frame `ws` (a stream, an event and a Buffer per frame) made the generators take a whole core of
 * this 2-core machine from the servers under test. Every socket reads into one shared buffer
 * (`onread`), and frames are counted in place; only an incomplete tail is copied out. What is left
 * is mostly the kernel's share (~4.5 µs per read on loopback: epoll, read, the ACK), which no
 * client code can lower while each frame arrives in a read of its own.
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { connect, type Socket } from 'node:net';

interface Plan {
  kind: 'hutong' | 'socketio';
  /** Viewer i joins ports[i % ports.length] (one per server process). */
  ports: number[];
  viewers: number;
  senders: number;
  chatRate: number;
  likeRate: number;
  durationMs: number;
  sampleEvery: number;
  addresses: number;
}

/** One WebSocket client connection. */
interface Conn {
  socket: Socket;
  /** Viewer index (decides sampling); -1 for a relay. */
  i: number;
  relay: boolean;
  /** Until the server has accepted the upgrade. */
  opening?: { accept: string; resolve(): void; reject(err: Error): void };
  /** Bytes of an incomplete handshake or frame, copied out of the shared read buffer. */
  pending?: Buffer;
}

const plan = JSON.parse(process.argv[2]!) as Plan;
const sockets: Conn[] = [];
let delivered = 0;
let received = 0;
const latencies: number[] = [];
let counting = false;
let refused = 0;

const path = plan.kind === 'hutong' ? '/api/v1/rooms/demo/socket?v=1' : '/socket.io/?EIO=4&transport=websocket';
/**
 * Plain Socket.IO processes share nothing: to reach every viewer, each chat message is sent to
 * every server process (one relay socket each) — a free, perfect adapter, which favours the baseline.
 */
const relays: Conn[] = [];

/** Reused by every read of every socket: reads are handled synchronously, one at a time. */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** Random mask keys, refilled 1,024 at a time: a randomBytes call per frame costs several µs. */
const masks = Buffer.allocUnsafe(4096);
let maskAt = masks.length;

/** A client → server frame: FIN, masked with a fresh key as RFC 6455 §5.3 requires of clients. */
function clientFrame(opcode: number, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : data;
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + 4 + n);
  frame[0] = 0x80 | opcode;
  if (n < 126) frame[1] = 0x80 | n;
  else if (n < 65_536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  if (maskAt === masks.length) {
    randomFillSync(masks);
    maskAt = 0;
  }
  masks.copy(frame, head, maskAt, maskAt + 4);
  maskAt += 4;
  for (let k = 0; k < n; k++) frame[head + 4 + k] = payload[k]! ^ frame[head + (k & 3)]!;
  return frame;
}

const send = (c: Conn, text: string) => c.socket.write(clientFrame(OP_TEXT, text));

const BATCH = Buffer.from('{"t":"batch"');
const ERROR = Buffer.from('{"t":"error"');

// Frames are handled where they lie, as buf[start, end) (mostly in the shared read buffer): no
// Buffer object is made per frame.

/** A byte loop: cheaper than a native call for these few bytes. */
function startsWith(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[start + k] !== prefix[k]) return false;
  return true;
}

/**
 * Counts chat messages without parsing (each has one `"from":{`); only sampled sockets parse, for
 * latency. Searched in a latin1 string (one char per byte, so UTF-8 text cannot match) for
 * `from":{` and then checked for the `"` before it: V8 finds that needle about 3× faster than
 * Buffer#indexOf finds `"from":{`, whose first byte starts half the candidates in JSON.
 */
function countFrom(buf: Buffer, start: number, end: number): number {
  const s = buf.toString('latin1', start, end);
  let n = 0;
  for (let at = s.indexOf('from":{'); at >= 0; at = s.indexOf('from":{', at + 7)) if (s.charCodeAt(at - 1) === 0x22) n++;
  return n;
}

function onHutong(i: number, buf: Buffer, start: number, end: number) {
  if (startsWith(buf, start, end, ERROR)) refused++;
  if (!counting || !startsWith(buf, start, end, BATCH)) return;
  received++;
  if (i % plan.sampleEvery === 0) {
    const f = JSON.parse(buf.toString('utf8', start, end));
    delivered += f.chat.length;
    for (const m of f.chat) sample(m.text);
  } else delivered += countFrom(buf, start, end);
}

const SIO_CHAT = Buffer.from('42["chat"');

function onSocketIo(c: Conn, buf: Buffer, start: number, end: number) {
  if (end - start === 1 && buf[start] === 0x32) return send(c, '3'); // engine.io ping → pong
  if (buf[start] === 0x30) return send(c, '40'); // open → connect the default namespace
  if (c.relay || !counting || !startsWith(buf, start, end, SIO_CHAT)) return;
  received++;
  delivered++;
  if (c.i % plan.sampleEvery === 0) sample(JSON.parse(buf.toString('utf8', start + 2, end))[1].text);
}

function sample(text: string) {
  const m = /@(\d+)/.exec(text);
  if (m) latencies.push(Date.now() - Number(m[1]));
}

/** Both servers send only unfragmented text frames (FIN set), so a frame is a whole message. */
function onFrame(c: Conn, opcode: number, buf: Buffer, start: number, end: number) {
  if (opcode === OP_TEXT) return plan.kind === 'hutong' ? onHutong(c.i, buf, start, end) : onSocketIo(c, buf, start, end);
  if (opcode === OP_PING) return c.socket.write(clientFrame(OP_PONG, buf.subarray(start, end))); // hutong drops peers that miss pongs
  if (opcode === OP_CLOSE) return c.socket.end(clientFrame(OP_CLOSE, buf.subarray(start, Math.min(end, start + 2)))); // echo the status code
  // OP_PONG: nothing to do (this client sends no pings).
}

/** Handles every complete frame in buf[at, end); keeps a copy of an incomplete tail for the next read. */
function onFrames(c: Conn, buf: Buffer, at: number, end: number) {
  for (;;) {
    const left = end - at;
    if (left < 2) break;
    let length = buf[at + 1]! & 0x7f; // server frames are unmasked
    let head = 2;
    if (length === 126) {
      if (left < 4) break;
      length = buf.readUInt16BE(at + 2);
      head = 4;
    } else if (length === 127) {
      if (left < 10) break;
      length = buf.readUInt32BE(at + 2) * 2 ** 32 + buf.readUInt32BE(at + 6);
      head = 10;
    }
    if (left < head + length) break;
    onFrame(c, buf[at]! & 0x0f, buf, at + head, at + head + length);
    at += head + length;
  }
  if (at < end) c.pending = Buffer.from(buf.subarray(at, end));
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Checks the server's answer to the upgrade; returns where the frames after it start (they may share the read), or -1. */
function upgrade(c: Conn, buf: Buffer, end: number): number {
  const text = buf.toString('latin1', 0, end);
  const head = text.indexOf('\r\n\r\n');
  if (head < 0) {
    c.pending = Buffer.from(buf.subarray(0, end));
    return -1;
  }
  const { accept, resolve, reject } = c.opening!;
  c.opening = undefined;
  const lines = text.slice(0, head).split('\r\n');
  const accepted = lines.some((l) => /^sec-websocket-accept:/i.test(l) && l.slice(l.indexOf(':') + 1).trim() === accept);
  if (!lines[0]!.startsWith('HTTP/1.1 101') || !accepted) {
    c.socket.destroy();
    reject(new Error(`upgrade refused: ${lines[0]}`));
    return -1;
  }
  resolve();
  return head + 4;
}

function onRead(c: Conn, n: number): true {
  let buf = readBuffer;
  let end = n;
  if (c.pending) {
    // The rest of a split handshake or frame: joined with its copied head.
    buf = Buffer.concat([c.pending, readBuffer.subarray(0, n)]);
    end = buf.length;
    c.pending = undefined;
  }
  const start = c.opening ? upgrade(c, buf, end) : 0;
  if (start >= 0) onFrames(c, buf, start, end);
  return true;
}

/** Opens one WebSocket: resolves once the server has answered the upgrade with 101 and the right accept key. */
function open(i: number, relay = false): Promise<void> {
  const port = plan.ports[i % plan.ports.length]!;
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
  return new Promise<void>((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      localAddress: `127.0.0.${1 + (i % plan.addresses)}`,
      noDelay: true,
      onread: { buffer: readBuffer, callback: (n) => onRead(c, n) },
    });
    const c: Conn = { socket, i: relay ? -1 : i, relay, opening: { accept, resolve, reject } };
    (relay ? relays : sockets).push(c);
    // Once open, errors are ignored, as they were with `ws`.
    socket.on('error', (err) => c.opening?.reject(err));
    socket.on('close', () => c.opening?.reject(new Error('closed during the upgrade')));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

function sendChat(c: Conn, n: number) {
  const text = `#${n}@${Date.now()} 这款普洱还有货吗 主播讲讲冲泡方法`;
  if (plan.kind === 'hutong') return send(c, JSON.stringify({ t: 'chat', ref: String(n), text }));
  const frame = `42${JSON.stringify(['chat', { text }])}`;
  if (plan.ports.length === 1) send(c, frame);
  else for (const r of relays) send(r, frame);
}

function sendLikes(c: Conn, n: number) {
  send(c, plan.kind === 'hutong' ? JSON.stringify({ t: 'like', n }) : `42${JSON.stringify(['like', n])}`);
}

/**
 * Opens viewer i, trying again after a pause when the connection is reset during the upgrade: at
 * 20,000 viewers a full accept queue resets a few connections, and one such reset used to end the
 * whole generator (and with it the matrix row). A socket that failed is dropped from the list.
 */
async function openViewer(i: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open(i);
    } catch (err) {
      const failed = sockets.findIndex((c) => c.i === i);
      if (failed >= 0) sockets.splice(failed, 1)[0]!.socket.destroy();
      if (attempt === 5) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Connects viewers [from, to) in waves of 500 so the server's accept queue is not flooded. */
async function openViewers(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 500) await Promise.all(Array.from({ length: Math.min(500, to - i) }, (_, j) => openViewer(i + j)));
}

// Half the viewers first, then, when told, the other half: the servers' memory is read between
// and after, so memory per viewer is the second half's (the first joins of a fresh server also
// move memory that has nothing to do with viewers).
const half = Math.floor(plan.viewers / 2);
await openViewers(0, half);
process.send!({ half });
await new Promise<void>((resolve) => process.once('message', () => resolve()));
await openViewers(half, plan.viewers);
if (plan.kind === 'socketio' && plan.ports.length > 1) await Promise.all(plan.ports.map((_, p) => open(p, true)));
process.send!({ connected: sockets.length });

process.on('message', async (m: { go?: boolean }) => {
  if (!m.go) return;
  counting = true;
  const cpuAtGo = process.cpuUsage();
  const started = Date.now();
  let chats = 0;
  let likes = 0;
  const tickMs = 50;
  const timer = setInterval(() => {
    const elapsed = Date.now() - started;
    // Chat from rotating senders (so no one hits the per-viewer rate limit); likes coalesced per sender per tick, as clients do.
    const chatDue = Math.floor((elapsed / 1000) * plan.chatRate) - chats;
    for (let k = 0; k < chatDue; k++, chats++) sendChat(sockets[chats % plan.senders]!, chats);
    const likeDue = Math.floor((elapsed / 1000) * plan.likeRate) - likes;
    if (likeDue > 0) {
      const spread = Math.min(plan.senders, likeDue);
      for (let k = 0; k < spread; k++) sendLikes(sockets[(likes + k) % plan.senders]!, Math.floor(likeDue / spread) + (k < likeDue % spread ? 1 : 0));
      likes += likeDue;
    }
    if (elapsed >= plan.durationMs) {
      clearInterval(timer);
      // Let the last ticks drain, then report.
      setTimeout(() => {
        counting = false;
        process.send!({ delivered, received, chats, likes, refused, latencies, cpu: process.cpuUsage(cpuAtGo) });
        for (const c of [...sockets, ...relays]) c.socket.destroy();
        setTimeout(() => process.exit(0), 200);
      }, 1000);
    }
  }, tickMs);
});
