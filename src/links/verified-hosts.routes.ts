import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/links.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import type { VerifiedHosts } from './verified-hosts.service';

const tags = ['links'];

/** The operator's verified hosts ("other" links to them skip the leaving page) and their audit (under /api/v1/ops). */
export const verifiedHostsRoutes: FastifyPluginAsyncZod<{ hosts: VerifiedHosts; access: Access }> = async (app, { hosts, access }) => {
  app.get(
    '/ops/link-hosts',
    { schema: { tags, summary: 'Verified hosts, alphabetical, a page at a time', querystring: pageQuery, response: { 200: c.verifiedHostsAnswer } } },
    async (req) => {
      await access.operator(req);
      return hosts.list(req.query);
    },
  );

  app.post(
    '/ops/link-hosts',
    {
      schema: {
        tags,
        summary: 'Verify a host (or the host of a URL): click-outs to it redirect without the leaving page (audited)',
        body: c.verifyHostBody,
        response: { 200: c.verifiedHostAnswer },
      },
    },
    async (req) => {
      const operator = await access.operator(req);
      return hosts.verify({ id: operator.id, name: operator.displayName }, req.body.host);
    },
  );

  app.delete(
    '/ops/link-hosts/:host',
    {
      schema: { tags, summary: 'Withdraw a verification: click-outs to the host show the leaving page again (audited)', params: z.object({ host: c.hostParam }), response: { 200: c.verifiedHostAnswer } },
    },
    async (req) => {
      const operator = await access.operator(req);
      return hosts.withdraw({ id: operator.id, name: operator.displayName }, req.params.host);
    },
  );

  app.get(
    '/ops/link-hosts/audit',
    { schema: { tags, summary: 'Every verification and withdrawal, newest first, a page at a time', querystring: pageQuery, response: { 200: c.hostAuditAnswer } } },
    async (req) => {
      await access.operator(req);
      return hosts.audit(req.query);
    },
  );
};
