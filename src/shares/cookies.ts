/** The browser's own random id: visits from one browser are one visitor, logged in or not. */
export const VISITOR_COOKIE = 'hutong_visitor';
/** The last share this browser came through, for crediting what it does next (HttpOnly). */
export const SHARE_COOKIE = 'hutong_share';
/**
 * Readable by the page (no secret in it): "this browser came through a share", so only such
 * browsers send the room page's signals and everyone else sends none.
 */
export const VIA_COOKIE = 'hutong_via';
