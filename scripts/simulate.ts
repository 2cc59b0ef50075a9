/**
 * An audience for a live room, for demos and load: `npm run simulate -- --room demo --viewers 2000`.
 *   --url http://127.0.0.1:8080   the hutong to join (HUTONG_PUBLIC_URL style)
 *   --room demo                   the room slug
 *   --viewers 2000                sockets to open, ramped at --ramp per second (default 200)
 *   --chatters 0.05               share of viewers who chat, each every 20–60 s (readable, like people)
 *   --likes 0.3                   share of viewers who tap like, in bursts of 1–10 taps
 *   --duration 0                  seconds to run (0 = until Ctrl-C)
 *   --churn 0.01                  share of viewers leaving and coming back each 10 s (reconnects with
 *                                 their viewer key: the same viewer, not a new view within 60 s)
 * Above ~19,000 viewers one process runs out of open files here; start two simulators.
 * Source addresses rotate over 127.0.0.1–4 when the target is on loopback (ephemeral ports).
 */
import WebSocket from 'ws';
import { serverFrame } from '../src/contracts/realtime.schemas';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : def;
};
const base = opt('url', process.env.HUTONG_PUBLIC_URL ?? 'http://127.0.0.1:8080');
const room = opt('room', 'demo');
const total = Number(opt('viewers', '100'));
const ramp = Number(opt('ramp', '200'));
const chatters = Number(opt('chatters', '0.05'));
const likers = Number(opt('likes', '0.3'));
const duration = Number(opt('duration', '0'));
const churn = Number(opt('churn', '0.01'));

const lines = [
  '主播好！', '这个多少钱？', '有优惠券吗', '已下单 🎉', '普洱怎么冲泡？', '发货快吗', '支持七天无理由吗',
  '颜色好看', '求链接', '想要两饼', '包邮吗', '上次买的很好喝', 'hello from the simulator', '再讲讲这个杯子',
];
const loopback = /^(localhost|127\.)/.test(new URL(base).hostname);
const wsUrl = new URL(`/api/v1/rooms/${encodeURIComponent(room)}/socket`, base.replace(/^http/, 'ws'));
wsUrl.searchParams.set('v', '1');

const stats = { open: 0, frames: 0, chatSeen: 0, sent: 0, refused: new Map<string, number>(), closed: new Map<number, number>(), invalid: 0 };
let online = 0;
let views = 0;
let likesTotal = 0;

class SimViewer {
  ws: WebSocket | undefined;
  key: string | undefined;
  timers: NodeJS.Timeout[] = [];
  constructor(readonly i: number) {}

  connect(): void {
    const url = new URL(wsUrl);
    if (this.key) url.searchParams.set('viewerKey', this.key);
    const ws = new WebSocket(url, { localAddress: loopback ? `127.0.0.${1 + (this.i % 4)}` : undefined, perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      stats.open++;
      if (this.i < total * chatters) this.every(20_000 + Math.random() * 40_000, () => this.chat());
      if (this.i % Math.max(1, Math.round(1 / likers)) === 0) this.every(3_000 + Math.random() * 12_000, () => this.like());
    });
    ws.on('message', (data) => {
      const parsed = serverFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return void stats.invalid++;
      const f = parsed.data;
      stats.frames++;
      if (f.t === 'hello' && f.viewerKey) this.key = f.viewerKey;
      if (f.t === 'batch') {
        stats.chatSeen += f.chat.length;
        ({ online, views, likes: likesTotal } = f.counts);
      }
      if (f.t === 'error') stats.refused.set(f.code, (stats.refused.get(f.code) ?? 0) + 1);
    });
    ws.on('close', (code) => {
      stats.open--;
      stats.closed.set(code, (stats.closed.get(code) ?? 0) + 1);
      this.stop();
    });
    ws.on('error', () => {});
  }

  /** Every `ms`, starting at a random point of the first period, so an audience does not act in step. */
  every(ms: number, fn: () => void) {
    this.timers.push(
      setTimeout(() => {
        fn();
        this.timers.push(setInterval(fn, ms));
      }, Math.random() * ms),
    );
  }

  chat() {
    const text = lines[Math.floor(Math.random() * lines.length)]! + (Math.random() < 0.5 ? '' : ` ${Math.floor(Math.random() * 100)}`);
    this.ws?.send(JSON.stringify({ t: 'chat', ref: String(stats.sent++), text }));
  }

  like() {
    this.ws?.send(JSON.stringify({ t: 'like', n: 1 + Math.floor(Math.random() * 10) }));
  }

  stop() {
    for (const t of this.timers.splice(0)) clearTimeout(t); // clears intervals too
  }

  reconnect() {
    this.stop();
    this.ws?.terminate();
    setTimeout(() => this.connect(), 500 + Math.random() * 3000);
  }
}

const audience: SimViewer[] = [];
const rampTimer = setInterval(() => {
  for (let k = 0; k < Math.max(1, Math.round(ramp / 10)) && audience.length < total; k++) {
    const v = new SimViewer(audience.length);
    audience.push(v);
    v.connect();
  }
  if (audience.length >= total) clearInterval(rampTimer);
}, 100);

const churnTimer = setInterval(() => {
  for (const v of audience) if (Math.random() < churn) v.reconnect();
}, 10_000);

const report = setInterval(() => {
  const refused = [...stats.refused].map(([c, n]) => `${c}×${n}`).join(' ') || 'none';
  console.log(
    `${new Date().toISOString().slice(11, 19)} open ${stats.open}/${total} · room online ${online} · views ${views} · likes ${likesTotal} · chat sent ${stats.sent}, seen ${stats.chatSeen} · refused ${refused}${stats.invalid ? ` · INVALID frames ${stats.invalid}` : ''}`,
  );
}, 2000);

function stop() {
  for (const t of [rampTimer, churnTimer, report]) clearInterval(t);
  for (const v of audience) {
    v.stop();
    v.ws?.close();
  }
  setTimeout(() => process.exit(0), 500);
}
process.on('SIGINT', stop);
if (duration > 0) setTimeout(stop, duration * 1000);
console.log(`simulating ${total} viewers in ${wsUrl.origin}/live/${room} (ramp ${ramp}/s; Ctrl-C stops)`);
