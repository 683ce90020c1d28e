// Who calls the admin API: a machine with "Authorization: Bearer <API token>" (its tenant, full rights), or a person
// signed in to the dashboard with the session cookie (the session's team, with that team's role). Cookie requests
// that change something must carry the CSRF token. Members may read; changes and the Proxy API are for admins,
// except revoking the member's own connected clients, which the grant route checks itself.
import type { MiddlewareHandler } from 'hono';
import { requireApiToken } from '../api/auth.ts';
import { errorResponse } from '../api/errors.ts';
import type { ApiEnv } from '../api/types.ts';
import type { Services } from '../services/index.ts';
import type { Store } from '../store/types.ts';
import { forgeryProblem, readSession, unsafeMethods } from './http.ts';
import type { Identity } from './index.ts';

const memberMayChange = /^\/integrated-account\/[^/]+\/mcp\/[^/]+\/grants\/[^/]+$/;

export function requireCaller(identity: Identity, services: Services, store: Store): MiddlewareHandler<ApiEnv> {
  const byApiToken = requireApiToken(services.access, services.guesses);
  return async (c, next) => {
    if (c.req.header('authorization') !== undefined) {
      return byApiToken(c, async () => {
        c.set('role', 'admin');
        c.set('actor', c.var.apiTokenId);
        await next();
      });
    }
    const found = await readSession(c, identity.cookies, identity.sessions);
    if (!found) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorResponse(c, 401, 'Missing API token: send the header "Authorization: Bearer <API token>", or sign in to the dashboard.');
    }
    const { session } = found;
    const role = session.tenant_id === null ? undefined : await store.auth.getMembership(session.user.id, session.tenant_id);
    if (!role || session.tenant_id === null) return errorResponse(c, 403, `${session.user.email} is not a member of a team: ask an admin to add you.`);
    const problem = forgeryProblem(c, identity.cookies, found.id);
    if (problem) return errorResponse(c, 403, problem);
    if (role === 'member' && ((unsafeMethods.has(c.req.method) && !memberMayChange.test(c.req.path)) || c.req.path.startsWith('/proxy/'))) {
      return errorResponse(c, 403, `Only admins of this team may do that; ${session.user.email} is a member.`);
    }
    c.set('tenantId', session.tenant_id);
    c.set('role', role);
    c.set('actor', `user:${session.user.id}`);
    c.set('userId', session.user.id);
    await next();
  };
}
