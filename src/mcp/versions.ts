// Protocol revisions this endpoint speaks, and how each request's revision is settled.
//
// Legacy revisions (2024-11-05 … 2025-11-25) open with an initialize handshake; the modern revision (2026-07-28)
// carries its version, client identity and capabilities in every request's _meta. Both are served on the same URL:
// every request is judged on its own, so no node needs to remember anything about a client.

export const modernVersions: readonly string[] = ['2026-07-28'];
export const legacyVersions: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];
/** Newest first, as server/discover and version errors list them. */
export const supportedVersions: readonly string[] = [...modernVersions, ...legacyVersions];
/** What initialize answers when the client asks for a revision this server does not speak. */
export const latestLegacyVersion = '2025-11-25';
/** Streamable HTTP requests without MCP-Protocol-Version are taken as this revision (the spec's fallback). */
export const headerlessVersion = '2025-03-26';
/** The legacy HTTP+SSE transport's revision until initialize settles another. */
export const sseDefaultVersion = '2024-11-05';

export const metaKeys = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
} as const;

const versionPattern = /^\d{4}-\d{2}-\d{2}$/;

export const isLegacyVersion = (version: string): boolean => legacyVersions.includes(version);
export const isModernVersion = (version: string): boolean => modernVersions.includes(version);

/** JSON-RPC batches exist only up to 2025-03-26. */
export const allowsBatches = (version: string): boolean => version === '2025-03-26' || version === '2024-11-05';

export type Negotiated = { ok: true; version: string } | { ok: false; data: { supported: string[]; requested: unknown } };

/**
 * initialize: the client's revision when this server speaks it, else the latest legacy revision (the client then
 * decides whether to continue). A protocolVersion that is not a revision at all (missing, "1.0.0") is refused with
 * the supported list, as the lifecycle specification's example shows.
 */
export function negotiateInitialize(requested: unknown): Negotiated {
  if (typeof requested !== 'string' || !versionPattern.test(requested)) {
    return { ok: false, data: { supported: [...legacyVersions], requested: requested ?? null } };
  }
  return { ok: true, version: isLegacyVersion(requested) ? requested : latestLegacyVersion };
}
