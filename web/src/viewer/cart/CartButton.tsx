import { useTranslation } from 'react-i18next';

/** The cart bag (小黄车) with its count, in the room's input row. */
export function CartButton({ count, open, onClick }: { count: number; open: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-round roomcart-button" aria-expanded={open} aria-label={t('cart.openWithCount', { n: count })} onClick={onClick}>
      <svg className="roomcart-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 7h12l1 13H5L6 7z" fill="currentColor" />
        <path d="M9 9V6a3 3 0 0 1 6 0v3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span className="roomcart-count" data-testid="cart-count">
        {count}
      </span>
    </button>
  );
}
