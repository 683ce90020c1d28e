// A browser as the connect flows need one, over fetch: cookies kept per origin (path and expiry ignored; the tests
// use one origin per server), redirects not followed but returned, so each hop can be checked.
export interface Hop {
  status: number;
  location: string | undefined;
  text: string;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string, headers: Record<string, string> = {}): Promise<Hop> {
    return this.send(url, { method: 'GET', headers });
  }

  async postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Hop> {
    return this.send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
  }

  /** The provider's consent page, then the choice: where the provider sends the browser (the callback URL). */
  async consent(authorizeUrl: string, decision: 'allow' | 'deny'): Promise<string> {
    const page = await this.get(authorizeUrl);
    if (page.status !== 200) throw new Error(`the consent page answered ${page.status} ${page.location ?? page.text.slice(0, 200)}`);
    const url = new URL(authorizeUrl);
    const hop = await this.postForm(`${url.origin}${url.pathname}`, { ...Object.fromEntries(url.searchParams), decision });
    if (hop.status !== 302 || !hop.location) throw new Error(`the consent decision answered ${hop.status}`);
    return hop.location;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  forget(origin: string): void {
    this.jar.delete(origin);
  }

  private async send(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Hop> {
    const { origin } = new URL(url);
    const cookies = [...this.jar.get(origin) ?? []].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookies ? { cookie: cookies } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const jar = this.jar.get(origin) ?? new Map<string, string>();
      if (attributes.some((attribute) => /max-age=0\b/i.test(attribute.trim()))) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
      this.jar.set(origin, jar);
    }
    return { status: response.status, location: response.headers.get('location') ?? undefined, text: await response.text() };
  }
}
