import { createBrowserRouter } from 'react-router-dom';
import { AdminPage } from './admin/AdminPage';
import { ApiKeysTab } from './admin/ApiKeysTab';
import { MembersTab } from './admin/MembersTab';
import { ProductsTab } from './admin/ProductsTab';
import { LoginPage } from './auth/LoginPage';
import { SignupPage } from './auth/SignupPage';
import { OpsPage } from './ops/OpsPage';
import { RequireOperator, RequireShopRole } from './shell/guards';
import { HomePage } from './shell/HomePage';
import { Layout } from './shell/Layout';
import { NotFoundPage } from './shell/NotFoundPage';
import { StudioPage } from './studio/StudioPage';
import { StudioCartPage } from './studio/cart/StudioCartPage';
import { CommissionTab } from './admin/CommissionTab';
import { ListingsTab } from './admin/ListingsTab';
import { GoLivePage } from './studio/golive/GoLivePage';
import { ModerationPage } from './studio/moderation/ModerationPage';
import { LiveRoomPage } from './viewer/LiveRoomPage';

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
