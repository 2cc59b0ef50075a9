import { linkPolicyAnswer, policyAuditAnswer, type LinkMode, type LinkScene, type Marketplace } from '../../../src/contracts/links.schemas';
import { api } from '../api/client';

export const getLinkPolicy = async (signal: AbortSignal) => (await api.get('/api/v1/ops/link-policy', linkPolicyAnswer, signal)).rules;

export const setLinkPolicy = async (body: { marketplace: Marketplace; scene: LinkScene; mode: LinkMode }) =>
  (await api.post('/api/v1/ops/link-policy', body, linkPolicyAnswer)).rules;

export const getPolicyAudit = async (signal: AbortSignal) => (await api.get('/api/v1/ops/link-policy/audit?limit=100', policyAuditAnswer, signal)).entries;
