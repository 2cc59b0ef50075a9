import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { ErrorNotice, Loading } from '../../shell/ui';
import { fetchBannedWords, saveBannedWords } from './moderation.api';

/** The shop's banned words, one per line; applied on top of the operator's list in every room of the shop. */
export function BannedWordsForm({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [words, reload] = useResource((signal) => fetchBannedWords(shopId, signal), [shopId]);
  const [text, setText] = useState('');
  const [state, setState] = useState<{ saved?: boolean; error?: string }>({});

  useEffect(() => {
    if (words.status === 'ok') setText(words.data.join('\n'));
  }, [words]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const saved = await saveBannedWords(shopId, text.split(/[\n,，]/).map((w) => w.trim()).filter(Boolean));
      setText(saved.join('\n'));
      setState({ saved: true });
    } catch (err) {
      setState({ error: errorText(err) });
    }
  }

  if (words.status === 'loading') return <Loading />;
  if (words.status === 'error') return <ErrorNotice error={words.error} onRetry={reload} />;
  return (
    <form className="modform modwords" onSubmit={submit}>
      <p className="muted">{t('moderation.wordsHelp')}</p>
      <textarea name="bannedWords" rows={5} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('moderation.wordsTitle')} />
      <button type="submit">{t('moderation.wordsSave')}</button>
      {state.saved && <span role="status">{t('moderation.wordsSaved')}</span>}
      {state.error && <span role="alert">{state.error}</span>}
    </form>
  );
}
