/**
 * Links: URL recognisers (marketplace + item id + canonical link, as data), the operator's link
 * policy per marketplace × scene with its audit log, chat link masking, and click-out /go/CODE.
 * Share tokens, QR codes and claims arrive with the interconnection work and use `decide()`.
 */
export { recognise, recognisers, isSafeTarget, MAX_URL_LENGTH, type Recognised, type Recognition, type RefusalReason } from './recognisers';
export { recogniseOrThrow } from './errors';
export { decide, maskLinks, openPolicy, policyFrom, HIDDEN_LINK_MARK, chatToken, type MaskedText } from './policy';
export { createLinkPolicy, POLICY_TOPIC, type LinkPolicyService, type PolicyChange, type PolicyRule, type ShareChannelRule } from './policy.service';
export { createClickOut, type ClickOut, type ClickTarget, type ClickRecord, type Resolution, type RoomClick } from './clickout.service';
export { createVerifiedHosts, type VerifiedHosts } from './verified-hosts.service';
export { isPrivateHost } from './host-safety';
export { linkPolicyRoutes } from './links.routes';
export { verifiedHostsRoutes } from './verified-hosts.routes';
export { goRoutes } from './go.routes';
