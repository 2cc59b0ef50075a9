import { useTranslation } from 'react-i18next';
import type { ViewerIdentity } from '../../../../src/contracts/realtime.schemas';

/** Anonymous viewers carry only a short tag (`a:` ids); they show as "viewer <tag>" in the UI's language. */
export function useChatName(): (v: ViewerIdentity) => string {
  const { t } = useTranslation();
  return (v) => (v.id.startsWith('a:') ? t('chat.anonymous', { tag: v.name }) : v.name);
}
