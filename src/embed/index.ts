/**
 * Embed: a shop's rooms inside other websites — the origins each shop allows (`embed_origins`),
 * the /embed/ROOM page framed only by them, and the header that says so (frame-ancestors).
 */
export { createEmbedOrigins, ORIGINS_CHANGED_TOPIC, type EmbedOriginsService } from './origins.service';
export { embedOriginsRoutes, embedPageRoutes, type EmbedPageDeps } from './embed.routes';
export { embedPolicy } from './frame-ancestors';
