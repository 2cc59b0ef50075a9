import type { Db } from '../platform/db/db.port';
import { isUniqueViolation } from '../platform/db/db.errors';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId, newSecret } from '../kernel/ids';
import { hashSecret } from '../kernel/secrets';
import type { User } from '../contracts/identity.schemas';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { publicUser, usersRepo } from './users.repo';
import { sessionsRepo, type SessionUserRow } from './sessions.repo';
import type { SessionCache } from './session-cache';

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  sessionTtlHours: number;
  sessions: SessionCache;
}

export interface NewSession {
  user: User;
  /** The session token: goes into the cookie and nowhere else. */
  token: string;
  expiresAt: Date;
}

/** Sign-up, login, logout and session lookup. */
export function createAccounts({ db, clock, sessionTtlHours, sessions }: AccountsDeps) {
  async function openSession(user: User): Promise<NewSession> {
    const token = newSecret();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + sessionTtlHours * 3_600_000);
    const hash = hashSecret(token);
    await sessionsRepo.insert(db, hash, user.id, expiresAt);
    // This node knows the session it just made: its first request here needs no read.
    sessions.set(hash, user, expiresAt.getTime());
    // Keep expired rows a week so an old cookie reads "expired", then forget them.
    await sessionsRepo.deleteExpiredBefore(db, user.id, new Date(now.getTime() - 7 * 86_400_000));
    return { user, token, expiresAt };
  }

  // Sessions not in the cache are read in batches: those asked for in one turn of the event loop
  // together, then those asked for while a read runs (at most 500 a statement). A flash sale's crowd arriving
  // on a node that has not seen them — its buyers' first attempts — costs a few statements, not one
  // each, and a buyer's parallel attempts wait for the same read. On PGlite, where statements run one
  // at a time on the event loop, that is most of what a refused attempt would wait for.
  const reading = new Map<string, Promise<SessionUserRow | undefined>>();
  let next: Map<string, { resolve(r: SessionUserRow | undefined): void; reject(err: unknown): void }> | undefined;
  let busy = false;

  async function readBatches(): Promise<void> {
    busy = true;
    try {
      while (next && next.size > 0) {
        const batch = new Map([...next].slice(0, 500));
        for (const hash of batch.keys()) next.delete(hash);
        try {
          const rows = new Map((await sessionsRepo.withUsers(db, [...batch.keys()])).map((r) => [r.tokenHash, r]));
          for (const [hash, waiting] of batch) waiting.resolve(rows.get(hash));
        } catch (err) {
          for (const waiting of batch.values()) waiting.reject(err);
        }
      }
    } finally {
      busy = false;
    }
  }

  function readSession(hash: string): Promise<SessionUserRow | undefined> {
    let r = reading.get(hash);
    if (!r) {
      r = new Promise<SessionUserRow | undefined>((resolve, reject) => (next ??= new Map()).set(hash, { resolve, reject })).finally(() => reading.delete(hash));
      reading.set(hash, r);
      // Started after the current turn of the event loop: the requests that arrived with this one join
      // its batch (PGlite answers within the turn, so "while a read runs" alone would gather none).
      if (!busy) {
        busy = true;
        setImmediate(() => void readBatches());
      }
    }
    return r;
  }

  return {
    async register(input: { email: string; password: string; displayName: string; isOperator?: boolean }): Promise<User> {
      const row = {
        id: newId(),
        email: input.email,
        displayName: input.displayName,
        isOperator: input.isOperator ?? false,
        passwordHash: await hashPassword(input.password),
      };
      try {
        await usersRepo.insert(db, row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('IDENTITY_EMAIL_TAKEN');
        throw err;
      }
      return publicUser(row);
    },

    async signup(input: { email: string; password: string; displayName: string }): Promise<NewSession> {
      return openSession(await this.register(input));
    },

    async login(email: string, password: string): Promise<NewSession> {
      const row = await usersRepo.byEmail(db, email);
      const valid = await verifyPassword(row?.passwordHash ?? (await decoyHash()), password);
      if (!row || !valid) throw new AppError('IDENTITY_INVALID_CREDENTIALS');
      return openSession(publicUser(row));
    },

    async logout(token: string): Promise<void> {
      const hash = hashSecret(token);
      await sessionsRepo.delete(db, hash);
      await sessions.end(hash);
    },

    /** The user behind a session token; throws for an unknown (forged) or expired one. */
    async userForSession(token: string): Promise<User> {
      const hash = hashSecret(token);
      const cached = sessions.get(hash);
      if (cached) {
        if (cached.expiresAt <= clock.now().getTime()) throw new AppError('IDENTITY_SESSION_EXPIRED');
        return cached.user;
      }
      // A session's account is deleted with it (ON DELETE CASCADE): no row, no session.
      const session = await readSession(hash);
      if (!session) throw new AppError('IDENTITY_UNAUTHENTICATED');
      if (session.expiresAt.getTime() <= clock.now().getTime()) throw new AppError('IDENTITY_SESSION_EXPIRED');
      const user: User = { id: session.userId, email: session.email, displayName: session.displayName, isOperator: session.isOperator };
      sessions.set(hash, user, session.expiresAt.getTime());
      return user;
    },

    /** The display names of these accounts, by id (other contexts name who did something). */
    async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
      return new Map((await usersRepo.displayNames(db, [...new Set(ids)])).map((u) => [u.id, u.displayName]));
    },

    /** Creates an operator, or makes an existing account one (with the new password). */
    async ensureOperator(input: { email: string; password: string; displayName: string }): Promise<User> {
      const existing = await usersRepo.byEmail(db, input.email);
      if (!existing) return this.register({ ...input, isOperator: true });
      await usersRepo.setOperator(db, existing.id, await hashPassword(input.password));
      return { ...publicUser(existing), isOperator: true };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
