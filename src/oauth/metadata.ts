// The metadata documents clients discover the authorization server by: authorization server metadata (RFC 8414)
// for the issuer, and protected resource metadata (RFC 9728) for each MCP URL that signs in with OAuth.
import { authMethods } from './client-metadata.ts';
import { resourceUrl } from './resource.ts';

export const supportedScopes = ['mcp'];

export function authorizationServerMetadata(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: [...authMethods],
    scopes_supported: supportedScopes,
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}

export function protectedResourceMetadata(publicUrl: string, token: string, serverName: string) {
  return {
    resource: resourceUrl(publicUrl, token),
    authorization_servers: [publicUrl],
    bearer_methods_supported: ['header'],
    scopes_supported: supportedScopes,
    resource_name: `Switchboard: ${serverName}`,
  };
}
