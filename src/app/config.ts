import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration from HUTONG_* environment variables, validated once at start-up.
 * docs/config.md documents every variable; a test keeps the two in sync.
 */
const port = z.coerce.number().int().min(1).max(65_535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}//`);

const fields = z.object({
  HUTONG_PORT: port.default(8080),
  HUTONG_HOST: z.string().min(1).default('127.0.0.1'),
  HUTONG_PUBLIC_URL: url(['http:', 'https:']).optional(),
  HUTONG_DATA_DIR: z.string().min(1).default('./data'),
  HUTONG_DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  HUTONG_BUS: z.enum(['memory', 'redis', 'nats']).default('memory'),
  HUTONG_REDIS_URL: url(['redis:', 'rediss:']).optional(),
  HUTONG_NATS_URL: url(['nats:', 'tls:']).optional(),
  HUTONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUTONG_LOG_FORMAT: z.enum(['json', 'text']).optional(),
  HUTONG_SEED_DEMO: bool.default(true),
  HUTONG_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 14),
  HUTONG_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  HUTONG_API_KEY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  HUTONG_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  HUTONG_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // the live event stream (docs/events.md)
  HUTONG_EVENT_STREAM_WINDOW: z.coerce.number().int().min(10).max(100_000).default(1_000),
  HUTONG_EVENT_STREAM_LINGER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  HUTONG_EVENT_STREAM_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
  HUTONG_EVENT_STREAM_BUFFER_BYTES: z.coerce.number().int().min(4096).max(64 * 1024 * 1024).default(256 * 1024),
  // live video
  HUTONG_INGEST: z.enum(['embedded', 'external']).default('embedded'),
  HUTONG_RTMP_PORT: port.default(1935),
  HUTONG_RTMP_PUBLIC_URL: url(['rtmp:', 'rtmps:']).optional(),
  HUTONG_EXTERNAL_RTMP_URL: url(['rtmp:']).optional(),
  HUTONG_SHOW_END_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  HUTONG_FFMPEG: z.string().min(1).default('ffmpeg'),
  HUTONG_STREAM_KEY_SECRET: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (32 bytes)').optional(),
  // realtime
  HUTONG_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUTONG_COUNTERS: z.enum(['memory', 'redis']).optional(),
  HUTONG_CHAT_MAX_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(20),
  HUTONG_CHAT_BANNED_WORDS: z.string().max(20_000).default(''),
  HUTONG_CHAT_BANNED_WORDS_MODE: z.enum(['mask', 'refuse']).default('mask'),
  HUTONG_CHAT_BANNED_WORDS_MATCH: z.enum(['substring', 'word']).default('substring'),
  // room hubs: ticks, bounds and windows (docs/protocol.md)
  HUTONG_ROOM_TICK_MS: z.coerce.number().int().min(10).max(5_000).default(100),
  HUTONG_ROOM_MAX_TICK_MS: z.coerce.number().int().min(10).max(5_000).default(200),
  HUTONG_ROOM_LANE_SOCKETS: z.coerce.number().int().min(100).max(100_000).default(2_000),
  HUTONG_ROOM_WRITE_BUDGET: z.coerce.number().int().min(0).max(10_000_000).default(15_000),
  HUTONG_ROOM_WRITE_HOLD_MS: z.coerce.number().int().min(0).max(1000).default(0),
  HUTONG_ROOM_COUNTS_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  HUTONG_ROOM_WRITE_CHUNK: z.coerce.number().int().min(10).max(100_000).default(2_000),
  HUTONG_ROOM_SEND_BUFFER_BYTES: z.coerce.number().int().min(4096).max(64 * 1024 * 1024).default(256 * 1024),
  HUTONG_ROOM_SLOW_CLOSE_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  HUTONG_ROOM_RESUME_BATCHES: z.coerce.number().int().min(1).max(100_000).default(600),
  HUTONG_ROOM_RECENT_MESSAGES: z.coerce.number().int().min(0).max(1_000).default(50),
  HUTONG_ROOM_VIEW_WINDOW_MS: z.coerce.number().int().min(0).max(24 * 3_600_000).default(60_000),
  HUTONG_ROOM_PEER_TIMEOUT_MS: z.coerce.number().int().min(300).max(600_000).default(6_000),
  HUTONG_ROOM_IDLE_CLOSE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  HUTONG_ROOM_SETTLE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  HUTONG_CHAT_STORE_PER_SECOND: z.coerce.number().int().min(0).max(100_000).default(100),
  HUTONG_CHAT_STORE_BACKLOG: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  HUTONG_CHAT_STORE_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(1_000),
  HUTONG_REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  HUTONG_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  // sales
  HUTONG_ORDER_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  HUTONG_STOCK_GATE: z.enum(['memory', 'redis']).optional(),
  HUTONG_TEST_PAUSE_AT: z.string().max(200).default(''),
  // shares
  HUTONG_SHARE_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  HUTONG_SHARE_ATTRIBUTION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  HUTONG_CLICKOUT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  HUTONG_SHARE_CREATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  // gifts
  HUTONG_GIFT_CLAIM_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  // webhooks
  HUTONG_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  HUTONG_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  HUTONG_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  HUTONG_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  HUTONG_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  // outboxes and the webhook delivery log (docs/config.md: why a week)
  HUTONG_OUTBOX_RETENTION_DAYS: z.coerce.number().min(0.01).max(3650).default(7),
});

const schema = fields.superRefine((c, ctx) => {
    if (c.HUTONG_BUS === 'redis' && !c.HUTONG_REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_REDIS_URL'], message: 'is required when HUTONG_BUS=redis' });
    if (c.HUTONG_BUS === 'nats' && !c.HUTONG_NATS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_NATS_URL'], message: 'is required when HUTONG_BUS=nats' });
    // Several nodes (PostgreSQL, a networked bus) must share both secrets: each node making its own
    // files would seal stream keys that other nodes cannot open, and count one viewer as several.
    const shared = c.HUTONG_DATABASE_URL !== undefined || c.HUTONG_BUS !== 'memory';
    const missing = ['HUTONG_SECRET', 'HUTONG_STREAM_KEY_SECRET'].filter((k) => c[k as 'HUTONG_SECRET' | 'HUTONG_STREAM_KEY_SECRET'] === undefined);
    if (shared && missing.length)
      ctx.addIssue({
        code: 'custom',
        path: [missing[0]!],
        message: `HUTONG_SECRET and HUTONG_STREAM_KEY_SECRET must both be set, the same on every node, with PostgreSQL (HUTONG_DATABASE_URL) or a networked bus (HUTONG_BUS=redis|nats); missing: ${missing.join(', ')}`,
      });
    // PGlite is one process's database: workers share PostgreSQL instead.
    if (c.HUTONG_WORKERS > 1 && !c.HUTONG_DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_WORKERS'], message: 'above 1 needs PostgreSQL (HUTONG_DATABASE_URL)' });
    if (c.HUTONG_STOCK_GATE === 'redis' && !c.HUTONG_REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_REDIS_URL'], message: 'is required when HUTONG_STOCK_GATE=redis' });
    if (c.HUTONG_COUNTERS === 'redis' && !c.HUTONG_REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_REDIS_URL'], message: 'is required when HUTONG_COUNTERS=redis' });
    if (c.HUTONG_ROOM_MAX_TICK_MS < c.HUTONG_ROOM_TICK_MS)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_ROOM_MAX_TICK_MS'], message: 'must be at least HUTONG_ROOM_TICK_MS' });
    if (c.HUTONG_INGEST === 'external' && !c.HUTONG_EXTERNAL_RTMP_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_EXTERNAL_RTMP_URL'], message: 'is required when HUTONG_INGEST=external' });
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  bus: { kind: 'memory' } | { kind: 'redis'; url: string } | { kind: 'nats'; url: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `text` for a person at a terminal (requests at debug), `json` for a log collector (requests at info). */
  logFormat: 'json' | 'text';
  seedDemo: boolean;
  sessionTtlHours: number;
  /** A session read from the database is trusted this long on this node (0: read every time); logout tells every node. */
  sessionCacheMs: number;
  loginMaxAttempts: number;
  /** Requests per minute of an API key without a limit of its own. */
  apiKeyRatePerMinute: number;
  rateLimitRedisUrl: string | undefined;
  /** Click-outs (/go/CODE) a viewer may make a minute. */
  clickOutPerMinute: number;
  /** Every Redis command (bus, counters, login limits) unanswered after this long fails instead of waiting. */
  redisCommandTimeoutMs: number;
  bodyLimitBytes: number;
  /** Server processes on this machine (Node's cluster); above 1 they share the port and a bus. */
  workers: number;
  /** Each room's live event stream: its resume window, limits and slow-reader bound. */
  eventStream: { window: number; lingerMs: number; perIp: number; maxBufferedBytes: number };
  sales: {
    /** An unpaid order expires after this long and gives its units back. */
    orderTtlMs: number;
    /** The flash-sale stock gate: Redis (shared by every node) whenever a Redis URL is set. */
    gate: { kind: 'memory' } | { kind: 'redis'; url: string };
    /** Crash tests only: named points where a purchase hangs so the test can kill the process there. */
    pauseAt: string[];
  };
  shares: {
    /** A share leads somewhere this long after it was made. */
    ttlMs: number;
    /** What a visitor does this long after arriving through a share is credited to it. */
    attributionMs: number;
    /** POST /shares per client address and minute. */
    createPerMinute: number;
  };
  gifts: {
    /** A friend claims a gift within this long, or it goes back to its sender. */
    claimMs: number;
  };
  /** Outbox rows every reader has read, and finished webhook deliveries, are deleted this long after. */
  outboxRetentionMs: number;
  webhooks: {
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
    /** Whether endpoints may be loopback or private addresses (development and tests). */
    allowPrivate: boolean;
  };
  video: {
    ingest: 'embedded' | 'external';
    rtmpPort: number;
    /** What hosts paste into OBS as the server (the key is separate). */
    rtmpPublicUrl: string;
    /** external mode: where hutong pulls a published stream from (`URL/KEY`). */
    externalRtmpUrl: string | undefined;
    showEndGraceMs: number;
    /** The ffmpeg binary, or 'off' to disable HLS packaging and recording. */
    ffmpeg: string;
    streamKeySecret: string | undefined;
  };
  realtime: {
    /** Signs anonymous viewer keys; undefined: generated once into the data dir (single node only). */
    secret: string | undefined;
    /** Where likes, views, unique viewers and PCU are counted: Redis whenever a Redis URL is set. */
    counters: { kind: 'memory' } | { kind: 'redis'; url: string };
    chatMaxPerSecond: number;
    bannedWords: string[];
    bannedWordsMode: 'mask' | 'refuse';
    /** `substring`, or `word`: Latin-script banned words match whole words only. */
    bannedWordsMatch: 'substring' | 'word';
    /** The room hubs' ticks, queue bounds and windows. */
    tuning: {
      tickMs: number;
      maxTickMs: number;
      laneSockets: number;
      /** Socket writes per second a room may spend writing at once, between ticks (0: ticks only). */
      writeBudget: number;
      /** How long an early write waits for more to come with it. */
      writeHoldMs: number;
      /** Changed counts alone are written at most this often (0: every tick). */
      countsMs: number;
      writeChunk: number;
      maxBufferedBytes: number;
      slowCloseMs: number;
      resumeFrames: number;
      recentMessages: number;
      viewWindowMs: number;
      peerTimeoutMs: number;
      settleTimeoutMs: number;
      idleCloseMs: number;
      chatStorePerSecond: number;
      chatStoreBacklog: number;
      chatStoreLingerMs: number;
    };
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the config from `env`; throws a ConfigError naming each bad variable. `stdoutIsTerminal`
 * picks the log format when HUTONG_LOG_FORMAT is unset: text for a person, JSON for anything else.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, stdoutIsTerminal = process.stdout.isTTY === true): Config {
  const known = Object.fromEntries(
    Object.keys(fields.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? '?')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const bus: Config['bus'] =
    c.HUTONG_BUS === 'redis'
      ? { kind: 'redis', url: c.HUTONG_REDIS_URL! }
      : c.HUTONG_BUS === 'nats'
        ? { kind: 'nats', url: c.HUTONG_NATS_URL! }
        : { kind: 'memory' };
  return {
    port: c.HUTONG_PORT,
    host: c.HUTONG_HOST,
    publicUrl: (c.HUTONG_PUBLIC_URL ?? `http://localhost:${c.HUTONG_PORT}`).replace(/\/+$/, ''),
    dataDir: resolve(c.HUTONG_DATA_DIR),
    databaseUrl: c.HUTONG_DATABASE_URL,
    bus,
    logLevel: c.HUTONG_LOG_LEVEL,
    logFormat: c.HUTONG_LOG_FORMAT ?? (stdoutIsTerminal ? 'text' : 'json'),
    seedDemo: c.HUTONG_SEED_DEMO,
    sessionTtlHours: c.HUTONG_SESSION_TTL_HOURS,
    sessionCacheMs: c.HUTONG_SESSION_CACHE_SECONDS * 1000,
    loginMaxAttempts: c.HUTONG_LOGIN_MAX_ATTEMPTS,
    apiKeyRatePerMinute: c.HUTONG_API_KEY_RATE_PER_MINUTE,
    // With Redis, login limits are counted once for every node, not per node.
    rateLimitRedisUrl: c.HUTONG_REDIS_URL,
    clickOutPerMinute: c.HUTONG_CLICKOUT_PER_MINUTE,
    redisCommandTimeoutMs: c.HUTONG_REDIS_COMMAND_TIMEOUT_MS,
    bodyLimitBytes: c.HUTONG_BODY_LIMIT_BYTES,
    workers: c.HUTONG_WORKERS,
    eventStream: {
      window: c.HUTONG_EVENT_STREAM_WINDOW,
      lingerMs: c.HUTONG_EVENT_STREAM_LINGER_SECONDS * 1000,
      perIp: c.HUTONG_EVENT_STREAM_PER_IP,
      maxBufferedBytes: c.HUTONG_EVENT_STREAM_BUFFER_BYTES,
    },
    sales: {
      orderTtlMs: c.HUTONG_ORDER_TTL_MINUTES * 60_000,
      gate: c.HUTONG_REDIS_URL && c.HUTONG_STOCK_GATE !== 'memory' ? { kind: 'redis', url: c.HUTONG_REDIS_URL } : { kind: 'memory' },
      pauseAt: c.HUTONG_TEST_PAUSE_AT.split(',').map((p) => p.trim()).filter(Boolean),
    },
    shares: {
      ttlMs: c.HUTONG_SHARE_TTL_DAYS * 24 * 3_600_000,
      attributionMs: c.HUTONG_SHARE_ATTRIBUTION_DAYS * 24 * 3_600_000,
      createPerMinute: c.HUTONG_SHARE_CREATE_PER_MINUTE,
    },
    gifts: { claimMs: Math.round(c.HUTONG_GIFT_CLAIM_HOURS * 3_600_000) },
    outboxRetentionMs: Math.round(c.HUTONG_OUTBOX_RETENTION_DAYS * 24 * 3_600_000),
    webhooks: {
      timeoutMs: c.HUTONG_WEBHOOK_TIMEOUT_MS,
      maxAttempts: c.HUTONG_WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: c.HUTONG_WEBHOOK_RETRY_BASE_MS,
      pollMs: c.HUTONG_WEBHOOK_POLL_MS,
      allowPrivate: c.HUTONG_WEBHOOK_ALLOW_PRIVATE,
    },
    video: {
      ingest: c.HUTONG_INGEST,
      rtmpPort: c.HUTONG_RTMP_PORT,
      rtmpPublicUrl: (
        c.HUTONG_RTMP_PUBLIC_URL ?? `rtmp://${new URL(c.HUTONG_PUBLIC_URL ?? 'http://localhost').hostname}:${c.HUTONG_RTMP_PORT}/live`
      ).replace(/\/+$/, ''),
      externalRtmpUrl: c.HUTONG_EXTERNAL_RTMP_URL?.replace(/\/+$/, ''),
      showEndGraceMs: Math.round(c.HUTONG_SHOW_END_GRACE_SECONDS * 1000),
      ffmpeg: c.HUTONG_FFMPEG,
      streamKeySecret: c.HUTONG_STREAM_KEY_SECRET,
    },
    realtime: {
      secret: c.HUTONG_SECRET,
      counters:
        c.HUTONG_REDIS_URL && c.HUTONG_COUNTERS !== 'memory' ? { kind: 'redis', url: c.HUTONG_REDIS_URL } : { kind: 'memory' },
      chatMaxPerSecond: c.HUTONG_CHAT_MAX_PER_SECOND,
      bannedWords: c.HUTONG_CHAT_BANNED_WORDS.split(',').map((w) => w.trim()).filter(Boolean),
      bannedWordsMode: c.HUTONG_CHAT_BANNED_WORDS_MODE,
      bannedWordsMatch: c.HUTONG_CHAT_BANNED_WORDS_MATCH,
      tuning: {
        tickMs: c.HUTONG_ROOM_TICK_MS,
        maxTickMs: c.HUTONG_ROOM_MAX_TICK_MS,
        laneSockets: c.HUTONG_ROOM_LANE_SOCKETS,
        writeBudget: c.HUTONG_ROOM_WRITE_BUDGET,
        writeHoldMs: c.HUTONG_ROOM_WRITE_HOLD_MS,
        countsMs: c.HUTONG_ROOM_COUNTS_MS,
        writeChunk: c.HUTONG_ROOM_WRITE_CHUNK,
        maxBufferedBytes: c.HUTONG_ROOM_SEND_BUFFER_BYTES,
        slowCloseMs: c.HUTONG_ROOM_SLOW_CLOSE_MS,
        resumeFrames: c.HUTONG_ROOM_RESUME_BATCHES,
        recentMessages: c.HUTONG_ROOM_RECENT_MESSAGES,
        viewWindowMs: c.HUTONG_ROOM_VIEW_WINDOW_MS,
        peerTimeoutMs: c.HUTONG_ROOM_PEER_TIMEOUT_MS,
        settleTimeoutMs: c.HUTONG_ROOM_SETTLE_TIMEOUT_MS,
        idleCloseMs: c.HUTONG_ROOM_IDLE_CLOSE_MS,
        chatStorePerSecond: c.HUTONG_CHAT_STORE_PER_SECOND,
        chatStoreBacklog: c.HUTONG_CHAT_STORE_BACKLOG,
        chatStoreLingerMs: c.HUTONG_CHAT_STORE_LINGER_MS,
      },
    },
  };
}

/** The variable names, for the docs sync test. */
export const configVariables = (): string[] => Object.keys(fields.shape);
