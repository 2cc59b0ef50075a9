import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from './auth/LoginPage';
import { SignupPage } from './auth/SignupPage';
import { RequireOperator, RequireShopRole } from './shell/guards';
import { HomePage } from './shell/HomePage';
import { Layout } from './shell/Layout';
import { NotFoundPage } from './shell/NotFoundPage';
import { LiveRoomPage } from './viewer/LiveRoomPage';

/** A page of an area most visitors never open (studio, admin, ops): its code loads on first visit. */
function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  // ComponentType<any>: what React's own lazy() accepts; the page keeps its props type through M[K].
  return lazy(async () => ({ default: (await load())[name] as M[K] & ComponentType<any> }));
}

const StudioPage = lazyPage(() => import('./studio/StudioPage'), 'StudioPage');
const StudioCartPage = lazyPage(() => import('./studio/cart/StudioCartPage'), 'StudioCartPage');
const GoLivePage = lazyPage(() => import('./studio/golive/GoLivePage'), 'GoLivePage');
const ModerationPage = lazyPage(() => import('./studio/moderation/ModerationPage'), 'ModerationPage');
const AdminPage = lazyPage(() => import('./admin/AdminPage'), 'AdminPage');
const ProductsTab = lazyPage(() => import('./admin/ProductsTab'), 'ProductsTab');
const ListingsTab = lazyPage(() => import('./admin/ListingsTab'), 'ListingsTab');
const CommissionTab = lazyPage(() => import('./admin/CommissionTab'), 'CommissionTab');
const MembersTab = lazyPage(() => import('./admin/MembersTab'), 'MembersTab');
const ApiKeysTab = lazyPage(() => import('./admin/ApiKeysTab'), 'ApiKeysTab');
const OpsPage = lazyPage(() => import('./ops/OpsPage'), 'OpsPage');

/**
 * Every route of the web app, by area. The server answers index.html for any of these paths
 * (SPA fallback), so each is also a deep link.
 */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'login', element: <LoginPage /> },
        { path: 'signup', element: <SignupPage /> },
        // viewer: public
        { path: 'live/:slug', element: <LiveRoomPage /> },
        // host
        { path: 'studio', element: <RequireShopRole area="studio" render={(m) => <StudioPage membership={m} />} /> },
        { path: 'studio/rooms/:roomId/cart', element: <RequireShopRole area="studio" render={(m) => <StudioCartPage membership={m} />} /> },
        { path: 'studio/rooms/:roomId/live', element: <RequireShopRole area="studio" render={(m) => <GoLivePage membership={m} />} /> },
        { path: 'studio/moderation/:slug', element: <RequireShopRole area="studio" render={(m) => <ModerationPage membership={m} />} /> },
        // merchant
        {
          path: 'admin',
          element: <RequireShopRole area="admin" render={(m) => <AdminPage membership={m} />} />,
          children: [
            { index: true, element: <ProductsTab /> },
            { path: 'listings', element: <ListingsTab /> },
            { path: 'commission', element: <CommissionTab /> },
            { path: 'members', element: <MembersTab /> },
            { path: 'api-keys', element: <ApiKeysTab /> },
          ],
        },
        // operator
        { path: 'ops', element: <RequireOperator><OpsPage /></RequireOperator> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
