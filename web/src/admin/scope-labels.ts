import type { ApiKeyScope } from '../../../src/contracts/identity.schemas';

/** A scope's translation key: i18next reads ':' as a namespace separator, so `catalog:read` → `catalogRead`. */
export const scopeKey = (scope: ApiKeyScope) =>
  `admin.apiKeys.scope.${scope.replace(/:(\w)/, (_, c: string) => c.toUpperCase())}` as `admin.apiKeys.scope.${'catalogRead' | 'catalogWrite' | 'liveRead' | 'liveWrite' | 'salesRead' | 'salesWrite' | 'webhooks'}`;
