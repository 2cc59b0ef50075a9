import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useErrorText } from '../i18n/errors';
import { useSubmit } from '../shell/forms';
import { useSession } from '../shell/session';
import { safeNextPath } from './next-path';
import { landingFor } from './landing';
import { fetchMe, type Me } from '../shell/session.api';
import './auth.css';

interface AuthPageProps {
  title: string;
  submitLabel: string;
  /** Checks the form and returns the request to send, or null when a field was refused. */
  prepare: (form: HTMLFormElement) => (() => Promise<unknown>) | null;
  other: { to: '/login' | '/signup'; question: string; link: string };
  children: ReactNode;
}

/**
 * The frame shared by login and signup: on success the session is reloaded (the server set an
 * httpOnly cookie we cannot read) and the user goes back where they came from.
 */
export function AuthPage({ title, submitLabel, prepare, other, children }: AuthPageProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const { pending, error, run } = useSubmit();

  // A page they were sent from wins; from nowhere in particular, each role lands where it works.
  const destination = (me: Me | null) => (params.get('next') && next !== '/' ? next : landingFor(me));
  // Already logged in (e.g. the back button, or just now): nothing to do here.
  if (state.status === 'signedIn' && !pending) return <Navigate to={destination(state.me)} replace />;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const request = prepare(e.currentTarget);
    if (!request) return;
    void run(async () => {
      await request();
      const me = await fetchMe();
      await refresh();
      navigate(destination(me), { replace: true });
    });
  };

  const search = params.get('next') ? `?next=${encodeURIComponent(next)}` : '';
  return (
    <section className="auth card">
      <h1>{title}</h1>
      <form className="stack" onSubmit={onSubmit} noValidate>
        {children}
        {error !== null && (
          <p className="form-error" role="alert">
            {errorText(error)}
          </p>
        )}
        <button type="submit" className="button-block" disabled={pending}>
          {pending ? t('auth.submitting') : submitLabel}
        </button>
      </form>
      <p className="muted">
        {other.question} <Link to={`${other.to}${search}`}>{other.link}</Link>
      </p>
    </section>
  );
}
