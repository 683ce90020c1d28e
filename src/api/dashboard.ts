// Serves the dashboard built by `npm run build:dashboard` (dashboard/dist) on the API's origin, without auth (the
// page signs in with an API token itself). Only GET/HEAD of its own paths are answered: the page's client routes
// (/, /sign-in, /authorize (the OAuth consent page), /accounts…, /catalog…, /api-tokens), its hashed assets and the few top-level files Vite copies. Every other path
// falls through to the API, so the dashboard never shadows an API route.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';

export const defaultDashboardDir = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

/** Client-side routes of the dashboard; the server answers them with index.html. None is an API path. */
const clientRoutes = /^\/(?:|index\.html|sign-in|authorize|api-tokens|accounts(?:\/[^/]+(?:\/(?:tools|servers|logs))?)?|catalog(?:\/[^/]+\/connect)?)\/?$/;
/** Files Vite copies from dashboard/public to the top level, e.g. /favicon.svg. */
const topLevelFile = /^\/[A-Za-z0-9][\w.-]*\.(?:svg|png|ico|txt|webmanifest)$/;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Self only: no inline script or style, no other origin, no framing. The page calls the API with fetch on its own
 * origin and renders server data as text.
 */
export const dashboardCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface CachedFile {
  body: Uint8Array;
  mtimeMs: number;
  size: number;
}

export interface DashboardOptions {
  /** The built dashboard (defaults to dashboard/dist beside src/). */
  dir?: string;
}

export function dashboardRoutes(options: DashboardOptions = {}): Hono {
  const root = normalize(options.dir ?? defaultDashboardDir);
  const cache = new Map<string, CachedFile>();

  /** Reads a file below root, cached until its mtime or size changes (a rebuild replaces index.html). */
  const load = async (relative: string): Promise<CachedFile | undefined> => {
    const path = normalize(join(root, relative));
    if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      // Missing is a 404; anything else (permissions, I/O) is a fault of this server, answered and logged as one.
      if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw error;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const file = { body: new Uint8Array(await readFile(path)), mtimeMs: info.mtimeMs, size: info.size };
    cache.set(path, file);
    return file;
  };

  const send = (c: Context, file: CachedFile, type: string, cacheControl: string, extra: Record<string, string> = {}): Response => {
    const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
      ETag: etag,
      ...extra,
    };
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
    headers['Content-Length'] = String(file.size);
    return new Response(c.req.method === 'HEAD' ? null : file.body, { status: 200, headers });
  };

  return new Hono().on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;

    if (path.startsWith('/assets/')) {
      const file = /^\/assets\/[\w.-]+$/.test(path) ? await load(path.slice(1)) : undefined;
      if (!file) return c.text('Not found', 404, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      // File names carry a content hash: a new build gets new names.
      return send(c, file, contentTypes[extname(path)] ?? 'application/octet-stream', 'public, max-age=31536000, immutable');
    }

    if (topLevelFile.test(path)) {
      const file = await load(path.slice(1));
      if (file) return send(c, file, contentTypes[extname(path)] ?? 'application/octet-stream', 'public, max-age=3600');
      return next();
    }

    if (clientRoutes.test(path)) {
      const html = {
        'Content-Security-Policy': dashboardCsp,
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
        'Cross-Origin-Opener-Policy': 'same-origin',
      };
      const file = await load('index.html');
      if (!file) {
        return c.html(
          '<!doctype html><meta charset="utf-8"><title>Switchboard</title><h1>The dashboard is not built</h1>'
            + '<p>Run <code>npm run build:dashboard</code>, then reload this page. The API works without it.</p>',
          503,
          { ...html, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
        );
      }
      return send(c, file, contentTypes['.html']!, 'no-cache', html);
    }

    return next();
  });
}
