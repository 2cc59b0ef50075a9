import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/errors';

/** Small shared pieces of UI. Anything area-specific lives in its area's folder. */

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('shell.loading')}
    </p>
  );
}

/** A failure, translated by its code; `onRetry` offers to try again. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="notice notice-error" role="alert">
      <span>{errorText(error)}</span>
      {onRetry && (
        <button type="button" className="button-link" onClick={onRetry}>
          {t('shell.retry')}
        </button>
      )}
    </div>
  );
}

/** A page-level message: not found, no access, nothing here yet. */
export function Message({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="message card">
      <h1>{title}</h1>
      {children}
    </section>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  /** Translated text when the value was refused, shown under the input. */
  invalid?: string | undefined;
  /** Translated rule shown under the input while the value is not refused (e.g. the password rule). */
  hint?: string | undefined;
}

export function Field({ label, name, invalid, hint, ...input }: FieldProps) {
  const hintId = `${name}-hint`;
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input name={name} aria-invalid={invalid ? true : undefined} aria-describedby={invalid || hint ? hintId : undefined} {...input} />
      {invalid ? (
        <span className="field-invalid" id={hintId}>
          {invalid}
        </span>
      ) : (
        hint && (
          <span className="field-hint" id={hintId}>
            {hint}
          </span>
        )
      )}
    </label>
  );
}

/** A column heading; `num` right-aligns it over numbers, which are right-aligned too. */
export type Column = string | { text: string; num: true };

export function Table({ head, children }: { head: readonly Column[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {head.map((col, i) =>
              typeof col === 'string' ? <th key={i}>{col}</th> : <th key={i} className="num">{col.text}</th>,
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Under a paged list: "more" while the server has more, with its own loading and failure. */
export function MoreButton({ pages }: { pages: { hasMore: boolean; loadingMore: boolean; moreError: unknown; more(): void } }) {
  const { t } = useTranslation();
  if (!pages.hasMore) return null;
  return (
    <div className="more">
      {pages.moreError !== null && <ErrorNotice error={pages.moreError} />}
      <button type="button" className="button-secondary" disabled={pages.loadingMore} onClick={pages.more} data-testid="more">
        {pages.loadingMore ? t('shell.loading') : t('shell.more')}
      </button>
    </div>
  );
}
