/**
 * A load generator process: opens viewer sockets to one server (spread over 127.0.0.x source
 * addresses), then on `go` sends chat and likes at the given rates for the given time, and
 * reports what its viewers received. Speaks hutong's protocol, or Socket.IO's engine.io wire
 * format directly over `ws` (lighter than socket.io-client, so the generator is not the limit).
 */
import WebSocket from 'ws';

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

const plan = JSON.parse(process.argv[2]!) as Plan;
const sockets: WebSocket[] = [];
let delivered = 0;
let received = 0;
const latencies: number[] = [];
let counting = false;
let refused = 0;

const urlOf = (port: number) =>
  plan.kind === 'hutong'
    ? `ws://127.0.0.1:${port}/api/v1/rooms/demo/socket?v=1`
    : `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
/**
 * Plain Socket.IO processes share nothing: to reach every viewer, each chat message is sent to
 * every server process (one relay socket each) — a free, perfect adapter, which favours the baseline.
 */
const relays: WebSocket[] = [];

const FROM = Buffer.from('"from":{');
const BATCH = Buffer.from('{"t":"batch"');
const ERROR = Buffer.from('{"t":"error"');

/** Counts chat messages without parsing (each has one `"from":{`); only sampled sockets parse, for latency. */
function countFrom(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(FROM); at >= 0; at = buf.indexOf(FROM, at + FROM.length)) n++;
  return n;
}

function onHutong(i: number, data: WebSocket.RawData) {
  const buf = data as Buffer;
  if (buf.subarray(0, ERROR.length).equals(ERROR)) refused++;
  if (!counting || !buf.subarray(0, BATCH.length).equals(BATCH)) return;
  received++;
  if (i % plan.sampleEvery === 0) {
    const f = JSON.parse(String(buf));
    delivered += f.chat.length;
    for (const m of f.chat) sample(m.text);
  } else delivered += countFrom(buf);
}

const SIO_CHAT = Buffer.from('42["chat"');

function onSocketIo(ws: WebSocket, i: number, data: WebSocket.RawData, relay = false) {
  const buf = data as Buffer;
  if (buf.length === 1 && buf[0] === 0x32) return ws.send('3'); // engine.io ping → pong
  if (buf[0] === 0x30) return ws.send('40'); // open → connect the default namespace
  if (relay || !counting || !buf.subarray(0, SIO_CHAT.length).equals(SIO_CHAT)) return;
  received++;
  delivered++;
  if (i % plan.sampleEvery === 0) sample(JSON.parse(String(buf).slice(2))[1].text);
}

function sample(text: string) {
  const m = /@(\d+)/.exec(text);
  if (m) latencies.push(Date.now() - Number(m[1]));
}

async function open(i: number, relay = false): Promise<void> {
  const ws = new WebSocket(urlOf(plan.ports[i % plan.ports.length]!), { localAddress: `127.0.0.${1 + (i % plan.addresses)}`, perMessageDeflate: false });
  (relay ? relays : sockets).push(ws);
  ws.on('message', (d) => (plan.kind === 'hutong' ? onHutong(i, d) : relay ? onSocketIo(ws, -1, d, true) : onSocketIo(ws, i, d)));
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

function sendChat(ws: WebSocket, n: number) {
  const text = `#${n}@${Date.now()} 这款普洱还有货吗 主播讲讲冲泡方法`;
  if (plan.kind === 'hutong') return ws.send(JSON.stringify({ t: 'chat', ref: String(n), text }));
  const frame = `42${JSON.stringify(['chat', { text }])}`;
  if (plan.ports.length === 1) ws.send(frame);
  else for (const r of relays) r.send(frame);
}

function sendLikes(ws: WebSocket, n: number) {
  ws.send(plan.kind === 'hutong' ? JSON.stringify({ t: 'like', n }) : `42${JSON.stringify(['like', n])}`);
}

// Connect in waves of 500 so the server's accept queue is not flooded.
for (let i = 0; i < plan.viewers; i += 500) {
  await Promise.all(Array.from({ length: Math.min(500, plan.viewers - i) }, (_, j) => open(i + j)));
}
if (plan.kind === 'socketio' && plan.ports.length > 1) await Promise.all(plan.ports.map((_, p) => open(p, true)));
process.send!({ connected: sockets.length });

process.on('message', async (m: { go?: boolean }) => {
  if (!m.go) return;
  counting = true;
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
        process.send!({ delivered, received, chats, likes, refused, latencies });
        for (const ws of [...sockets, ...relays]) ws.terminate();
        setTimeout(() => process.exit(0), 200);
      }, 1000);
    }
  }, tickMs);
});
