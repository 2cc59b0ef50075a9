import { typed } from '../api/client';
import { sdk, type Answer } from '../api/sdk';

type MeAnswer = Answer<'/api/v1/me'>;
/** A logged-in account and its shops. */
export type Me = { user: NonNullable<MeAnswer['user']>; memberships: MeAnswer['memberships'] };
export type Membership = Me['memberships'][number];
export type User = Me['user'];
export type Shop = Answer<'/api/v1/shops', 'post'>['shop'];

/** The logged-in account, or null for a visitor who is not logged in. */
export const fetchMe = async (signal?: AbortSignal): Promise<Me | null> => {
  const me = await typed(sdk.GET('/api/v1/me', { signal }), signal);
  return me.user ? { user: me.user, memberships: me.memberships } : null;
};

export const logIn = async (body: { email: string; password: string }): Promise<User> =>
  (await typed(sdk.POST('/api/v1/auth/login', { body }))).user;

export const signUp = async (body: { email: string; password: string; displayName: string }): Promise<User> =>
  (await typed(sdk.POST('/api/v1/auth/signup', { body }))).user;

export const logOut = async (): Promise<void> => {
  await typed(sdk.POST('/api/v1/auth/logout'));
};

export const createShop = async (body: { slug: string; name: string }): Promise<Shop> =>
  (await typed(sdk.POST('/api/v1/shops', { body }))).shop;
