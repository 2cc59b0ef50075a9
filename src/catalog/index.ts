/** Catalog: a shop's products (SKUs and external listings arrive with the room-cart work). */
export { createProducts, type Products } from './products.service';
export { productsRoutes } from './products.routes';
