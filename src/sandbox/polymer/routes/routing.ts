import type { Handler, Hono } from 'hono';
import { HttpProblem } from '../../shared/http.ts';
import type { Serializers } from '../serializers.ts';
import type { PolymerState } from '../state.ts';

export interface RouteContext {
  state: PolymerState;
  serialize: Serializers;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Registers the handlers of one path; any other method on it is a 405 with an Allow header. */
export function route(app: Hono, path: string, handlers: Partial<Record<Method, Handler>>): void {
  for (const [method, handler] of Object.entries(handlers)) app.on(method, path, handler);
  const allow = Object.keys(handlers).join(', ');
  app.all(path, (c) => {
    throw new HttpProblem(405, `${c.req.method} is not allowed on this path; allowed: ${allow}`, { Allow: allow });
  });
}

/** A numeric path parameter (routes constrain them to digits). */
export function idParam(value: string | undefined): number {
  return Number(value);
}
