// Probes for orchestrators: /health says the process answers, /ready that it can serve (store, Redis when
// configured, catalog, not shutting down). /metrics is the Prometheus scrape of this node.
import { Hono } from 'hono';
import { withTimeout } from '../cluster/bus.ts';
import { contentType } from '../metrics/registry.ts';
import type { ApiDependencies } from './types.ts';

/** A dependency slower than this to answer counts as not reachable. */
const probeTimeoutMs = 2_000;

export function healthRoutes(deps: ApiDependencies): Hono {
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      const problems: string[] = [];
      if (deps.draining?.()) problems.push('shutting down');
      const probes = [{ name: 'store', check: () => deps.store.ping() }, ...deps.probes ?? []];
      await Promise.all(probes.map(async (probe) => {
        try {
          await withTimeout(probe.check(), probeTimeoutMs, probe.name);
        } catch (error) {
          deps.logger.error({ err: error }, `readiness: ${probe.name} is not reachable`);
          problems.push(`${probe.name} is not reachable`);
        }
      }));
      const integrations = deps.catalog.list().length;
      if (integrations === 0) problems.push(`no integrations loaded from ${deps.config.integrationsDir}`);
      return problems.length === 0
        ? c.json({ status: 'ready', integrations })
        : c.json({ status: 'not_ready', problems }, 503);
    })
    .get('/metrics', (c) => (deps.metrics ? c.body(deps.metrics.render(), 200, { 'content-type': contentType }) : c.notFound()));
}
