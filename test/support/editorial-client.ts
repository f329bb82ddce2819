/**
 * A browser-like client of a running app for the editorial tests: it keeps cookies, reads the CSRF
 * token from a form, logs in through the login form and posts forms as a page of the site would.
 */
import { Agent, request } from 'undici';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

const agent = new Agent({ keepAliveTimeout: 10 });

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  /** A request; cookies sent and kept; `form` is sent urlencoded, `body` as JSON. */
  async send(
    method: string,
    path: string,
    opts: { form?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const r = await request(`${this.base}${path}`, {
      method: method as 'GET',
      headers,
      body,
      dispatcher: agent,
    });
    const text = await r.body.text();
    for (const c of [r.headers['set-cookie'] ?? []].flat()) {
      const [pair, ...attrs] = c.split(';');
      const [name, value] = (pair as string).split('=') as [string, string];
      if (attrs.some((a) => /max-age=0$/i.test(a.trim())) || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return { status: r.statusCode, headers: r.headers, text, json: () => JSON.parse(text) };
  }

  get(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.send('GET', path, headers ? { headers } : {});
  }

  /** Opens the page holding a form, then posts the form with its CSRF token and these fields. */
  async postForm(pagePath: string, action: string, fields: Record<string, string>): Promise<Answer> {
    const page = await this.get(pagePath);
    return this.send('POST', action, { form: { _csrf: csrfOf(page.text), ...fields } });
  }

  async logIn(login: string, password: string): Promise<Answer> {
    return this.postForm('/login', '/login', { login, password, next: '/editor' });
  }

  /** The session's CSRF token, from the API. */
  async csrf(): Promise<string> {
    return (await this.get('/api/v1/session')).json<{ csrf: string }>().csrf;
  }
}

/** The CSRF token of the first form in a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1] as string;
}
