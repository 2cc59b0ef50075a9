import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('accounts and sessions', () => {
  let server: TestServer;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { HUTONG_LOGIN_MAX_ATTEMPTS: '5', HUTONG_SESSION_TTL_HOURS: '1' } });
  });
  afterAll(() => server?.close());

  it('signs up, sets an httpOnly SameSite session cookie, and knows the user', async () => {
    const api = new ApiClient(server.url);
    const res = await api.post('/api/v1/auth/signup', { email: 'New@Example.com', password: 'correct horse', displayName: '小王' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'new@example.com', displayName: '小王', isOperator: false });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hutong_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await api.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: 'new@example.com' }, memberships: [] });
  });

  it('answers a visitor who is not logged in with no user, not a 401', async () => {
    const me = await new ApiClient(server.url).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: null, memberships: [] });
  });

  it('refuses a second account with the same email', async () => {
    const api = new ApiClient(server.url);
    const res = await api.post('/api/v1/auth/signup', { email: server.seed.ownerEmail, password: 'whatever12', displayName: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDENTITY_EMAIL_TAKEN');
  });

  it('logs in the demo owner, who sees the demo shop as owner', async () => {
    const api = new ApiClient(server.url);
    await api.login(server.seed.ownerEmail, server.seed.ownerPassword);
    const me = await api.get('/api/v1/me');
    expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'owner', shop: expect.objectContaining({ slug: 'demo', name: 'hutong 演示店' }) })]);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const api = new ApiClient(server.url);
    const wrong = await api.post('/api/v1/auth/login', { email: server.seed.hostEmail, password: 'not-the-password' });
    const unknown = await api.post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('IDENTITY_INVALID_CREDENTIALS');
  });

  it('limits login attempts per email and address', async () => {
    const api = new ApiClient(server.url);
    const email = 'limited@example.com';
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await api.post('/api/v1/auth/login', { email, password: 'bad-password' })).body.error.code);
    expect(codes).toEqual([...Array(5).fill('IDENTITY_INVALID_CREDENTIALS'), 'IDENTITY_LOGIN_RATE_LIMITED']);
    const limited = await api.post('/api/v1/auth/login', { email, password: 'bad-password' });
    expect(limited.status).toBe(429);
    // Another account from the same address is not locked out by those attempts.
    await api.login(server.seed.ownerEmail, server.seed.ownerPassword);
  });

  it('does not count successful logins toward the limit', async () => {
    const api = new ApiClient(server.url);
    // Twice the limit of good logins, then a wrong password: still a plain wrong password.
    for (let i = 0; i < 10; i++) await api.login(server.seed.hostEmail, server.seed.ownerPassword);
    const wrong = await api.post('/api/v1/auth/login', { email: server.seed.hostEmail, password: 'bad-password' });
    expect(wrong.body.error.code).toBe('IDENTITY_INVALID_CREDENTIALS');
    await api.login(server.seed.hostEmail, server.seed.ownerPassword);
  });

  it('takes attempts before checking them: a burst of concurrent guesses gets the limit, no more', async () => {
    const api = new ApiClient(server.url);
    const email = 'burst@example.com';
    const codes = await Promise.all(Array.from({ length: 8 }, async () => (await api.post('/api/v1/auth/login', { email, password: 'bad-password' })).body.error.code as string));
    expect(codes.filter((c) => c === 'IDENTITY_INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'IDENTITY_LOGIN_RATE_LIMITED')).toHaveLength(3);
  });

  it.each([
    ['shorter than 10 characters', 'nine-char', 'too_short'],
    ['only spaces', ' '.repeat(12), 'blank'],
    ['a common password', 'Password123', 'common'],
    ['one character repeated', 'zzzzzzzzzzzz', 'common'],
  ])('refuses a sign-up password %s with IDENTITY_PASSWORD_WEAK', async (_name, password, rule) => {
    const api = new ApiClient(server.url);
    const res = await api.post('/api/v1/auth/signup', { email: `weak-${rule}@example.com`, password, displayName: 'W' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IDENTITY_PASSWORD_WEAK');
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'password', rule });
    expect((await api.get('/api/v1/me')).body.user).toBeNull();
  });

  it('logs out: the cookie no longer opens anything', async () => {
    const api = new ApiClient(server.url);
    await api.login(server.seed.hostEmail, server.seed.ownerPassword);
    const cookie = (api as unknown as { cookie: string }).cookie;
    const out = await api.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    const replay = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.code).toBe('IDENTITY_UNAUTHENTICATED');
  });

  it('rejects a forged session token', async () => {
    const res = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: 'hutong_session=forged-token-value' } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('IDENTITY_UNAUTHENTICATED');
  });

  it('tells an expired session apart', async () => {
    const api = new ApiClient(server.url);
    await api.login(server.seed.ownerEmail, server.seed.ownerPassword);
    clock.advance(2 * 3_600_000);
    const me = await api.get('/api/v1/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('IDENTITY_SESSION_EXPIRED');
  });
});
