import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createShowBody, type Show } from '../../../../src/contracts/media.schemas';
import { usePages } from '../../api/use-pages';
import { useErrorText } from '../../i18n/errors';
import { useFormat } from '../../shell/format';
import { checkForm, formValues, useSubmit } from '../../shell/forms';
import { ErrorNotice, Field, Loading, MoreButton, Table } from '../../shell/ui';
import { cancelShow, endShow, listShows, scheduleShow } from './golive.api';

const stateKey = { scheduled: 'golive.stateScheduled', live: 'golive.stateLive', ended: 'golive.stateEnded', cancelled: 'golive.stateCancelled' } as const;

/** Schedule a show (title, cover, start time: viewers see a countdown) and see the room's shows. */
export function ShowsCard({ shopId, roomId, refreshKey = '' }: { shopId: string; roomId: string; /** A change reloads the list (the stream went live or stopped). */ refreshKey?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const pages = usePages((after, signal) => listShows(shopId, roomId, after, signal), [shopId, roomId, refreshKey]);
  const { list: shows, reload } = pages;
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const when = v.scheduledAt ? new Date(v.scheduledAt) : null;
    const checked = checkForm(createShowBody, {
      title: v.title,
      scheduledAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : '',
      ...(v.coverUrl ? { coverUrl: v.coverUrl } : {}),
    });
    setInvalid(checked.ok ? new Set() : checked.invalid);
    if (!checked.ok) return;
    void run(async () => {
      await scheduleShow(shopId, roomId, checked.data);
      form.reset();
      reload();
    });
  };

  const when = (show: Show) => show.startedAt ?? show.scheduledAt;
  return (
    <section className="card">
      <h2>{t('golive.scheduleTitle')}</h2>
      <form className="form-row" onSubmit={onSubmit} noValidate>
        <Field label={t('golive.showTitle')} name="title" required maxLength={80}
          invalid={invalid.has('title') ? t('form.invalid.title') : undefined} />
        <Field label={t('golive.coverUrl')} name="coverUrl" type="url" maxLength={2000}
          invalid={invalid.has('coverUrl') ? t('golive.invalidCover') : undefined} />
        <Field label={t('golive.scheduledAt')} name="scheduledAt" type="datetime-local" required
          invalid={invalid.has('scheduledAt') ? t('golive.invalidTime') : undefined} />
        <button type="submit" disabled={pending}>
          {t('golive.scheduleSubmit')}
        </button>
        {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
      </form>
      <h3>{t('golive.shows')}</h3>
      {shows.status === 'loading' && <Loading />}
      {shows.status === 'error' && <ErrorNotice error={shows.error} onRetry={reload} />}
      {shows.status === 'ok' &&
        (shows.data.length === 0 ? (
          <p className="muted">{t('golive.noShows')}</p>
        ) : (
          <Table head={[t('golive.showTitle'), t('golive.state'), t('golive.when'), '']}>
            {shows.data.map((s) => (
              <tr key={s.id} data-state={s.state}>
                <td>{s.title}</td>
                <td>{t(stateKey[s.state])}</td>
                <td>{when(s) ? format.dateTime(when(s)!) : '—'}</td>
                <td>
                  {s.state === 'scheduled' && (
                    <button type="button" className="button-link" onClick={() => void run(async () => (await cancelShow(shopId, roomId, s.id), reload()))}>
                      {t('golive.cancel')}
                    </button>
                  )}
                  {s.state === 'live' && (
                    <button
                      type="button"
                      className="button-link"
                      title={t('golive.endHint')}
                      onClick={() => window.confirm(t('golive.endConfirm')) && void run(async () => (await endShow(shopId, roomId, s.id), reload()))}
                    >
                      {t('golive.end')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <MoreButton pages={pages} />
    </section>
  );
}
