import type {} from '@fastify/cookie'; // augments reply.setCookie
import type {} from '@fastify/rate-limit'; // augments route config.rateLimit
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../kernel/app-error';
import * as c from '../contracts/identity.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Accounts, NewSession } from './accounts.service';
import type { ApiKeys } from './api-keys.service';
import type { Shops } from './shops.service';
import { SESSION_COOKIE, type Access } from './access';
import type { LoginFailures } from './login-failures';

export interface IdentityRoutesDeps {
  accounts: Accounts;
  shops: Shops;
  apiKeys: ApiKeys;
  access: Access;
  secureCookies: boolean;
  /** Failed attempts per email and address in the window, before IDENTITY_LOGIN_RATE_LIMITED. */
  loginMaxAttempts: number;
  /** Where failed logins are counted (shared between nodes when Redis is configured). */
  loginFailures: LoginFailures;
}

const LOGIN_WINDOW_MS = 15 * 60_000;

const tags = ['identity'];
const noContent = { 204: z.null().describe('No content') };

export const identityRoutes: FastifyPluginAsyncZod<IdentityRoutesDeps> = async (app, deps) => {
  const { accounts, shops, apiKeys, access } = deps;

  const setSession = (reply: FastifyReply, session: NewSession) =>
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });

  // Sign-ups: every attempt counts, per address.
  const signupLimit = {
    max: deps.loginMaxAttempts * 10,
    timeWindow: '15 minutes',
    hook: 'preHandler' as const,
    keyGenerator: (req: { ip: string }) => `login-ip:${req.ip}`,
    errorResponseBuilder: () => new AppError('IDENTITY_LOGIN_RATE_LIMITED'),
  };

  // Logins: only failures count (login-failures.ts), per email and address and per address.
  const loginKeys = (ip: string, email: string) => [
    { key: `login:${ip}:${email}`, max: deps.loginMaxAttempts },
    { key: `login-ip:${ip}`, max: deps.loginMaxAttempts * 10 },
  ];
  // The store unreachable (Redis down): logins go through unlimited rather than failing for everyone.
  const tolerant = async <T>(what: Promise<T>, fallback: T, log: { warn: (o: object, m: string) => void }): Promise<T> => {
    try {
      return await what;
    } catch (err) {
      log.warn({ err }, 'login failure store unreachable');
      return fallback;
    }
  };

  app.post(
    '/auth/signup',
    {
      schema: { tags, summary: 'Create an account and log in', body: c.signupBody, response: { 201: c.userAnswer } },
      config: { rateLimit: signupLimit },
    },
    async (req, reply) => {
      const session = await accounts.signup(req.body);
      setSession(reply, session).code(201);
      return { user: session.user };
    },
  );

  app.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Log in; sets the session cookie', body: c.loginBody, response: { 200: c.userAnswer } },
    },
    async (req, reply) => {
      const keys = loginKeys(req.ip, req.body.email);
      const taken = await tolerant(Promise.all(keys.map((k) => deps.loginFailures.take(k.key, LOGIN_WINDOW_MS))), [], req.log);
      if (keys.some((k, i) => (taken[i] ?? 0) > k.max)) throw new AppError('IDENTITY_LOGIN_RATE_LIMITED');
      let session: NewSession;
      try {
        session = await accounts.login(req.body.email, req.body.password);
      } catch (err) {
        // Only a wrong password keeps its attempt; anything else (the database down) gives it back.
        if (!(err instanceof AppError && err.code === 'IDENTITY_INVALID_CREDENTIALS') && taken.length)
          await tolerant(Promise.all(keys.map((k) => deps.loginFailures.giveBack(k.key))), [], req.log);
        throw err;
      }
      if (taken.length) await tolerant(Promise.all(keys.map((k) => deps.loginFailures.giveBack(k.key))), [], req.log);
      setSession(reply, session);
      return { user: session.user };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: 'Log out', response: noContent } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await accounts.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204);
    return null;
  });

  app.get(
    '/me',
    { schema: { tags, summary: 'The logged-in account and its shops; `user: null` for a visitor not logged in', response: { 200: c.meAnswer } } },
    async (req) => {
      // No credential: an anonymous visitor. A presented but bad one is still refused (see Access).
      if (!(await access.optionalActor(req))) return { user: null, memberships: [] };
      const user = await access.user(req);
      return { user, memberships: await shops.membershipsOf(user.id) };
    },
  );

  app.post(
    '/shops',
    { schema: { tags, summary: 'Open a shop; the caller becomes its owner', body: c.createShopBody, response: { 201: c.shopAnswer } } },
    async (req, reply) => {
      const user = await access.user(req);
      reply.code(201);
      return { shop: await shops.create(user.id, req.body) };
    },
  );

  app.get(
    '/shops/:shopId',
    { schema: { tags, summary: 'A shop', params: c.shopParams, response: { 200: c.shopAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'shop.read');
      return { shop: await shops.get(req.params.shopId) };
    },
  );

  app.get(
    '/shops/:shopId/members',
    { schema: { tags, summary: "A shop's members, longest-standing first, a page at a time", params: c.shopParams, querystring: pageQuery, response: { 200: c.membersAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'shop.read');
      const { items, next } = await shops.members(req.params.shopId, req.query);
      return { members: items, next };
    },
  );

  app.post(
    '/shops/:shopId/members',
    {
      schema: {
        tags,
        summary: 'Add an account to the shop, or change its role',
        params: c.shopParams,
        body: c.addMemberBody,
        response: { 201: c.memberAnswer },
      },
    },
    async (req, reply) => {
      await access.shop(req, req.params.shopId, 'members.manage');
      reply.code(201);
      return { member: await shops.setMember(req.params.shopId, req.body.email, req.body.role) };
    },
  );

  app.delete(
    '/shops/:shopId/members/:userId',
    { schema: { tags, summary: 'Remove a member', params: c.memberParams, response: noContent } },
    async (req, reply) => {
      await access.shop(req, req.params.shopId, 'members.manage');
      await shops.removeMember(req.params.shopId, req.params.userId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/shops/:shopId/api-keys',
    { schema: { tags, summary: "A shop's API keys (never their secrets), newest first, a page at a time", params: c.shopParams, querystring: pageQuery, response: { 200: c.apiKeysAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'apiKeys.manage');
      const { items, next } = await apiKeys.list(req.params.shopId, req.query);
      return { apiKeys: items, next };
    },
  );

  app.post(
    '/shops/:shopId/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key; its secret is in this answer only',
        params: c.shopParams,
        body: c.createApiKeyBody,
        response: { 201: c.createdApiKeyAnswer },
      },
    },
    async (req, reply) => {
      const scope = await access.shop(req, req.params.shopId, 'apiKeys.manage');
      const createdBy = scope.actor.kind === 'user' ? scope.actor.user.id : '';
      reply.code(201);
      return apiKeys.create(req.params.shopId, req.body, createdBy);
    },
  );

  app.delete(
    '/shops/:shopId/api-keys/:keyId',
    { schema: { tags, summary: 'Revoke an API key', params: c.apiKeyParams, response: noContent } },
    async (req, reply) => {
      await access.shop(req, req.params.shopId, 'apiKeys.manage');
      await apiKeys.revoke(req.params.shopId, req.params.keyId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/ops/shops',
    { schema: { tags: ['ops'], summary: 'Every shop, oldest first, a page at a time (operator)', querystring: pageQuery, response: { 200: c.shopsAnswer } } },
    async (req) => {
      await access.operator(req);
      const { items, next } = await shops.page(req.query);
      return { shops: items, next };
    },
  );
};
