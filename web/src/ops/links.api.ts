import {
  hostAuditAnswer, linkPolicyAnswer, policyAuditAnswer, shareChannelPolicyAnswer, verifiedHostAnswer, verifiedHostsAnswer, type LinkMode, type LinkScene, type Marketplace,
} from '../../../src/contracts/links.schemas';
import type { ShareChannel } from '../../../src/contracts/shares.schemas';
import { api } from '../api/client';
import { withCursor } from '../api/use-pages';

export const getLinkPolicy = async (signal: AbortSignal) => (await api.get('/api/v1/ops/link-policy', linkPolicyAnswer, signal)).rules;

export const setLinkPolicy = async (body: { marketplace: Marketplace; scene: LinkScene; mode: LinkMode }) =>
  (await api.post('/api/v1/ops/link-policy', body, linkPolicyAnswer)).rules;

export const getPolicyAudit = async (after: string | undefined, signal: AbortSignal) => {
  const { entries, next } = await api.get(withCursor('/api/v1/ops/link-policy/audit', after), policyAuditAnswer, signal);
  return { items: entries, next };
};

export const getVerifiedHosts = async (after: string | undefined, signal: AbortSignal) => {
  const { hosts, next } = await api.get(withCursor('/api/v1/ops/link-hosts', after), verifiedHostsAnswer, signal);
  return { items: hosts, next };
};

export const verifyHost = async (host: string) => api.post('/api/v1/ops/link-hosts', { host }, verifiedHostAnswer);

export const withdrawHost = async (host: string) => api.delete(`/api/v1/ops/link-hosts/${encodeURIComponent(host)}`);

export const getHostAudit = async (after: string | undefined, signal: AbortSignal) => {
  const { entries, next } = await api.get(withCursor('/api/v1/ops/link-hosts/audit', after), hostAuditAnswer, signal);
  return { items: entries, next };
};

export const getShareChannelPolicy = async (signal: AbortSignal) =>
  (await api.get('/api/v1/ops/link-policy/share-channels', shareChannelPolicyAnswer, signal)).rules;

/** `mode: null`: the channel follows the share scene again. */
export const setShareChannelPolicy = async (body: { marketplace: Marketplace; channel: ShareChannel; mode: LinkMode | null }) =>
  (await api.post('/api/v1/ops/link-policy/share-channels', body, shareChannelPolicyAnswer)).rules;
