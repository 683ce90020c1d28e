// The bearer secrets of users and the MCP authorization server: 32 random bytes each, base64url, with a prefix that
// says what they are (and lets leaked ones be found by a scanner). Only their SHA-256 hashes are stored.
import { randomBytes } from 'node:crypto';

export const secretPrefixes = {
  session: 'sbs_',
  accessToken: 'sbat_',
  refreshToken: 'sbrt_',
  authorizationCode: 'sbac_',
  clientSecret: 'sbcs_',
  connectLink: 'sbcl_',
} as const;

export function generateSecret(kind: keyof typeof secretPrefixes): string {
  return secretPrefixes[kind] + randomBytes(32).toString('base64url');
}
