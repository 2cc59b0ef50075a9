import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/links.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import type { LinkPolicyService } from './policy.service';

const tags = ['links'];

/** The operator's link policy and its audit log (under /api/v1/ops). */
export const linkPolicyRoutes: FastifyPluginAsyncZod<{ policy: LinkPolicyService; access: Access }> = async (app, { policy, access }) => {
  app.get(
    '/ops/link-policy',
    { schema: { tags, summary: 'The link policy: a mode per marketplace and scene', response: { 200: c.linkPolicyAnswer } } },
    async (req) => {
      await access.operator(req);
      return { rules: await policy.rules() };
    },
  );

  app.post(
    '/ops/link-policy',
    {
      schema: {
        tags,
        summary: 'Set one marketplace × scene to link, token or hidden (audited; live rooms follow at once)',
        body: c.setPolicyBody,
        response: { 200: c.linkPolicyAnswer },
      },
    },
    async (req) => {
      const operator = await access.operator(req);
      await policy.set({ id: operator.id, name: operator.displayName }, req.body.marketplace, req.body.scene, req.body.mode);
      return { rules: await policy.rules() };
    },
  );

  app.get(
    '/ops/link-policy/share-channels',
    {
      schema: {
        tags, summary: "Each share channel's own mode for a marketplace's shared listings (null: as the share scene)",
        response: { 200: c.shareChannelPolicyAnswer },
      },
    },
    async (req) => {
      await access.operator(req);
      return { rules: await policy.shareChannelRules() };
    },
  );

  app.post(
    '/ops/link-policy/share-channels',
    {
      schema: {
        tags,
        summary: 'Give one marketplace × share channel its own mode, or null to follow the share scene again (audited; applies to shares already made)',
        body: c.setShareChannelBody,
        response: { 200: c.shareChannelPolicyAnswer },
      },
    },
    async (req) => {
      const operator = await access.operator(req);
      await policy.setShareChannel({ id: operator.id, name: operator.displayName }, req.body.marketplace, req.body.channel, req.body.mode);
      return { rules: await policy.shareChannelRules() };
    },
  );

  app.get(
    '/ops/link-policy/audit',
    { schema: { tags, summary: 'Every policy change, newest first, a page at a time', querystring: pageQuery, response: { 200: c.policyAuditAnswer } } },
    async (req) => {
      await access.operator(req);
      return policy.audit(req.query);
    },
  );
};
