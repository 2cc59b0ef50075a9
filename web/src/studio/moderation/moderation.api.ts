import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';

export type LiveNumbers = Answer<'/api/v1/rooms/{slug}/live-numbers'>;

const room = (slug: string) => ({ path: { slug } });

export const fetchLiveNumbers = (slug: string, signal?: AbortSignal) =>
  typed(sdk.GET('/api/v1/rooms/{slug}/live-numbers', { params: room(slug), signal }), signal);
export const deleteMessage = async (slug: string, messageId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/rooms/{slug}/chat/{messageId}', { params: { path: { slug, messageId } } }));
};
export const muteViewer = (slug: string, viewerId: string, minutes: number) =>
  typed(sdk.POST('/api/v1/rooms/{slug}/mutes', { params: room(slug), body: { viewerId, minutes } }));
export const banViewer = (slug: string, viewerId: string) => typed(sdk.POST('/api/v1/rooms/{slug}/bans', { params: room(slug), body: { viewerId } }));
export const setSlowMode = (slug: string, seconds: number) => typed(sdk.POST('/api/v1/rooms/{slug}/slow-mode', { params: room(slug), body: { seconds } }));

export const fetchBannedWords = async (shopId: string, signal: AbortSignal) =>
  (await typed(sdk.GET('/api/v1/shops/{shopId}/chat/banned-words', { params: { path: { shopId } }, signal }), signal)).words;
export const saveBannedWords = async (shopId: string, words: string[]) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/chat/banned-words', { params: { path: { shopId } }, body: { words } }))).words;
