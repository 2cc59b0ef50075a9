// Tokens and the base styles first: every area's styles (imported beside its components) build on them.
import './tokens.css';
import './shell/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { createI18n } from './i18n/i18n';
import { createRouter } from './routes';
import { SessionProvider } from './shell/session';

// The composition root of the web app: one i18n instance, one session, one router.
const i18n = await createI18n();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <RouterProvider router={createRouter()} />
      </SessionProvider>
    </I18nextProvider>
  </StrictMode>,
);
