// The authorization endpoint of the sandbox OAuth server (RFC 6749 section 4.1): a consent page a browser can click
// through with no sign-in (the sandbox user is fixed), an "Allow" button that sends the browser back with a code, a
// "Deny" button that sends it back with error=access_denied, and the errors a provider redirects with (invalid_scope,
// unsupported_response_type, invalid_request). A request whose client or redirect_uri cannot be trusted gets a page,
// never a redirect.
import type { Context, Hono } from 'hono';
import { OAuthError, type OAuthServer } from './oauth.ts';
import { urlWith } from './pagination.ts';

export interface AuthorizationEndpointOptions {
  server: OAuthServer;
  /** Shown on the page, e.g. "Lever sandbox". */
  provider: string;
  /** Every scope a client may ask for. */
  scopes: readonly string[];
  /** The user who allows (the sandbox has no sign-in). */
  subject(): string;
  /** Provider-specific checks of the request (Lever's required audience): throws an OAuthError to refuse it. */
  check?(parameters: URLSearchParams): void;
}

/** Where the parameters come from: the query of the GET, the form the page posts back. */
const trustedFields = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'audience', 'code_challenge', 'code_challenge_method'] as const;

/** `GET <path>` shows the consent page; `POST <path>` is its form (decision=allow or deny). */
export function installAuthorizationEndpoint(app: Hono, path: string, options: AuthorizationEndpointOptions): void {
  /** The request checked: a page for an untrusted client or redirect_uri, a redirect for the other errors. */
  const checked = (c: Context, parameters: URLSearchParams, proceed: (redirect: URL) => Response): Response => {
    const redirect = trustedRedirect(options, parameters);
    if (typeof redirect === 'string') return page(c, 400, options.provider, `<p>${escape(redirect)}</p>`);
    try {
      validate(options, parameters);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return c.redirect(errorRedirect(redirect, parameters, error.code, error.message), 302);
    }
    return proceed(redirect);
  };

  app.get(path, (c) => {
    const query = new URL(c.req.url).searchParams;
    return checked(c, query, () => page(c, 200, options.provider, consentForm(path, query)));
  });

  app.post(path, async (c) => {
    const posted = new URLSearchParams(await c.req.text());
    const request = new URLSearchParams(trustedFields.flatMap((name): [string, string][] => (posted.has(name) ? [[name, posted.get(name)!]] : [])));
    return checked(c, request, (redirect) => {
      if (posted.get('decision') !== 'allow') return c.redirect(errorRedirect(redirect, request, 'access_denied', 'User did not authorize the request'), 302);
      const code = options.server.grantCode({
        clientId: request.get('client_id')!, redirectUri: request.get('redirect_uri')!, subject: options.subject(),
        scope: request.get('scope') ?? '', challenge: request.get('code_challenge') ?? undefined,
      });
      return c.redirect(urlWith(redirect, { code, state: request.get('state') ?? undefined }), 302);
    });
  });
}

/** The redirect URI when the client is known and the URI is an absolute http(s) URL; else what is wrong with them. */
function trustedRedirect(options: AuthorizationEndpointOptions, parameters: URLSearchParams): URL | string {
  const clientId = parameters.get('client_id');
  if (!clientId || !options.server.knows(clientId)) return `Unknown client_id "${clientId ?? ''}": no application is registered under it.`;
  try {
    const url = new URL(parameters.get('redirect_uri') ?? '');
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  return 'redirect_uri must be the absolute http(s) URL the application registered.';
}

function validate(options: AuthorizationEndpointOptions, parameters: URLSearchParams): void {
  if (parameters.get('response_type') !== 'code') throw new OAuthError('unsupported_response_type', 'response_type must be code');
  const unknown = (parameters.get('scope') ?? '').split(' ').filter((scope) => scope !== '' && !options.scopes.includes(scope));
  if (unknown.length > 0) throw new OAuthError('invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
  if (parameters.has('code_challenge') && parameters.get('code_challenge_method') !== 'S256') {
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256');
  }
  options.check?.(parameters);
}

function errorRedirect(redirect: URL, parameters: URLSearchParams, code: string, description: string): string {
  return urlWith(redirect, { error: code, error_description: description, state: parameters.get('state') ?? undefined });
}

function consentForm(path: string, parameters: URLSearchParams): string {
  const hidden = trustedFields.flatMap((name) => (parameters.has(name) ? [`<input type="hidden" name="${name}" value="${escape(parameters.get(name)!)}">`] : []));
  const scopes = (parameters.get('scope') ?? '').split(' ').filter(Boolean).map((scope) => `<li>${escape(scope)}</li>`);
  return [
    `<p>The application <strong>${escape(parameters.get('client_id')!)}</strong> asks to access your account with these permissions:</p>`,
    `<ul>${scopes.join('') || '<li>(none)</li>'}</ul>`,
    `<form method="post" action="${escape(path)}">`,
    ...hidden,
    '<button type="submit" name="decision" value="allow">Allow</button>',
    '<button type="submit" name="decision" value="deny">Deny</button>',
    '</form>',
  ].join('\n');
}

function page(c: Context, status: 200 | 400, provider: string, body: string): Response {
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Authorize – ${escape(provider)}</title></head>\n<body><h1>${escape(provider)}</h1>\n${body}\n</body></html>`;
  return c.html(html, status, { 'Cache-Control': 'no-store' });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
