/**
 * The demo's HTTP client: real requests to hutong's API, one session cookie per client, so each
 * simulated person (the host, a buyer) is a client of their own, as in a browser.
 */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class DemoHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export class DemoClient {
  cookie: string | undefined;

  constructor(readonly base: string) {}

  /** Any answer, refusals included; only a network failure throws. */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    const res = await fetch(this.base + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual', // a redirect may lead to a marketplace: the demo never leaves this hutong
      signal: AbortSignal.timeout(15_000),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie && /^hutong_session=/.test(setCookie)) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON (a page, a redirect): keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A 2xx answer's body; anything else throws with the error's code. */
  async call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const a = await this.request<T>(method, path, body, headers);
    if (a.status >= 200 && a.status < 300) return a.body;
    const code = (a.body as { error?: { code?: string } } | null)?.error?.code;
    throw new DemoHttpError(a.status, code, `${method} ${path}: HTTP ${a.status} ${code ?? String(a.body).slice(0, 200)}`);
  }

  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.call<T>('POST', path, body, headers);

  async login(email: string, password: string): Promise<void> {
    await this.post('/api/v1/auth/login', { email, password });
  }
}
