import type { Db } from '../platform/db/db.port';
import { isUniqueViolation } from '../platform/db/db.errors';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId, newSecret } from '../kernel/ids';
import { hashSecret } from '../kernel/secrets';
import type { User } from '../contracts/identity.schemas';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { publicUser, usersRepo } from './users.repo';
import { sessionsRepo } from './sessions.repo';

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  sessionTtlHours: number;
}

export interface NewSession {
  user: User;
  /** The session token: goes into the cookie and nowhere else. */
  token: string;
  expiresAt: Date;
}

/** Sign-up, login, logout and session lookup. */
export function createAccounts({ db, clock, sessionTtlHours }: AccountsDeps) {
  async function openSession(user: User): Promise<NewSession> {
    const token = newSecret();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + sessionTtlHours * 3_600_000);
    await sessionsRepo.insert(db, hashSecret(token), user.id, expiresAt);
    // Keep expired rows a week so an old cookie reads "expired", then forget them.
    await sessionsRepo.deleteExpiredBefore(db, user.id, new Date(now.getTime() - 7 * 86_400_000));
    return { user, token, expiresAt };
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
      await sessionsRepo.delete(db, hashSecret(token));
    },

    /** The user behind a session token; throws for an unknown (forged) or expired one. */
    async userForSession(token: string): Promise<User> {
      const session = await sessionsRepo.byTokenHash(db, hashSecret(token));
      if (!session) throw new AppError('IDENTITY_UNAUTHENTICATED');
      if (session.expiresAt.getTime() <= clock.now().getTime()) throw new AppError('IDENTITY_SESSION_EXPIRED');
      const user = await usersRepo.byId(db, session.userId);
      if (!user) throw new AppError('IDENTITY_UNAUTHENTICATED');
      return publicUser(user);
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
