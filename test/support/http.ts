/**
 * A tiny HTTP client for API tests: real requests over a real socket, with a cookie jar of one
 * session, so a test reads like a user's steps.
 */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  private cookie: string | undefined;

  constructor(
    readonly base: string,
    private readonly bearer?: string,
  ) {}

  withKey(secret: string): ApiClient {
    return new ApiClient(this.base, secret);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.base + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  async login(email: string, password: string): Promise<Answer> {
    const a = await this.post('/api/v1/auth/login', { email, password });
    if (a.status !== 200) throw new Error(`login failed: ${a.status} ${JSON.stringify(a.body)}`);
    return a;
  }
}
