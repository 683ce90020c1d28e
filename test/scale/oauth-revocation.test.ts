// Issue 16.3: a revoked grant's tokens are refused on every node. Two `switchboard serve` processes share
// PostgreSQL (with Redis, and with LISTEN/NOTIFY alone); node B has the access token cached (found entries live 30 s
// while the bus is up), the grant is revoked through node A, and B must refuse the token: only the invalidation bus
// can make that happen before the cache entry would expire. The time it took is reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserService } from '../../src/auth/users.ts';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox } from '../../src/sandbox/index.ts';
import { json } from '../api/harness.ts';
import { listWith, member, obtainTokens, registerClient, signIn } from '../helpers/oauth.ts';
import { createDeployment } from './nodes.ts';

for (const redis of [true, false]) {
  test(`a revoked grant is refused on the other node (PostgreSQL${redis ? ' + Redis' : ', LISTEN/NOTIFY'})`, async (t) => {
    const pinpoint = await startPinpointSandbox({ rateLimit: null });
    t.after(() => pinpoint.close());
    const deployment = await createDeployment(t, { redis, upstreams: [pinpoint.url] });
    const { tenantId } = await deployment.createTenant();
    await new UserService(deployment.store).ensureMember({ ...member, tenantId, role: 'member' });
    const [a, b] = [await deployment.startNode('a'), await deployment.startNode('b')];

    const account = await json(await a.api('/integrated-account', { method: 'POST', body: { integration: 'pinpoint', context: { subdomain: 'acme', base_url: pinpoint.url }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } } }));
    const server = await json(await a.api(`/integrated-account/${account.id}/mcp`, { method: 'POST', body: { name: 'Shared', config: { methods: ['read'], auth: 'oauth' } } }));
    const session = await signIn(a.url);
    const clientId = await registerClient(a.url, ['http://127.0.0.1:40000/callback']);
    const tokens = await obtainTokens(a.url, session, { clientId, redirectUri: 'http://127.0.0.1:40000/callback', resource: server.url });
    const onB = `${b.url}/mcp/${server.token}`;
    assert.equal((await listWith(onB, tokens.access_token)).status, 200, 'node B accepts the token (and caches it)');
    assert.equal((await listWith(onB, tokens.access_token)).status, 200);

    const [grant] = (await json(await a.api(`/integrated-account/${account.id}/mcp/${server.id}/grants`))).result;
    const revoked = performance.now();
    assert.equal((await a.api(`/integrated-account/${account.id}/mcp/${server.id}/grants/${grant.id}`, { method: 'DELETE' })).status, 204);
    let status = 200;
    while (status === 200 && performance.now() - revoked < 10_000) {
      status = (await listWith(onB, tokens.access_token)).status;
      if (status === 200) await sleep(5);
    }
    assert.equal(status, 401, 'node B refuses the revoked token (within 10 s; its cache alone would keep it 30 s)');
    t.diagnostic(`node B refused the token ${(performance.now() - revoked).toFixed(0)} ms after the revoke was answered on node A`);
  });
}
