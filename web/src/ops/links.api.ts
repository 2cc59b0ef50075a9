import { typed } from '../api/client';
import { sdk, type Body } from '../api/sdk';

/** The operator's link policy (docs/links.md): the rules, the verified hosts, and both audits. */

export const getLinkPolicy = async (signal: AbortSignal) => (await typed(sdk.GET('/api/v1/ops/link-policy', { signal }), signal)).rules;

export const setLinkPolicy = async (body: Body<'/api/v1/ops/link-policy', 'post'>) =>
  (await typed(sdk.POST('/api/v1/ops/link-policy', { body }))).rules;

export const getPolicyAudit = async (after: string | undefined, signal: AbortSignal) => {
  const { entries, next } = await typed(sdk.GET('/api/v1/ops/link-policy/audit', { params: { query: { after } }, signal }), signal);
  return { items: entries, next };
};

export const getVerifiedHosts = async (after: string | undefined, signal: AbortSignal) => {
  const { hosts, next } = await typed(sdk.GET('/api/v1/ops/link-hosts', { params: { query: { after } }, signal }), signal);
  return { items: hosts, next };
};

export const verifyHost = (host: string) => typed(sdk.POST('/api/v1/ops/link-hosts', { body: { host } }));

export const withdrawHost = async (host: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/ops/link-hosts/{host}', { params: { path: { host } } }));
};

export const getHostAudit = async (after: string | undefined, signal: AbortSignal) => {
  const { entries, next } = await typed(sdk.GET('/api/v1/ops/link-hosts/audit', { params: { query: { after } }, signal }), signal);
  return { items: entries, next };
};

export const getShareChannelPolicy = async (signal: AbortSignal) =>
  (await typed(sdk.GET('/api/v1/ops/link-policy/share-channels', { signal }), signal)).rules;

/** `mode: null`: the channel follows the share scene again. */
export const setShareChannelPolicy = async (body: Body<'/api/v1/ops/link-policy/share-channels', 'post'>) =>
  (await typed(sdk.POST('/api/v1/ops/link-policy/share-channels', { body }))).rules;
