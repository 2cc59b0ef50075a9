import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, DestinationStream, Level } from 'pino';
import pretty from 'pino-pretty';

/**
 * How the server logs. `json`: one JSON line per event, for a log collector; every request is a line
 * at `info`. `text`: readable lines for a person watching `npm start` in a terminal; requests are at
 * `debug`, so the default level shows start-up, warnings and errors, not one line per request.
 * A request that failed on our side (5xx) is logged at `error` in both.
 */
export type LogFormat = 'json' | 'text';

export interface LogOptions {
  level: string;
  format: LogFormat;
  /** Where JSON lines go instead of stdout (tests read them). */
  stream?: DestinationStream | undefined;
}

/**
 * Paths whose values must never reach a log: credentials in headers and bodies.
 * Fastify logs no bodies and no headers by default; this guards against anyone adding them.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.streamKey',
];

export function loggerOptions(o: LogOptions): FastifyServerOptions['logger'] {
  const stream =
    o.stream ??
    (o.format === 'text'
      ? pretty({ sync: true, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,reqId,req,res,responseTime', singleLine: true })
      : undefined);
  return {
    level: o.level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(stream ? { stream } : {}),
  };
}

/**
 * Fastify's own request lines: one per finished request (none when it arrives; a "not found" is
 * its request line), at `info` in JSON and `debug` in text; at `error` when the server failed (5xx).
 */
export class RequestLog extends LogController {
  readonly #level: Level;

  constructor(format: LogFormat) {
    super();
    this.#level = format === 'json' ? 'info' : 'debug';
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null, req: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    reply.log[error || status >= 500 ? 'error' : this.#level](
      { req: { method: req.method, url: req.url }, res: { statusCode: status }, responseTime: ms },
      `${req.method} ${req.url} ${status} ${ms} ms`,
    );
  }
}

type Logger = FastifyBaseLogger & { isLevelEnabled?(level: string): boolean };
type Method = 'info' | 'error' | 'debug' | 'fatal' | 'warn' | 'trace';

/**
 * Each request's logger (`req.log`), made only when the request logs something its level lets
 * through. Fastify's default makes a pino child (bindings serialised, redaction set up) for every
 * request; at 100,000 flash-sale attempts that nobody logs, that was a few per cent of the CPU.
 */
class RequestLogger {
  #child: Logger | undefined;

  constructor(
    readonly parent: Logger,
    readonly bindings: Bindings,
    readonly opts: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.#child?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  #real(): Logger {
    return (this.#child ??= this.parent.child(this.bindings, this.opts));
  }

  #log(method: Method, args: unknown[]): void {
    if (!this.#child && this.parent.isLevelEnabled?.(method) === false) return;
    (this.#real()[method] as (...a: unknown[]) => void)(...args);
  }

  info(...args: unknown[]) { this.#log('info', args); }
  error(...args: unknown[]) { this.#log('error', args); }
  debug(...args: unknown[]) { this.#log('debug', args); }
  fatal(...args: unknown[]) { this.#log('fatal', args); }
  warn(...args: unknown[]) { this.#log('warn', args); }
  trace(...args: unknown[]) { this.#log('trace', args); }
  silent() {}
  child(bindings: Bindings, opts?: ChildLoggerOptions): Logger {
    return this.#real().child(bindings, opts);
  }
  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.parent).isLevelEnabled?.(level) ?? true;
  }
}

/** Fastify's `childLoggerFactory`: a request logger that costs nothing until it logs. */
export const lazyRequestLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, opts) =>
  // A route with a level of its own (`logLevel`) gets its child at once: the parent's level does not say what it logs.
  opts.level ? logger.child(bindings, opts) : (new RequestLogger(logger, bindings, opts) as unknown as FastifyBaseLogger);
