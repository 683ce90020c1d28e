// Bearer secrets: API tokens for the admin API and URL tokens for MCP servers. Only their hashes are stored,
// so a copy of the database grants no access.
import { hash, randomBytes } from 'node:crypto';

export const apiTokenPrefix = 'sb_';

/** An admin API token: "sb_" and 32 random bytes, base64url. The prefix makes leaked tokens easy to scan for. */
export function generateApiToken(): string {
  return apiTokenPrefix + randomBytes(32).toString('base64url');
}

/** The secret part of an MCP server URL: 32 random bytes, base64url. */
export function generateMcpToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  // One-shot: about half the cost of a Hash object, and every MCP request hashes its URL token.
  return hash('sha256', token, 'hex');
}
