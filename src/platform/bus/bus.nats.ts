import { connect, Events, type NatsConnection, type Subscription } from 'nats';
import { encodeMessage, logBusError, TopicFanout, type BusErrorHandler } from './bus.fanout';
import { withTimeout } from '../../kernel/timeout';
import { assertTopic, type Bus, type BusHandler, type Json } from './bus.port';

export interface NatsBusOptions {
  onError?: BusErrorHandler;
  /** Client name shown by the server's monitoring (`/connz`). */
  name?: string;
  /** A subscribe the server has not confirmed after this long rejects (default 1 s). */
  commandTimeoutMs?: number;
}

/**
 * NATS core. A topic is the subject itself: the portable topic alphabet has no `*`, `>` or spaces.
 * Payloads are UTF-8 JSON text, at most the server's `max_payload` (1 MiB by default) — larger
 * publishes reject.
 *
 * On a dropped connection the client reconnects (here: forever, every 250 ms) and re-sends every
 * SUB itself; what was published meanwhile by others is lost (at-most-once). The client would
 * buffer publishes made while disconnected without a bound: here they reject at once instead, so
 * an outage costs the messages of the outage, not memory. A server that stops answering (frozen,
 * or a network that drops packets) is noticed by pings: after 3 s without a pong the client
 * reconnects.
 */
export class NatsBus implements Bus {
  readonly kind = 'nats' as const;
  readonly #fanout: TopicFanout;
  /** One server subscription per topic with local handlers. */
  readonly #upstream = new Map<string, Subscription>();
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();
  #closed = false;
  #connected = true;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly onError: BusErrorHandler,
    private readonly commandTimeoutMs: number,
  ) {
    this.#fanout = new TopicFanout(onError);
    // The connection only closes by itself on a fatal error (e.g. revoked credentials): say so.
    void nc.closed().then((error) => error && onError(error));
    void this.#watch();
  }

  static async connect(url: string, opts: NatsBusOptions = {}): Promise<NatsBus> {
    const nc = await connect({ servers: url, name: opts.name, maxReconnectAttempts: -1, reconnectTimeWait: 250, pingInterval: 1000, maxPingOut: 3 });
    return new NatsBus(nc, opts.onError ?? logBusError, opts.commandTimeoutMs ?? 1000);
  }

  /** Follows the connection: publishes are refused while it is down; the first drop of each outage is reported. */
  async #watch(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) {
        this.#connected = false;
        if (!this.#closed) this.onError(new Error(`NATS connection lost (${String(status.data)}); reconnecting`));
      } else if (status.type === Events.Reconnect) this.#connected = true;
    }
  }

  async publish(topic: string, message: Json): Promise<void> {
    this.#assertOpen();
    assertTopic(topic);
    if (!this.#connected) throw new Error('NATS is disconnected: message not sent');
    // Handing the message to the client is enough: one connection keeps publish order, and a
    // flush per message would cost a round trip each.
    this.nc.publish(topic, this.#encoder.encode(encodeMessage(message)));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen();
    assertTopic(topic);
    const { remove } = this.#fanout.add(topic, handler);
    if (!this.#upstream.has(topic)) this.#upstream.set(topic, this.#subscribeUpstream(topic));
    try {
      // The server handles SUB before the PING that flush() waits on: when this resolves the
      // subscription is active, also for publishers on other nodes. A server that does not
      // answer fails the subscribe instead of holding its caller.
      await withTimeout(this.nc.flush(), this.commandTimeoutMs, 'NATS subscribe');
    } catch (error) {
      if (remove()) this.#unsubscribeUpstream(topic);
      throw error;
    }
    return async () => {
      if (remove() && !this.#closed) this.#unsubscribeUpstream(topic);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // drain() unsubscribes, delivers what already arrived and flushes pending publishes, then closes.
    if (!this.nc.isClosed() && !this.nc.isDraining()) await this.nc.drain();
    this.#fanout.clear();
  }

  #subscribeUpstream(topic: string): Subscription {
    return this.nc.subscribe(topic, {
      callback: (error, msg) => {
        if (error) return this.onError(error, topic);
        this.#fanout.deliver(topic, this.#decoder.decode(msg.data));
      },
    });
  }

  #unsubscribeUpstream(topic: string): void {
    this.#upstream.get(topic)?.unsubscribe();
    this.#upstream.delete(topic);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('bus is closed');
  }
}

