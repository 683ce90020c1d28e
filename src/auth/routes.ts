// The dashboard's sign-in, outside the API-token middleware:
//   GET  /auth/options          what the sign-in page offers (single sign-on or not)
//   POST /auth/sign-in          {email, password} → the session cookie (rate limited per client address and email)
//   GET  /auth/session          who is signed in, their teams, and the CSRF token for unsafe requests
//   POST /auth/tenant           {tenant_id}: work in another of the user's teams
//   POST /auth/sign-out         ends the session
//   GET  /auth/oidc/start       → the identity provider; GET /auth/oidc/callback comes back and signs in
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { errorResponse } from '../api/errors.ts';
import { parseJsonBody } from '../api/validation.ts';
import type { Identity } from './index.ts';
import { clearSessionCookie, forgeryProblem, incomingOf, oidcFlowCookie, readSession, sameOrigin, setSessionCookie } from './http.ts';
import { OidcSignInError } from './oidc.ts';
import { csrfTokenFor } from './sessions.ts';
import type { Store } from './store.ts';
import { normalizeEmail } from './users.ts';

const signInBody = z.strictObject({ email: z.string().max(320), password: z.string().max(1024) });
const tenantBody = z.strictObject({ tenant_id: z.string().min(1) });

/** Dashboard paths a sign-in may return to: its own pages and the OAuth consent page, never another site. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(accounts|catalog|authorize)(\/|\?|$)/.test(next) ? next : '/accounts';
}

export function authRoutes(identity: Identity, store: Store): Hono {
  const { cookies, sessions } = identity;
  const refuse = (c: Context, status: 400 | 401 | 403 | 429, message: string) => errorResponse(c, status, message);

  const describeSession = async (c: Context, id: string) => {
    const found = await sessions.find(id);
    if (!found) return undefined;
    const tenants = await store.auth.listMemberships(found.user.id);
    const current = tenants.find((tenant) => tenant.tenant_id === found.tenant_id);
    c.header('Cache-Control', 'no-store');
    return {
      user: { id: found.user.id, email: found.user.email, name: found.user.name },
      tenants,
      tenant_id: current?.tenant_id ?? null,
      role: current?.role ?? null,
      csrf_token: csrfTokenFor(id),
      expires_at: found.expires_at,
    };
  };

  return new Hono()
    .use('/auth/*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => refuse(c, 400, 'The request body is larger than 16 KiB.') }))
    .get('/auth/options', (c) => c.json({ password: true, oidc: identity.oidc ? { name: identity.oidc.name } : null }))
    .post('/auth/sign-in', async (c) => {
      if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return refuse(c, 400, 'Send the sign-in as JSON: {"email": …, "password": …}.');
      if (!sameOrigin(c, cookies)) return refuse(c, 403, `Cross-site sign-in refused: Origin ${c.req.header('origin')} is not ${cookies.origin}.`);
      const body = await parseJsonBody(c, signInBody);
      const incoming = incomingOf(c);
      const keys = [`address:${incoming ? identity.signIns.clientOf(incoming) : 'unknown'}`, `email:${normalizeEmail(body.email)}`];
      const admission = identity.signInGate.admit(keys);
      if (!admission.ok) {
        c.header('Retry-After', String(admission.retryAfterSeconds));
        return errorResponse(c, admission.status, admission.message);
      }
      let user;
      try {
        user = await identity.users.checkPassword(body.email, body.password);
      } finally {
        admission.release(user !== undefined);
      }
      if (!user) return refuse(c, 401, 'The email or password is wrong.');
      if ((await store.auth.listMemberships(user.id)).length === 0) return refuse(c, 403, `${user.email} is not a member of any team yet; ask an admin to add you.`);
      const id = await sessions.start(user.id);
      setSessionCookie(c, cookies, id, sessions.maxAgeSeconds);
      return c.json(await describeSession(c, id));
    })
    .get('/auth/session', async (c) => {
      const found = await readSession(c, cookies, sessions);
      const described = found && await describeSession(c, found.id);
      if (!described) return refuse(c, 401, 'Not signed in.');
      return c.json(described);
    })
    .post('/auth/tenant', async (c) => {
      const found = await readSession(c, cookies, sessions);
      if (!found) return refuse(c, 401, 'Not signed in.');
      const problem = forgeryProblem(c, cookies, found.id);
      if (problem) return refuse(c, 403, problem);
      const { tenant_id: tenantId } = await parseJsonBody(c, tenantBody);
      if (!await store.auth.getMembership(found.session.user.id, tenantId)) return refuse(c, 403, `You are not a member of team ${tenantId}.`);
      await sessions.switchTenant(found.id, tenantId);
      return c.json(await describeSession(c, found.id));
    })
    .post('/auth/sign-out', async (c) => {
      const found = await readSession(c, cookies, sessions);
      if (found) {
        const problem = forgeryProblem(c, cookies, found.id);
        if (problem) return refuse(c, 403, problem);
        await sessions.end(found.id);
      }
      clearSessionCookie(c, cookies);
      return c.body(null, 204);
    })
    .get('/auth/oidc/start', async (c) => {
      if (!identity.oidc) return refuse(c, 400, 'Single sign-on is not configured on this server (SWITCHBOARD_OIDC_ISSUER).');
      try {
        const { url, sealed } = await identity.oidc.start(safeNext(c.req.query('next')));
        const flowCookie = oidcFlowCookie(cookies);
        setCookie(c, flowCookie.name, sealed, { path: flowCookie.path, httpOnly: true, secure: cookies.secure, sameSite: 'Lax', maxAge: 600 });
        return c.redirect(url, 302);
      } catch (error) {
        if (error instanceof OidcSignInError) return c.redirect(`/sign-in?error=${encodeURIComponent(error.message)}`, 302);
        throw error;
      }
    })
    .get('/auth/oidc/callback', async (c) => {
      if (!identity.oidc) return refuse(c, 400, 'Single sign-on is not configured on this server.');
      const flowCookie = oidcFlowCookie(cookies);
      const sealed = getCookie(c, flowCookie.name);
      deleteCookie(c, flowCookie.name, { path: flowCookie.path, secure: cookies.secure });
      try {
        const { user, next } = await identity.oidc.finish(new URL(c.req.url.replace(/^[^?]*/, `${identity.issuer}/auth/oidc/callback`)), sealed);
        if ((await store.auth.listMemberships(user.id)).length === 0) throw new OidcSignInError(`${user.email} is not a member of any team yet; ask an admin to add you.`);
        const id = await sessions.start(user.id);
        setSessionCookie(c, cookies, id, sessions.maxAgeSeconds);
        return c.redirect(next, 302);
      } catch (error) {
        if (error instanceof OidcSignInError) return c.redirect(`/sign-in?error=${encodeURIComponent(error.message)}`, 302);
        throw error;
      }
    });
}
