import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from './auth/LoginPage';
import { SignupPage } from './auth/SignupPage';
import { RequireOperator, RequireShopRole, RequireSignedIn } from './shell/guards';
import { HomePage } from './viewer/discover/HomePage';
import { ShopPage } from './viewer/discover/ShopPage';
import { Layout } from './shell/Layout';
import { NotFoundPage } from './shell/NotFoundPage';
import { Loading } from './shell/ui';
import { LiveRoomPage } from './viewer/LiveRoomPage';
import { ProductPage } from './viewer/product/ProductPage';

/** A page of an area most visitors never open (studio, admin, ops): its code loads on first visit. */
function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  // ComponentType<any>: what React's own lazy() accepts; the page keeps its props type through M[K].
  return lazy(async () => ({ default: (await load())[name] as M[K] & ComponentType<any> }));
}

const StudioPage = lazyPage(() => import('./studio/StudioPage'), 'StudioPage');
const ConsolePage = lazyPage(() => import('./studio/console/ConsolePage'), 'ConsolePage');
const ReportPage = lazyPage(() => import('./studio/analytics/ReportPage'), 'ReportPage');
const ShowsReportPage = lazyPage(() => import('./studio/analytics/ShowsReportPage'), 'ShowsReportPage');
const RoomRedirect = lazyPage(() => import('./studio/console/RoomRedirect'), 'RoomRedirect');
const AdminPage = lazyPage(() => import('./admin/AdminPage'), 'AdminPage');
const ProductsTab = lazyPage(() => import('./admin/ProductsTab'), 'ProductsTab');
const ListingsTab = lazyPage(() => import('./admin/ListingsTab'), 'ListingsTab');
const CommissionTab = lazyPage(() => import('./admin/CommissionTab'), 'CommissionTab');
const MembersTab = lazyPage(() => import('./admin/MembersTab'), 'MembersTab');
const ApiKeysTab = lazyPage(() => import('./admin/ApiKeysTab'), 'ApiKeysTab');
const EmbedTab = lazyPage(() => import('./admin/EmbedTab'), 'EmbedTab');
const SharesTab = lazyPage(() => import('./admin/SharesTab'), 'SharesTab');
const WebhooksTab = lazyPage(() => import('./admin/WebhooksTab'), 'WebhooksTab');
const OpsPage = lazyPage(() => import('./ops/OpsPage'), 'OpsPage');
// sales: the buyer's orders
const MyOrdersPage = lazyPage(() => import('./viewer/orders/MyOrdersPage'), 'MyOrdersPage');
const OrderPage = lazyPage(() => import('./viewer/orders/OrderPage'), 'OrderPage');
// sales: the merchant's tabs
const OrdersTab = lazyPage(() => import('./admin/sales/OrdersTab'), 'OrdersTab');
const StockTab = lazyPage(() => import('./admin/sales/StockTab'), 'StockTab');
const CouponsTab = lazyPage(() => import('./admin/sales/CouponsTab'), 'CouponsTab');
const PresalesTab = lazyPage(() => import('./admin/sales/PresalesTab'), 'PresalesTab');
const ShowSalesTab = lazyPage(() => import('./admin/sales/ShowSalesTab'), 'ShowSalesTab');
// gifts: the claim page, my gifts, my coupons
const ClaimGiftPage = lazyPage(() => import('./viewer/gifts/ClaimGiftPage'), 'ClaimGiftPage');
const MyGiftsPage = lazyPage(() => import('./viewer/gifts/MyGiftsPage'), 'MyGiftsPage');
const MyCouponsPage = lazyPage(() => import('./viewer/gifts/MyCouponsPage'), 'MyCouponsPage');
const EmbedPage = lazyPage(() => import('./embed/EmbedPage'), 'EmbedPage');

/**
 * Every route of the web app, by area. The server answers index.html for any of these paths
 * (SPA fallback), so each is also a deep link.
 */
export function createRouter() {
  return createBrowserRouter([
    // The room inside another site's frame (/embed/ROOM): no header around it.
    { path: 'embed/:slug', element: <Suspense fallback={<Loading />}><EmbedPage /></Suspense> },
    {
      element: <Layout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'login', element: <LoginPage /> },
        { path: 'signup', element: <SignupPage /> },
        // viewer: public
        { path: 'live/:slug', element: <LiveRoomPage /> },
        { path: 'shop/:slug', element: <ShopPage /> },
        { path: 'p/:productId', element: <ProductPage /> },
        // buyer: my orders (/orders/:id is where the payment provider sends the buyer back)
        { path: 'me', element: <RequireSignedIn><MyOrdersPage /></RequireSignedIn> },
        { path: 'me/orders/:orderId', element: <RequireSignedIn><OrderPage /></RequireSignedIn> },
        { path: 'orders/:orderId', element: <RequireSignedIn><OrderPage /></RequireSignedIn> },
        // gifts: a friend lands on /g/:code from the link, QR or token (logging in only to claim)
        { path: 'g/:code', element: <ClaimGiftPage /> },
        { path: 'me/gifts', element: <RequireSignedIn><MyGiftsPage /></RequireSignedIn> },
        { path: 'me/coupons', element: <RequireSignedIn><MyCouponsPage /></RequireSignedIn> },
        // host
        { path: 'studio', element: <RequireShopRole area="studio" render={(m) => <StudioPage membership={m} />} /> },
        { path: 'studio/rooms/:roomId', element: <RequireShopRole area="studio" render={(m) => <ConsolePage membership={m} />} /> },
        { path: 'studio/reports', element: <RequireShopRole area="studio" render={(m) => <ShowsReportPage membership={m} />} /> },
        { path: 'studio/reports/:showId', element: <RequireShopRole area="studio" render={(m) => <ReportPage membership={m} />} /> },
        // The three pages the console replaced, kept as links into it.
        { path: 'studio/rooms/:roomId/cart', element: <RequireShopRole area="studio" render={() => <RoomRedirect />} /> },
        { path: 'studio/rooms/:roomId/live', element: <RequireShopRole area="studio" render={() => <RoomRedirect />} /> },
        { path: 'studio/moderation/:slug', element: <RequireShopRole area="studio" render={() => <RoomRedirect />} /> },
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
            // sales
            { path: 'orders', element: <OrdersTab /> },
            { path: 'stock', element: <StockTab /> },
            { path: 'coupons', element: <CouponsTab /> },
            { path: 'presales', element: <PresalesTab /> },
            { path: 'shows', element: <ShowSalesTab /> },
            { path: 'embed', element: <EmbedTab /> },
            { path: 'shares', element: <SharesTab /> },
            { path: 'webhooks', element: <WebhooksTab /> },
          ],
        },
        // operator
        { path: 'ops', element: <RequireOperator><OpsPage /></RequireOperator> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
