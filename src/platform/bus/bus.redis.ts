import { Redis } from 'ioredis';
import { liveRedisOptions } from '../redis-options';
import { encodeMessage, logBusError, TopicFanout, type BusErrorHandler } from './bus.fanout';
import { assertTopic, type Bus, type BusHandler, type Json } from './bus.port';

export interface RedisBusOptions {
  onError?: BusErrorHandler;
  /** CLIENT SETNAME prefix (`<name>:pub`, `<name>:sub`), so an operator can find this node's connections. */
  name?: string;
  /** A publish or subscribe unanswered after this long rejects (default 1 s; redis-options.ts). */
  commandTimeoutMs?: number;
}

/**
 * Redis pub/sub. Two connections, because a connection in subscriber mode cannot publish. Channels
 * are the topics themselves; payloads are JSON text.
 *
 * On a dropped connection ioredis reconnects by itself (retrying forever) and re-issues SUBSCRIBE for
 * every channel it had (`autoResubscribe`): what was published meanwhile is lost (at-most-once).
 * Nothing waits without bound (redis-options.ts): a publish made while disconnected rejects at
 * once, and one that a frozen Redis does not answer rejects after `commandTimeoutMs` (it may still
 * be delivered when Redis resumes).
 */
export class RedisBus implements Bus {
  readonly kind = 'redis' as const;
  readonly #fanout: TopicFanout;
  /** The SUBSCRIBE in flight or done for each topic with local handlers; later handlers wait on it. */
  readonly #upstream = new Map<string, Promise<unknown>>();
  #closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    onError: BusErrorHandler,
  ) {
    this.#fanout = new TopicFanout(onError);
    subscriber.on('message', (channel: string, text: string) => this.#fanout.deliver(channel, text));
  }

  static async connect(url: string, opts: RedisBusOptions = {}): Promise<RedisBus> {
    const onError = opts.onError ?? logBusError;
    let connecting = true;
    let cause: unknown;
    const open = (role: string) => {
      const connection = new Redis(url, {
        lazyConnect: true,
        ...liveRedisOptions(opts.commandTimeoutMs ?? 1000),
        ...(opts.name ? { connectionName: `${opts.name}:${role}` } : {}),
      });
      // Until connected, an error is why connect() rejects; afterwards the first error of each outage
      // is reported (ioredis retries every second: one line per attempt would flood the log), and
      // without a listener ioredis would print it as unhandled.
      let reported = false;
      connection.on('ready', () => (reported = false));
      connection.on('error', (error) => {
        if (connecting) cause ??= error;
        else if (!reported) {
          reported = true;
          onError(error);
        }
      });
      return connection;
    };
    const [publisher, subscriber] = [open('pub'), open('sub')];
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw cause ?? error;
    }
    connecting = false;
    return new RedisBus(publisher, subscriber, onError);
  }

  async publish(topic: string, message: Json): Promise<void> {
    this.#assertOpen();
    assertTopic(topic);
    // One connection writes commands in call order, so un-awaited publishes keep their order.
    await this.publisher.publish(topic, encodeMessage(message));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen();
    assertTopic(topic);
    const { remove } = this.#fanout.add(topic, handler);
    let ready = this.#upstream.get(topic);
    if (!ready) {
      ready = this.subscriber.subscribe(topic);
      this.#upstream.set(topic, ready);
    }
    try {
      await ready; // resolves on Redis's reply: from then on the server routes the channel to us
    } catch (error) {
      if (remove()) this.#upstream.delete(topic);
      throw error;
    }
    return async () => {
      if (!remove() || this.#closed) return;
      // A later subscribe on this topic sends SUBSCRIBE after this UNSUBSCRIBE on the same
      // connection, so Redis applies them in that order and the new subscription stands.
      this.#upstream.delete(topic);
      await this.subscriber.unsubscribe(topic);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#fanout.clear();
    await Promise.all([quit(this.publisher), quit(this.subscriber)]);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('bus is closed');
  }
}

/** QUIT sends what is queued first; while disconnected it would wait for a reconnect, so drop instead. */
async function quit(connection: Redis): Promise<void> {
  if (connection.status !== 'ready') return connection.disconnect();
  await connection.quit().catch(() => connection.disconnect());
}
