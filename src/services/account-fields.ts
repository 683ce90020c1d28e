// Checks an account's context and credentials against its integration definition before anything is stored, so
// a bad subdomain or a missing key is reported at creation rather than as an upstream failure later.
import type { Definition } from '../definitions/format.ts';
import { accountAuthMode, authKind, authModeField, authModes } from '../execution/auth/index.ts';
import { baseUrl as buildBaseUrl, RequestBuildError } from '../execution/request.ts';
import type { FieldProblem } from './errors.ts';
import { tokenUrlOverride } from './upstream-tokens.ts';

/** Context key every integration accepts: replaces the definition's base_url (sandboxes, self-hosted instances). */
export const baseUrlOverride = 'base_url';

/** The server setting that lists the origins a base_url override may point at. */
export const upstreamAllowlistSetting = 'SWITCHBOARD_UPSTREAM_ALLOWLIST';

/**
 * `allowlist`: origins (URL.origin form) a base_url override may use; the override is refused for any other. Accounts
 * of integrations that get OAuth tokens with their own client (client credentials) may override the token endpoint
 * the same way (oauth_token_url: a sandbox); an OAuth app's endpoints are the app's.
 */
export function checkContext(definition: Definition, context: Record<string, string>, allowlist: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, field] of Object.entries(definition.context)) {
    const value = context[key];
    if (value === undefined || value === '') {
      if (field.required) problems.push({ field: `context.${key}`, message: `is required (${describe(field.label, field.example)})` });
    } else if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) {
      problems.push({ field: `context.${key}`, message: `"${value}" is not a valid ${field.label}: it must match ${field.pattern}` });
    }
  }
  // Only an account's own client may be pointed elsewhere: an OAuth app's secret goes where the app says.
  const ownClientGetsTokens = authModes(definition.auth).some(([, auth]) => authKind(auth).expires && auth.kind !== 'oauth2_authorization_code');
  const overrides = ownClientGetsTokens ? [baseUrlOverride, tokenUrlOverride] : [baseUrlOverride];
  for (const key of overrides) {
    const value = context[key];
    const problem = value === undefined ? undefined : checkBaseUrl(value, allowlist);
    if (problem) problems.push({ field: `context.${key}`, message: problem });
  }
  const modes = authModes(definition.auth).map(([mode]) => mode);
  const mode = context[authModeField];
  if (mode !== undefined && (definition.auth.kind !== 'modes' || !modes.includes(mode))) {
    problems.push({ field: `context.${authModeField}`, message: definition.auth.kind === 'modes' ? `must be one of ${modes.join(', ')}` : `${definition.label} has one way to authenticate; leave ${authModeField} out` });
  }
  const baseUrl = context[baseUrlOverride];
  const known = [...Object.keys(definition.context), ...overrides, ...(definition.auth.kind === 'modes' ? [authModeField] : [])];
  for (const key of Object.keys(context)) {
    if (!known.includes(key)) problems.push({ field: `context.${key}`, message: `is not a context field of ${definition.name} (known: ${known.join(', ')})` });
  }
  if (problems.length === 0 && baseUrl === undefined) {
    // The URL the engine will build from these values, with its checks (no IP literal or local host, no "..").
    try {
      buildBaseUrl(definition, { id: '', integration: definition.name, context, credentials: {} });
    } catch (error) {
      if (!(error instanceof RequestBuildError)) throw error;
      problems.push({ field: 'context', message: error.message });
    }
  }
  return problems;
}

/** Control characters: a pasted line break or tab, a NUL; none belongs in a key, and none can go into a header. */
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Required fields present, no unknown ones, and no value a paste went wrong with (the value itself is never echoed).
 * `context`: the account's, whose auth mode decides which credentials it needs.
 */
export function checkCredentials(definition: Definition, credentials: Record<string, string>, context: Record<string, string> = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const mode = accountAuthMode(definition.auth, { context });
  for (const [key, field] of Object.entries(definition.credentials)) {
    const value = credentials[key];
    const needed = field.modes === undefined || field.modes.includes(mode);
    if (!value) {
      if (needed) problems.push({ field: `credentials.${key}`, message: `is required (${field.label})` });
    } else if (value !== value.trim()) problems.push({ field: `credentials.${key}`, message: 'begins or ends with spaces or line breaks; copy the value without them' });
    else if (controlCharacter.test(value)) problems.push({ field: `credentials.${key}`, message: 'contains a control character (a line break, tab or similar); copy the value without it' });
  }
  const known = Object.keys(definition.credentials);
  for (const key of Object.keys(credentials)) {
    if (!known.includes(key)) problems.push({ field: `credentials.${key}`, message: `is not a credential field of ${definition.name} (known: ${known.join(', ')})` });
  }
  return problems;
}

function checkBaseUrl(value: string, allowlist: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  // Context is stored in clear, so it must not carry a password.
  if (url.username || url.password) return 'must not contain a user name or password; put secrets in credentials';
  if (url.search || url.hash) return 'must not contain a query string or fragment';
  // An override sends the account's credentials wherever it points, internal addresses included: the operator decides.
  // The answer is the same whether the list is empty or not and never shows it: it is the operator's configuration.
  if (!allowlist.includes(url.origin)) {
    return `${url.origin} is not an upstream origin this server allows; the operator lists the origins base_url may use in ${upstreamAllowlistSetting}`;
  }
  return undefined;
}

function describe(label: string, example: string | undefined): string {
  return example ? `${label}, e.g. ${example}` : label;
}
