// Client metadata (RFC 7591) as a registration request or a Client ID Metadata Document states it, checked and
// reduced to what Switchboard uses. Every problem is named by its field.
import { z } from 'zod';
import type { OAuthClientMetadata } from '../store/auth-types.ts';
import type { FieldProblem } from '../services/errors.ts';
import { redirectUriProblem } from './redirect-uris.ts';

export const authMethods = ['none', 'client_secret_basic', 'client_secret_post'] as const;
export const grantTypes = ['authorization_code', 'refresh_token'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const httpsUrl = z.string().max(2000).refine((value) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an https URL');

const metadataSchema = z.object({
  redirect_uris: z.array(z.string(), 'must be a list of redirect URIs').min(1, 'must list at least one redirect URI').max(20, 'must list at most 20'),
  client_name: text(200).optional(),
  client_uri: httpsUrl.optional(),
  logo_uri: httpsUrl.optional(),
  grant_types: z.array(z.string()).max(10).optional(),
  response_types: z.array(z.string()).max(10).optional(),
  token_endpoint_auth_method: z.string().optional(),
  scope: z.string().max(1000).optional(),
  software_id: text(200).optional(),
  software_version: text(100).optional(),
}).loose();

export type ParsedMetadata = { ok: true; metadata: OAuthClientMetadata } | { ok: false; problems: FieldProblem[] };

/**
 * Checks the metadata. A registration defaults to client_secret_basic (RFC 7591); a metadata document cannot hold a
 * secret, so it allows and defaults to "none".
 */
export function parseClientMetadata(input: unknown, options: { allowedAuthMethods?: readonly string[]; defaultAuthMethod?: string } = {}): ParsedMetadata {
  const allowedAuthMethods = options.allowedAuthMethods ?? authMethods;
  const parsed = metadataSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: issue.message })) };
  }
  const value = parsed.data;
  const problems: FieldProblem[] = [];
  value.redirect_uris.forEach((uri, index) => {
    const problem = redirectUriProblem(uri);
    if (problem) problems.push({ field: `redirect_uris.${index}`, message: problem });
  });
  const method = value.token_endpoint_auth_method ?? options.defaultAuthMethod ?? 'client_secret_basic';
  if (!allowedAuthMethods.includes(method)) problems.push({ field: 'token_endpoint_auth_method', message: `must be one of ${allowedAuthMethods.join(', ')}` });
  const grants = value.grant_types ?? ['authorization_code'];
  const unknownGrants = grants.filter((grant) => !(grantTypes as readonly string[]).includes(grant));
  if (unknownGrants.length > 0) problems.push({ field: 'grant_types', message: `unsupported: ${unknownGrants.join(', ')} (supported: ${grantTypes.join(', ')})` });
  if (!grants.includes('authorization_code')) problems.push({ field: 'grant_types', message: 'must include authorization_code' });
  const responses = value.response_types ?? ['code'];
  if (responses.some((type) => type !== 'code')) problems.push({ field: 'response_types', message: 'only "code" is supported' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    metadata: {
      redirect_uris: value.redirect_uris,
      grant_types: grants,
      response_types: ['code'],
      token_endpoint_auth_method: method as OAuthClientMetadata['token_endpoint_auth_method'],
      ...(value.client_name !== undefined ? { client_name: value.client_name } : {}),
      ...(value.client_uri !== undefined ? { client_uri: value.client_uri } : {}),
      ...(value.logo_uri !== undefined ? { logo_uri: value.logo_uri } : {}),
      ...(value.scope !== undefined ? { scope: value.scope } : {}),
      ...(value.software_id !== undefined ? { software_id: value.software_id } : {}),
      ...(value.software_version !== undefined ? { software_version: value.software_version } : {}),
    },
  };
}
