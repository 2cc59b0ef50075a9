import type {} from '@fastify/cookie'; // augments reply.setCookie
import type {} from '@fastify/rate-limit'; // augments route config.rateLimit
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../kernel/app-error';
import * as c from '../contracts/identity.schemas';
import type { Accounts, NewSession } from './accounts.service';
import type { ApiKeys } from './api-keys.service';
import type { Shops } from './shops.service';
import { SESSION_COOKIE, type Access } from './access';

export interface IdentityRoutesDeps {
  accounts: Accounts;
  shops: Shops;
  apiKeys: ApiKeys;
  access: Access;
  secureCookies: boolean;
  /** Attempts per email and address in the window, before IDENTITY_LOGIN_RATE_LIMITED. */
  loginMaxAttempts: number;
}

const tags = ['identity'];
const noContent = { 204: z.null().describe('No content') };

export const identityRoutes: FastifyPluginAsyncZod<IdentityRoutesDeps> = async (app, deps) => {
  const { accounts, shops, apiKeys, access } = deps;

  const setSession = (reply: FastifyReply, s: NewSession) =>
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      path: '/',
      expires: s.expiresAt,
    });

  // Counted per email and address (a guesser cannot lock out an account from elsewhere),
  // and per address across emails, so one client cannot spray many accounts either.
  const loginLimit = (perEmail: boolean) => ({
    max: perEmail ? deps.loginMaxAttempts : deps.loginMaxAttempts * 10,
    timeWindow: '15 minutes',
    hook: 'preHandler' as const,
    keyGenerator: (req: { ip: string; body: unknown }) =>
      perEmail ? `login:${req.ip}:${(req.body as { email?: string }).email ?? ''}` : `login-ip:${req.ip}`,
    errorResponseBuilder: () => new AppError('IDENTITY_LOGIN_RATE_LIMITED'),
  });

  app.post(
    '/auth/signup',
    {
      schema: { tags, summary: 'Create an account and log in', body: c.signupBody, response: { 201: c.userAnswer } },
      config: { rateLimit: loginLimit(false) },
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
      config: { rateLimit: loginLimit(true) },
    },
    async (req, reply) => {
      const session = await accounts.login(req.body.email, req.body.password);
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

  app.get('/me', { schema: { tags, summary: 'The logged-in account and its shops', response: { 200: c.meAnswer } } }, async (req) => {
    const user = await access.user(req);
    return { user, memberships: await shops.membershipsOf(user.id) };
  });

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
    { schema: { tags, summary: "A shop's members", params: c.shopParams, response: { 200: c.membersAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'shop.read');
      return { members: await shops.members(req.params.shopId) };
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
    { schema: { tags, summary: "A shop's API keys (never their secrets)", params: c.shopParams, response: { 200: c.apiKeysAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'apiKeys.manage');
      return { apiKeys: await apiKeys.list(req.params.shopId) };
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
      return apiKeys.create(req.params.shopId, req.body.name, createdBy);
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

  app.get('/ops/shops', { schema: { tags: ['ops'], summary: 'Every shop (operator)', response: { 200: c.shopsAnswer } } }, async (req) => {
    await access.operator(req);
    return { shops: await shops.all() };
  });
};
