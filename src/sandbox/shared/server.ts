import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { installApi, type ApiSpec } from './api.ts';
import type { KeySet } from './auth.ts';
import { logRequests } from './http.ts';
import { FixedWindowRateLimiter } from './rate-limiter.ts';
import type { RateLimitSettings, RequestLogEntry, RunningSandbox, SandboxOptions } from './types.ts';

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { limit: 600, windowSeconds: 60 };
export const DEFAULT_SEED = 1;

export interface SandboxRuntime<State> {
  state: State;
  apiKeys: KeySet;
  disabledKeys: KeySet;
  limiter: FixedWindowRateLimiter;
}

/** What distinguishes one sandbox from another; `startSandbox` does the rest. */
export type SandboxBlueprint<State> = {
  /** Path prefix of the API, e.g. /api/v1 */
  apiPrefix: string;
  defaultApiKey: string;
  createState(seed: number): State;
  /** Log request bodies too (RPC-style APIs, whose requests differ only in their bodies). */
  logBodies?: boolean;
  /** The rate limit the vendor documents, used when the options set none; DEFAULT_RATE_LIMIT where it documents none. */
  rateLimit?: RateLimitSettings;
} & (
  /** The API as a routes table and its conventions (api.ts); the kit does everything around the handlers. */
  | { api(runtime: SandboxRuntime<State>): ApiSpec }
  /** Or middleware, routes and error handling added by hand to an app that already logs requests. */
  | { install(app: Hono, runtime: SandboxRuntime<State>): void }
);

export async function startSandbox<State>(blueprint: SandboxBlueprint<State>, options: SandboxOptions): Promise<RunningSandbox<State>> {
  const state = blueprint.createState(options.seed ?? DEFAULT_SEED);
  const requests: RequestLogEntry[] = [];
  const rateLimit = options.rateLimit === undefined ? blueprint.rateLimit ?? DEFAULT_RATE_LIMIT : options.rateLimit;
  const limiter = new FixedWindowRateLimiter(rateLimit);
  const app = new Hono();
  app.use(logRequests(requests, { bodies: blueprint.logBodies }));
  const runtime: SandboxRuntime<State> = {
    state,
    apiKeys: new Set(options.apiKeys ?? [blueprint.defaultApiKey]),
    disabledKeys: new Set(options.disabledApiKeys ?? []),
    limiter,
  };
  if ('api' in blueprint) installApi(app, runtime, blueprint.apiPrefix, blueprint.api(runtime));
  else blueprint.install(app, runtime);

  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}${blueprint.apiPrefix}`,
    origin,
    state,
    requests,
    rateLimit,
    resetRateLimit: () => limiter.reset(),
    setRateLimit: (limit) => limiter.configure(limit),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
