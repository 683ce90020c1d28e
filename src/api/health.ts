// Probes for orchestrators: /health says the process answers, /ready that it can serve (store and catalog).
import { Hono } from 'hono';
import type { ApiDependencies } from './types.ts';

export function healthRoutes(deps: ApiDependencies): Hono {
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      const problems: string[] = [];
      try {
        await deps.store.ping();
      } catch (error) {
        deps.logger.error({ err: error }, 'readiness: store is not reachable');
        problems.push('store is not reachable');
      }
      const integrations = deps.catalog.list().length;
      if (integrations === 0) problems.push(`no integrations loaded from ${deps.config.integrationsDir}`);
      return problems.length === 0
        ? c.json({ status: 'ready', integrations })
        : c.json({ status: 'not_ready', problems }, 503);
    });
}
