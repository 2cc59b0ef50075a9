import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A read-only value with a copy button (the clipboard needs HTTPS or localhost; else select and copy). */
export function CopyField({ label, value, masked, testId }: { label: string; value: string; masked?: string; testId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="golive-field">
      <span className="field-label">{label}</span>
      <div className="golive-copy">
        <input readOnly className="mono" value={masked ?? value} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        {masked === undefined && (
          <button
            type="button"
            onClick={() =>
              navigator.clipboard.writeText(value).then(
                () => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                },
                () => {},
              )
            }
          >
            {copied ? t('golive.copied') : t('golive.copy')}
          </button>
        )}
      </div>
    </div>
  );
}
