/** A page as the console answered it. */
export interface ConsoleAnswer {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

/**
 * A browser without a screen for the console: keeps its cookies, follows no redirect by itself,
 * and fills each form's `_csrf` (or the login form's `_login`) from the last page it read.
 */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  private lastPage = '';

  constructor(readonly baseUrl: string) {}

  async get(path: string): Promise<ConsoleAnswer> {
    return this.send(path, { method: 'GET' });
  }

  /** Posts a form; `_csrf` comes from the last page read unless given. */
  async post(path: string, fields: Record<string, string> = {}): Promise<ConsoleAnswer> {
    const form = new URLSearchParams({ _csrf: this.formToken('_csrf') ?? '', ...fields });
    return this.send(path, {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async logIn(username: string, password: string, totp: string): Promise<ConsoleAnswer> {
    await this.get('/console/login');
    return this.post('/console/login', { _login: this.formToken('_login') ?? '', username, password, totp });
  }

  /** The value of a hidden input of the last page read. */
  formToken(name: string): string | undefined {
    return new RegExp(`name="${name}" value="([^"]*)"`).exec(this.lastPage)?.[1];
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Forgets every cookie but the named ones (another browser with a stolen cookie, say). */
  keepOnly(names: readonly string[]): void {
    for (const name of [...this.cookies.keys()]) if (!names.includes(name)) this.cookies.delete(name);
  }

  private async send(path: string, init: RequestInit): Promise<ConsoleAnswer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 0) continue;
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = await response.text();
    if (response.headers.get('content-type')?.startsWith('text/html')) this.lastPage = body;
    return {
      status: response.status,
      location: response.headers.get('location'),
      body,
      headers: response.headers,
    };
  }
}
