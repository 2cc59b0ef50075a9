import { hash } from 'node:crypto';
import type { Db, Queryable } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';

/** An HTTP answer as stored for replays. */
export interface Answer {
  status: number;
  body: unknown;
  /** True when this is a stored answer given again. */
  replayed?: boolean;
  /** Work to run once the answer's transaction has committed (never stored, never replayed). */
  afterCommit?: () => Promise<void> | void;
}

/** How long keys are kept (docs/sales.md "Idempotency"): a key older than this starts a new request. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
/** A request that died (a crash) without finishing holds its key this long; then a retry runs it again. */
const LEASE_MS = 30_000;

const BARE = /^[A-Za-z0-9._:~+/=-]{1,255}$/;
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\]){1,255})"$/;

/**
 * The `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header): a Structured Field
 * string (`"…"`), or the bare token most clients send. Missing, malformed or sent twice (Node joins
 * repeated headers with a comma, which neither form allows) is a coded 400.
 */
export function idempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined) throw new AppError('SALES_IDEMPOTENCY_KEY_MISSING');
  if (Array.isArray(header)) throw new AppError('SALES_IDEMPOTENCY_KEY_INVALID');
  const sf = SF_STRING.exec(header);
  if (sf) return sf[1]!.replace(/\\(["\\])/g, '$1');
  if (BARE.test(header)) return header;
  throw new AppError('SALES_IDEMPOTENCY_KEY_INVALID');
}

/**
 * What identifies a request under its key: the route and the body as validated. Bodies come out of
 * their zod schemas with keys in the schema's order and defaults filled in, so the same request
 * always serialises the same, whatever order or defaults the client sent.
 */
export function fingerprint(value: unknown): string {
  // crypto.hash: the one-shot form, about half the cost of createHash() on every flash-sale attempt.
  return hash('sha256', JSON.stringify(value ?? null), 'base64url');
}

/** The answer for a coded refusal, as the HTTP edge would render it. */
export const errorAnswer = (err: AppError): Answer => ({
  status: err.status,
  body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
});

interface KeyRow {
  fingerprint: string;
  state: 'running' | 'done';
  status: number | null;
  body: unknown;
  lockedUntil: Date | null;
}

/**
 * Idempotency keys kept in the database, scoped per caller (a buyer's key never finds another's
 * answer). The first request with a key marks it running, does its work and stores its answer in
 * the same transaction as the work, so "done" and the order it made commit together. Meanwhile the
 * same key answers 409; another body under it 422; afterwards the stored answer, success or coded
 * refusal. An unexpected failure stores nothing: the client may retry.
 */
export function createIdempotency({ db, clock, due }: { db: Db; clock: Clock; due: (at: Date) => void }) {
  const read = async (q: Queryable, scope: string, key: string) =>
    (await q.query<KeyRow>(
      `SELECT fingerprint, state, status, body, locked_until AS "lockedUntil" FROM sales_idempotency WHERE scope = $1 AND key = $2`,
      [scope, key],
    ))[0];

  /** The stored answer of a key, 422 for another body, 409 while running; undefined when unknown. */
  function judge(row: KeyRow, fp: string): Answer | 'expired-lease' {
    if (row.fingerprint !== fp) throw new AppError('SALES_IDEMPOTENCY_KEY_REUSED');
    if (row.state === 'done') return { status: row.status!, body: row.body, replayed: true };
    if (row.lockedUntil && row.lockedUntil > clock.now()) throw new AppError('SALES_IDEMPOTENCY_IN_FLIGHT');
    return 'expired-lease';
  }

  async function claim(scope: string, key: string, fp: string): Promise<Answer | undefined> {
    const now = clock.now();
    const lease = new Date(now.getTime() + LEASE_MS);
    const inserted = await db.query(
      `INSERT INTO sales_idempotency (scope, key, fingerprint, state, locked_until, created_at) VALUES ($1, $2, $3, 'running', $4, $5)
       ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
      [scope, key, fp, lease, now],
    );
    if (inserted.length > 0) {
      due(new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS));
      return undefined;
    }
    const row = await read(db, scope, key);
    if (!row) throw new AppError('SALES_IDEMPOTENCY_IN_FLIGHT'); // pruned between the two statements: let the client retry
    const verdict = judge(row, fp);
    if (verdict !== 'expired-lease') return verdict;
    // The request holding it died: take the key over (one of several retries wins the UPDATE).
    const taken = await db.query(
      `UPDATE sales_idempotency SET locked_until = $3 WHERE scope = $1 AND key = $2 AND state = 'running' AND locked_until <= $4 RETURNING 1`,
      [scope, key, lease, now],
    );
    if (taken.length === 0) throw new AppError('SALES_IDEMPOTENCY_IN_FLIGHT');
    return undefined;
  }

  const store = (q: Queryable, scope: string, key: string, a: Answer) =>
    q.query(`UPDATE sales_idempotency SET state = 'done', status = $3, body = $4, locked_until = NULL WHERE scope = $1 AND key = $2`, [
      scope, key, a.status, JSON.stringify(a.body),
    ]);

  return {
    /**
     * Runs `work` once for this scope and key. Its answer is stored in its own transaction; a coded
     * refusal (4xx AppError) is stored too and answered, anything else releases the key and throws.
     */
    async run(scope: string, key: string, fp: string, work: (tx: Queryable) => Promise<Answer>): Promise<Answer> {
      const stored = await claim(scope, key, fp);
      if (stored) return stored;
      let answer: Answer;
      try {
        answer = await db.transaction(async (tx) => {
          const done = await work(tx);
          await store(tx, scope, key, done);
          return done;
        });
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const answer = errorAnswer(err);
          await store(db, scope, key, answer);
          return answer;
        }
        await db.query(`DELETE FROM sales_idempotency WHERE scope = $1 AND key = $2 AND state = 'running'`, [scope, key]).catch(() => {});
        throw err;
      }
      const { afterCommit, ...committed } = answer;
      await afterCommit?.();
      return committed;
    },

    /**
     * For work that marks its own key "in flight" elsewhere (a flash sale's gate): stores the answer
     * inside the caller's transaction. False when the key already has a row (the caller rolls back
     * and answers with `replay`).
     */
    async record(tx: Queryable, scope: string, key: string, fp: string, a: Answer): Promise<boolean> {
      const rows = await tx.query(
        `INSERT INTO sales_idempotency (scope, key, fingerprint, state, status, body, created_at) VALUES ($1, $2, $3, 'done', $4, $5, $6)
         ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [scope, key, fp, a.status, JSON.stringify(a.body), clock.now()],
      );
      return rows.length > 0;
    },

    /**
     * `record` for several keys in one statement (a flash sale's group commit). False when any key
     * already has a row: the caller rolls back and records them one by one.
     */
    async recordMany(tx: Queryable, entries: readonly { scope: string; key: string; fp: string; answer: Answer }[]): Promise<boolean> {
      const rows = await tx.query(
        `INSERT INTO sales_idempotency (scope, key, fingerprint, state, status, body, created_at)
         SELECT s, k, f, 'done', st, b::jsonb, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS t(s, k, f, st, b)
         ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [
          entries.map((e) => e.scope), entries.map((e) => e.key), entries.map((e) => e.fp), entries.map((e) => e.answer.status),
          entries.map((e) => JSON.stringify(e.answer.body)), clock.now(),
        ],
      );
      return rows.length === entries.length;
    },

    /** The stored answer of a key (409 while running, 422 for another body), or undefined when unknown. */
    async replay(scope: string, key: string, fp: string): Promise<Answer | undefined> {
      const row = await read(db, scope, key);
      if (!row) return undefined;
      const verdict = judge(row, fp);
      if (verdict === 'expired-lease') throw new AppError('SALES_IDEMPOTENCY_IN_FLIGHT');
      return verdict;
    },

    /** Forgets keys older than the retention (the sweeper calls this). */
    async prune(): Promise<number> {
      const before = new Date(clock.now().getTime() - IDEMPOTENCY_RETENTION_MS);
      return (await db.query(`DELETE FROM sales_idempotency WHERE created_at < $1 RETURNING 1`, [before])).length;
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
