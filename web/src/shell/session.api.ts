import { meAnswer, shopAnswer, userAnswer, type Me, type Shop, type User } from '../../../src/contracts/identity.schemas';
import { api } from '../api/client';

/** The logged-in account, or null for a visitor who is not logged in. */
export const fetchMe = async (signal?: AbortSignal): Promise<Me | null> => {
  const me = await api.get('/api/v1/me', meAnswer, signal);
  return me.user ? { user: me.user, memberships: me.memberships } : null;
};

export const logIn = async (body: { email: string; password: string }): Promise<User> =>
  (await api.post('/api/v1/auth/login', body, userAnswer)).user;

export const signUp = async (body: { email: string; password: string; displayName: string }): Promise<User> =>
  (await api.post('/api/v1/auth/signup', body, userAnswer)).user;

export const logOut = (): Promise<void> => api.postEmpty('/api/v1/auth/logout');

export const createShop = async (body: { slug: string; name: string }): Promise<Shop> =>
  (await api.post('/api/v1/shops', body, shopAnswer)).shop;
