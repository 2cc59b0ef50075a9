import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { ErrorNotice } from '../../shell/ui';
import { fetchShows, type ShowList, type ShowCard } from './discover.api';
import { ShowCardView } from './ShowCardView';

/**
 * One list of shows as a shelf of cards (live now, upcoming, replays), all shops' or some shops'.
 * An empty shelf says so in `empty`; `followed` marks the cards of shops the viewer follows.
 */
export function ShowShelf({ list, title, empty, shops, followed }: { list: ShowList; title: string; empty: ReactNode; shops?: string[]; followed?: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const [page, reload] = useResource((signal) => fetchShows(list, { limit: 24, ...(shops ? { shops } : {}) }, signal), [list, shops?.join(',')]);
  const cards: ShowCard[] = page.status === 'ok' ? page.data.shows : [];
  // Followed shops' shows first, as the viewer came for them.
  const sorted = followed ? [...cards].sort((a, b) => Number(followed.has(b.shop.slug)) - Number(followed.has(a.shop.slug))) : cards;
  return (
    <section className="shelf" data-list={list} aria-label={title}>
      <h2>{title}</h2>
      {page.status === 'error' && <ErrorNotice error={page.error} onRetry={reload} />}
      {page.status === 'loading' && <p className="muted">{t('shell.loading')}</p>}
      {page.status === 'ok' && cards.length === 0 && <p className="muted">{empty}</p>}
      {cards.length > 0 && (
        <ul className="shelf-cards">
          {sorted.map((card) => (
            <ShowCardView key={card.show.id} card={card} followed={followed?.has(card.shop.slug) ?? false} />
          ))}
        </ul>
      )}
    </section>
  );
}
