import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { liveNumbers } from '../../../../src/contracts/realtime.schemas';
import { fetchLiveNumbers } from './moderation.api';

type Numbers = z.infer<typeof liveNumbers>;

/** Online, PCU, views, unique, likes and messages per minute, refreshed every 2 s. */
export function LiveNumbers({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const [numbers, setNumbers] = useState<Numbers>();
  useEffect(() => {
    const abort = new AbortController();
    const load = () =>
      fetchLiveNumbers(slug, abort.signal).then(
        (a) => setNumbers(a.numbers),
        () => {}, // a missed refresh shows the previous figures; the next one retries
      );
    void load();
    const timer = setInterval(load, 2000);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [slug]);

  const fmt = new Intl.NumberFormat(i18n.language);
  const items: [Exclude<keyof Numbers, 'chat'>, string][] = [
    ['online', t('moderation.numbers.online')],
    ['pcu', t('moderation.numbers.pcu')],
    ['views', t('moderation.numbers.views')],
    ['unique', t('moderation.numbers.unique')],
    ['likes', t('moderation.numbers.likes')],
    ['messagesPerMinute', t('moderation.numbers.messagesPerMinute')],
  ];
  return (
    <dl className="modnum">
      {items.map(([key, label]) => (
        <div key={key} className="modnum-item" data-testid={`num-${key}`}>
          <dt>{label}</dt>
          <dd>{numbers ? fmt.format(numbers[key]) : '–'}</dd>
        </div>
      ))}
    </dl>
  );
}
