// The public side of connecting accounts, outside the admin API's auth (src/services/connect.ts has the flows):
//   GET  /connect/link/<token>   a connect link: → the provider's authorization page, or the form asking for a key
//   POST /connect/link/<token>   the key form (CSRF: a cookie the form must echo, and a same-origin Origin)
//   GET  /connect/callback       the provider sends the browser back here with the code (or its error)
// Each client address may fail (unknown links, refused states, refused keys) a bounded number of times in ten
// minutes; bodies are small forms of known fields.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { incomingOf, sameOrigin, type CookieSettings } from '../auth/http.ts';
import type { Logger } from '../logger.ts';
import type { GuessLimiter } from '../security/guess-limiter.ts';
import type { IntegratedAccount } from '../store/types.ts';
import { ConnectError, ConnectService } from '../services/connect.ts';
import { ValidationError } from '../services/errors.ts';
import { connectPageCsp, keyFormPage, outcomePage } from './pages.ts';

/** Holds the state of the browser's round trip through the provider: the callback must present the same one. */
const stateCookie = 'switchboard_connect_state';

/** Binds a round trip to this browser (SameSite=Lax: the provider's redirect back is a top-level GET, which carries it). */
export function rememberConnectState(c: Context, cookies: CookieSettings, state: string): void {
  setCookie(c, stateCookie, state, { path: '/connect', httpOnly: true, secure: cookies.secure, sameSite: 'Lax', maxAge: 3600 });
}
/**
 * same-origin, not no-referrer: under no-referrer browsers send `Origin: null` with the key form's post, which the
 * same-origin check must refuse. The link's token is in the path, and same-origin never lets it leave the site.
 */
const referrerPolicy = 'same-origin';
const formCookie = 'switchboard_connect_form';
const maxFormBytes = 16 * 1024;
const maxFields = 32;
const maxValueLength = 4096;
const maxQueryValueLength = 2048;

export function connectPageRoutes(options: { connect: ConnectService; cookies: CookieSettings; failures: GuessLimiter; logger: Logger }): Hono {
  const { connect, cookies, failures, logger } = options;
  const connected = (account: IntegratedAccount, via: 'link' | 'dashboard', reconnected: boolean) =>
    logger.info({ tenant: account.tenant_id, account: account.id, integration: account.integration, via }, reconnected ? 'an integrated account was reconnected' : 'an integrated account was connected');
  const clientOf = (c: Context) => {
    const incoming = incomingOf(c);
    return incoming ? failures.clientOf(incoming) : 'unknown';
  };
  const html = (c: Context, body: string, status: ContentfulStatusCode = 200) => c.html(body, status, {
    'Content-Security-Policy': connectPageCsp, 'X-Frame-Options': 'DENY', 'Referrer-Policy': referrerPolicy, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
  });
  const refused = (c: Context, error: ConnectError, status: ContentfulStatusCode = 400) => {
    failures.miss(clientOf(c));
    logger.debug({ path: c.req.routePath, reason: error.message }, 'a connect attempt was refused');
    return html(c, outcomePage({
      title: 'Not connected', message: error.message, ok: false,
      back: error.fromDashboard ? { href: '/accounts', label: 'Back to the dashboard' } : undefined,
    }), status);
  };
  const tooMany = (c: Context) => {
    const wait = failures.retryAfter(clientOf(c));
    if (wait === 0) return undefined;
    c.header('Retry-After', String(wait));
    return html(c, outcomePage({ title: 'Too many attempts', message: `Too many failed attempts from this address; try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`, ok: false }), 429);
  };

  return new Hono()
    .use('/connect/link/*', bodyLimit({ maxSize: maxFormBytes, onError: (c) => html(c, outcomePage({ title: 'Not connected', message: `The form is larger than ${maxFormBytes / 1024} KiB.`, ok: false }), 413) }))
    .get('/connect/link/:token', async (c) => {
      const limited = tooMany(c);
      if (limited) return limited;
      try {
        const opened = await connect.openLink(c.req.param('token'));
        if (opened.kind === 'provider') {
          rememberConnectState(c, cookies, opened.state);
          return c.redirect(opened.url, 302);
        }
        const csrf = randomBytes(24).toString('base64url');
        setCookie(c, formCookie, csrf, { path: '/connect/link', httpOnly: true, secure: cookies.secure, sameSite: 'Strict', maxAge: 3600 });
        return html(c, keyFormPage({ form: opened.form, csrf }));
      } catch (error) {
        if (error instanceof ConnectError) return refused(c, error, 404);
        throw error;
      }
    })
    .post('/connect/link/:token', async (c) => {
      const limited = tooMany(c);
      if (limited) return limited;
      const token = c.req.param('token');
      if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) return refused(c, new ConnectError('Send the form as the page does (application/x-www-form-urlencoded).'), 415);
      const form = new URLSearchParams(await c.req.text());
      const expected = getCookie(c, formCookie);
      if (!sameOrigin(c, cookies) || !expected || !equal(form.get('csrf') ?? '', expected)) {
        return refused(c, new ConnectError('This form was not sent from its own page (or cookies are blocked); open the link again.'), 403);
      }
      const values: Record<string, string> = {};
      for (const [name, value] of form) {
        if (name === 'csrf') continue;
        if (Object.keys(values).length >= maxFields || Object.hasOwn(values, name)) return refused(c, new ConnectError('The form has too many or repeated fields.'));
        if (value.length > maxValueLength) return refused(c, new ConnectError(`A value is longer than ${maxValueLength} characters.`));
        values[name] = value;
      }
      // The attempt counts as a failure before the key is checked upstream, in the same turn as the limit check: posts
      // sent at once cannot all pass the limit. A success takes it back.
      const over = tooMany(c);
      if (over) return over;
      const client = clientOf(c);
      const counted = failures.miss(client);
      try {
        const account = await connect.submitKey(token, values);
        failures.forgive(client, counted);
        connected(account, 'link', false);
        deleteCookie(c, formCookie, { path: '/connect/link', secure: cookies.secure });
        return html(c, outcomePage({ title: 'Connected', message: `Your account is connected as “${account.name}”. You can close this window.`, ok: true }), 201);
      } catch (error) {
        if (error instanceof ValidationError) {
          const opened = await connect.openLink(token).catch(() => undefined);
          if (opened?.kind === 'form') return html(c, keyFormPage({ form: opened.form, csrf: expected, values, problems: error.details, error: error.summary }), 400);
        }
        if (error instanceof ConnectError || error instanceof ValidationError) {
          failures.forgive(client, counted); // refused() counts it
          return refused(c, error instanceof ConnectError ? error : new ConnectError(error.message), 400);
        }
        throw error;
      }
    })
    .get('/connect/callback', async (c) => {
      const limited = tooMany(c);
      if (limited) return limited;
      const query: Record<string, string> = {};
      for (const name of ['state', 'code', 'error', 'error_description']) {
        const value = c.req.query(name);
        if (value !== undefined) query[name] = value.slice(0, maxQueryValueLength);
      }
      const browserState = getCookie(c, stateCookie);
      deleteCookie(c, stateCookie, { path: '/connect', secure: cookies.secure });
      try {
        const { account, session, reconnected } = await connect.finish(query, browserState);
        connected(account, ConnectService.fromDashboard(session) ? 'dashboard' : 'link', reconnected);
        if (ConnectService.fromDashboard(session)) return c.redirect(`/accounts/${encodeURIComponent(account.id)}/tools?${reconnected ? 'reconnected' : 'connected'}=1`, 302);
        return html(c, outcomePage({ title: 'Connected', message: `Your account is connected as “${account.name}”. You can close this window.`, ok: true }));
      } catch (error) {
        if (error instanceof ConnectError) return refused(c, error);
        throw error;
      }
    });
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
