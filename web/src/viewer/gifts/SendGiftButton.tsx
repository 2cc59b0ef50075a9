import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { sendGift, type SendGiftBody, type SentGift } from './gifts.api';
import { GiftSheet } from './GiftSheet';

/**
 * "Send as a gift": makes the gift of a coupon claim or a paid gift order (the same one again
 * answers the same gift, so pressing twice is harmless) and shows its sheet.
 */
export function SendGiftButton({ what, className = 'button' }: { what: SendGiftBody; className?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [gift, setGift] = useState<SentGift | null>(null);
  if (gift) return <GiftSheet gift={gift} onClose={() => setGift(null)} />;
  return (
    <span className="send-gift">
      <button type="button" className={className} disabled={submit.pending} onClick={() => void submit.run(async () => setGift(await sendGift(what)))} data-testid="send-gift">
        {t('gifts.send')}
      </button>
      {submit.error !== null && <span role="alert" className="field-invalid">{errorText(submit.error)}</span>}
    </span>
  );
}
