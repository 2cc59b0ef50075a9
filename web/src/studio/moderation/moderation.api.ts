import { bannedWordsAnswer, liveNumbersAnswer, okAnswer } from '../../../../src/contracts/realtime.schemas';
import { api } from '../../api/client';

const room = (slug: string) => `/api/v1/rooms/${encodeURIComponent(slug)}`;

export const fetchLiveNumbers = (slug: string, signal?: AbortSignal) => api.get(`${room(slug)}/live-numbers`, liveNumbersAnswer, signal);
export const deleteMessage = (slug: string, id: string) => api.delete(`${room(slug)}/chat/${encodeURIComponent(id)}`);
export const muteViewer = (slug: string, viewerId: string, minutes: number) =>
  api.post(`${room(slug)}/mutes`, { viewerId, minutes }, okAnswer);
export const banViewer = (slug: string, viewerId: string) => api.post(`${room(slug)}/bans`, { viewerId }, okAnswer);
export const setSlowMode = (slug: string, seconds: number) => api.post(`${room(slug)}/slow-mode`, { seconds }, okAnswer);

const words = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}/chat/banned-words`;
export const fetchBannedWords = async (shopId: string, signal: AbortSignal) => (await api.get(words(shopId), bannedWordsAnswer, signal)).words;
export const saveBannedWords = async (shopId: string, list: string[]) => (await api.post(words(shopId), { words: list }, bannedWordsAnswer)).words;
