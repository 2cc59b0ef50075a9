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
  HUTONG_SEED_DEMO: bool.default(true),
  HUTONG_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 14),
  HUTONG_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  HUTONG_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  HUTONG_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
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
});

const schema = fields.superRefine((c, ctx) => {
    if (c.HUTONG_BUS === 'redis' && !c.HUTONG_REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_REDIS_URL'], message: 'is required when HUTONG_BUS=redis' });
    if (c.HUTONG_BUS === 'nats' && !c.HUTONG_NATS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_NATS_URL'], message: 'is required when HUTONG_BUS=nats' });
    // PGlite is one process's database: workers share PostgreSQL instead.
    if (c.HUTONG_WORKERS > 1 && !c.HUTONG_DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_WORKERS'], message: 'above 1 needs PostgreSQL (HUTONG_DATABASE_URL)' });
    if (c.HUTONG_COUNTERS === 'redis' && !c.HUTONG_REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['HUTONG_REDIS_URL'], message: 'is required when HUTONG_COUNTERS=redis' });
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
  seedDemo: boolean;
  sessionTtlHours: number;
  loginMaxAttempts: number;
  rateLimitRedisUrl: string | undefined;
  bodyLimitBytes: number;
  /** Server processes on this machine (Node's cluster); above 1 they share the port and a bus. */
  workers: number;
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
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the config from `env`; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
    seedDemo: c.HUTONG_SEED_DEMO,
    sessionTtlHours: c.HUTONG_SESSION_TTL_HOURS,
    loginMaxAttempts: c.HUTONG_LOGIN_MAX_ATTEMPTS,
    // With Redis, login limits are counted once for every node, not per node.
    rateLimitRedisUrl: c.HUTONG_REDIS_URL,
    bodyLimitBytes: c.HUTONG_BODY_LIMIT_BYTES,
    workers: c.HUTONG_WORKERS,
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
    },
  };
}

/** The variable names, for the docs sync test. */
export const configVariables = (): string[] => Object.keys(fields.shape);
