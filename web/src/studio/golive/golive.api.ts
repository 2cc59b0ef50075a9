import {
  ingestAnswer,
  showAnswer,
  showsAnswer,
  streamKeyAnswer,
  type IngestStatus,
  type Show,
} from '../../../../src/contracts/media.schemas';
import { api } from '../../api/client';
import { withCursor, type PageOf } from '../../api/use-pages';

const roomPath = (shopId: string, roomId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}/rooms/${encodeURIComponent(roomId)}`;

export const revealStreamKey = (shopId: string, roomId: string, signal?: AbortSignal) =>
  api.get(`${roomPath(shopId, roomId)}/stream-key`, streamKeyAnswer, signal);

export const rotateStreamKey = (shopId: string, roomId: string) => api.post(`${roomPath(shopId, roomId)}/stream-key/rotate`, {}, streamKeyAnswer);

export const fetchIngest = (shopId: string, roomId: string, signal?: AbortSignal): Promise<{ ingest: IngestStatus; rtmpUrl: string }> =>
  api.get(`${roomPath(shopId, roomId)}/ingest`, ingestAnswer, signal);

export const listShows = async (shopId: string, roomId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Show>> => {
  const { shows, next } = await api.get(withCursor(`${roomPath(shopId, roomId)}/shows`, after), showsAnswer, signal);
  return { items: shows, next };
};

export const scheduleShow = async (shopId: string, roomId: string, body: { title: string; coverUrl?: string; scheduledAt: string }) =>
  (await api.post(`${roomPath(shopId, roomId)}/shows`, body, showAnswer)).show;

export const cancelShow = async (shopId: string, roomId: string, showId: string) =>
  (await api.post(`${roomPath(shopId, roomId)}/shows/${encodeURIComponent(showId)}/cancel`, {}, showAnswer)).show;

export const endShow = async (shopId: string, roomId: string, showId: string) =>
  (await api.post(`${roomPath(shopId, roomId)}/shows/${encodeURIComponent(showId)}/end`, {}, showAnswer)).show;
