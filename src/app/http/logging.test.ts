import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazyRequestLogger, loggerOptions, RequestLog, type LogFormat } from './logging';

/** A small app that logs like hutong's, its JSON lines captured. */
async function appLogging(format: LogFormat, level = 'info') {
  const lines: { level: number; msg: string; reqId?: string; res?: { statusCode: number } }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: loggerOptions({ level, format, stream }), logController: new RequestLog(format), childLoggerFactory: lazyRequestLogger });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('broken on purpose');
  });
  await app.ready();
  const call = (url: string) => app.inject({ method: 'GET', url });
  const requestLines = () => lines.filter((l) => /^GET \//.test(l.msg));
  return { app, call, requestLines };
}

describe('request logs', () => {
  it('json: one info line per request, with method, URL, status and time', async () => {
    const { app, call, requestLines } = await appLogging('json');
    await call('/ok');
    await call('/ok?x=1');
    expect(requestLines().map((l) => [l.level, l.msg.replace(/ \d+ ms$/, ''), l.res?.statusCode])).toEqual([
      [30, 'GET /ok 200', 200],
      [30, 'GET /ok?x=1 200', 200],
    ]);
    await app.close();
  });

  it("a request's lines carry its id (its logger is made when it first logs)", async () => {
    const { app, call, requestLines } = await appLogging('json');
    await call('/ok');
    await call('/ok');
    const ids = requestLines().map((l) => l.reqId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBeTruthy();
    expect(ids[0]).not.toBe(ids[1]);
    await app.close();
  });

  it('text: requests only at debug, so the default level shows none', async () => {
    const atInfo = await appLogging('text');
    await atInfo.call('/ok');
    await atInfo.call('/nope');
    expect(atInfo.requestLines()).toEqual([]);
    await atInfo.app.close();

    const atDebug = await appLogging('text', 'debug');
    await atDebug.call('/ok');
    expect(atDebug.requestLines().map((l) => l.level)).toEqual([20]);
    await atDebug.app.close();
  });

  it('logs a request that failed on the server at error, whatever the format', async () => {
    for (const format of ['text', 'json'] as const) {
      const { app, call, requestLines } = await appLogging(format, 'warn');
      expect((await call('/boom')).statusCode).toBe(500);
      expect(requestLines().map((l) => [l.level, l.res?.statusCode])).toEqual([[50, 500]]);
      await app.close();
    }
  });
});
