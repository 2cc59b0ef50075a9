/**
 * Media: the embedded RTMP ingest, HTTP-FLV and HLS playback, the ffmpeg packager and recorder,
 * and the hooks an external media server (nginx-rtmp, SRS) calls.
 */
export { createMedia, type Media } from './media.service';
export { createVideo, type Video } from './video';
export { mediaRoutes } from './media.routes';
export { playbackRoutes } from './playback.routes';
export { hooksRoutes } from './hooks.routes';
