// What every admin API route module receives, so each mounts with one line in app.ts.
import type { Probe } from '../cluster/types.ts';
import type { Config } from '../config.ts';
import type { Engine } from '../execution/engine.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/switchboard.ts';
import type { Identity } from '../auth/index.ts';
import type { Services } from '../services/index.ts';
import type { Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';

export interface ApiDependencies {
  config: Config;
  /** Base of URLs handed out, without a trailing slash: an MCP server's URL is `${publicUrl}/mcp/${token}`. */
  publicUrl: string;
  store: Store;
  catalog: Catalog;
  services: Services;
  /** Executes Proxy API calls, as it does MCP tool calls. */
  engine: Engine;
  logger: Logger;
  /** Served at /metrics when given. */
  metrics?: Metrics | undefined;
  /** More /ready checks besides the store's (Redis). */
  probes?: Probe[] | undefined;
  /** True once shutdown began: /ready answers 503 so load balancers stop sending traffic. */
  draining?: (() => boolean) | undefined;
  /** Users, sessions and the OAuth authorization server. */
  identity: Identity;
}

/** Set by the caller middleware on every authenticated request (an API token, or a signed-in user's session). */
export interface ApiEnv {
  Variables: {
    tenantId: string;
    apiTokenId: string;
    /** admin for API tokens; the user's role in the tenant for sessions. */
    role: 'admin' | 'member';
    /** Who made the request, for created_by: the API token id, or "user:<id>". */
    actor: string;
    /** The signed-in user, for session requests. */
    userId: string | undefined;
  };
}
