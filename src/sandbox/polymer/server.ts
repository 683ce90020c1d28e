import { Hono } from 'hono';
import { HttpProblem } from '../shared/http.ts';
import { startSandbox } from '../shared/server.ts';
import type { SandboxRuntime } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions } from '../shared/types.ts';
import { renderError } from './http.ts';
import { directoryRoutes } from './routes/directory.ts';
import { jobApplicationRoutes } from './routes/job-applications.ts';
import { noteRoutes } from './routes/notes.ts';
import { createPolymerState } from './seed.ts';
import { createSerializers } from './serializers.ts';
import type { PolymerState } from './state.ts';

export const POLYMER_API_PREFIX = '/v1/hire';
export const DEFAULT_POLYMER_API_KEY = 'sandbox-polymer-key';

export type PolymerSandbox = RunningSandbox<PolymerState>;

/** Starts a local stand-in for Polymer's hiring API (https://api.polymer.co/v1/hire). */
export function startPolymerSandbox(options: SandboxOptions = {}): Promise<PolymerSandbox> {
  return startSandbox<PolymerState>(
    { apiPrefix: POLYMER_API_PREFIX, defaultApiKey: DEFAULT_POLYMER_API_KEY, createState: createPolymerState, install: installPolymer },
    options,
  );
}

function installPolymer(app: Hono, { state, apiKeys, limiter }: SandboxRuntime<PolymerState>): void {
  app.onError((error, c) => renderError(c, error));
  app.notFound((c) => c.json({ message: `Route ${c.req.method} ${c.req.path} not found` }, 404));

  // Every answer carries the rate-limit headers; past the limit, a 429 with Retry-After.
  app.use(`${POLYMER_API_PREFIX}/*`, async (c, next) => {
    const decision = limiter.take();
    if (!decision) return next();
    const headers = {
      'X-RateLimit-Limit': String(decision.limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(decision.resetSeconds),
    };
    if (!decision.allowed) throw new HttpProblem(429, 'Rate limit exceeded', { ...headers, 'Retry-After': String(decision.resetSeconds) });
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });

  app.use(`${POLYMER_API_PREFIX}/*`, async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new HttpProblem(401, 'Missing API key: send "Authorization: Bearer <api key>"');
    const [scheme, key] = header.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !key) throw new HttpProblem(401, 'Authorization header must use the Bearer scheme: "Bearer <api key>"');
    if (!apiKeys.has(key)) throw new HttpProblem(401, 'Invalid API key');
    await next();
  });

  const context = { state, serialize: createSerializers(state) };
  app.route(POLYMER_API_PREFIX, directoryRoutes(context));
  app.route(POLYMER_API_PREFIX, jobApplicationRoutes(context));
  app.route(POLYMER_API_PREFIX, noteRoutes(context));
}
