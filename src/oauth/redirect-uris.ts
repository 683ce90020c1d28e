// Which redirect URIs a client may register and how a request's redirect_uri is matched: https anywhere, or plain
// http on a loopback address (a native app's local callback). A loopback URI matches whatever port the client picked
// when it asks (RFC 8252 section 7.3); everything else must match exactly as registered.

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

export function isLoopback(url: URL): boolean {
  return loopbackHosts.has(url.hostname);
}

/** What is wrong with a redirect URI a client registers, or undefined. */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > 2000) return 'is longer than 2000 characters';
  const url = parse(uri);
  if (!url) return `"${uri}" is not an absolute URL`;
  if (url.hash || uri.includes('#')) return `"${uri}" must not contain a fragment`;
  if (url.username || url.password) return `"${uri}" must not contain a user name or password`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url)) return undefined;
  return `"${uri}" must be an https URL, or http on a loopback address (127.0.0.1, [::1], localhost)`;
}

function withoutPort(url: URL): string {
  const copy = new URL(url.href);
  copy.port = '';
  return copy.href;
}

/** Whether the redirect_uri of a request is one the client registered. */
export function redirectUriAllowed(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const url = parse(requested);
  if (!url || url.protocol !== 'http:' || !isLoopback(url) || url.hash) return false;
  const wanted = withoutPort(url);
  return registered.some((candidate) => {
    const known = parse(candidate);
    return known !== undefined && known.protocol === 'http:' && isLoopback(known) && withoutPort(known) === wanted;
  });
}
