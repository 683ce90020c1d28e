// An MCP server is an OAuth protected resource whose identifier is its exact URL, <public URL>/mcp/<token>. Its
// metadata (RFC 9728) lives at the well-known path inserted before the URL's path:
// <origin>/.well-known/oauth-protected-resource<base path>/mcp/<token>.

const tokenPattern = /^[A-Za-z0-9._~-]{1,512}$/;

export function resourceUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/mcp/${token}`;
}

export function resourceMetadataUrl(publicUrl: string, token: string): string {
  const url = new URL(publicUrl);
  return `${url.origin}/.well-known/oauth-protected-resource${url.pathname.replace(/\/+$/, '')}/mcp/${token}`;
}

/** The MCP URL token a `resource` parameter names, when it is one of this server's MCP URLs (a trailing slash tolerated). */
export function tokenOfResource(publicUrl: string, resource: string): string | undefined {
  const prefix = `${publicUrl}/mcp/`;
  if (!resource.startsWith(prefix)) return undefined;
  const token = resource.slice(prefix.length).replace(/\/$/, '');
  return tokenPattern.test(token) ? token : undefined;
}

/** The token of a protected-resource metadata request path (as the server sees it, behind any base path), if any. */
export function tokenOfMetadataPath(path: string, publicUrl: string): string | undefined {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  for (const prefix of [`/.well-known/oauth-protected-resource${base}/mcp/`, '/.well-known/oauth-protected-resource/mcp/']) {
    if (path.startsWith(prefix)) {
      const token = path.slice(prefix.length).replace(/\/$/, '');
      return tokenPattern.test(token) ? token : undefined;
    }
  }
  return undefined;
}
