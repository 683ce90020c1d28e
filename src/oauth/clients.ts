// The OAuth clients the authorization server knows: registered through Dynamic Client Registration (RFC 7591), or
// identified by the https URL of their Client ID Metadata Document, fetched (guarded, bounded), checked and cached.
// A metadata document client is also saved in the store, so its grants can name it after the cache forgot it.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../security/tokens.ts';
import { TtlCache } from '../services/ttl-cache.ts';
import type { Logger } from '../logger.ts';
import type { OAuthClient, OAuthClientMetadata } from '../store/auth-types.ts';
import type { Store } from '../store/types.ts';
import { generateSecret } from '../auth/tokens.ts';
import { parseClientMetadata } from './client-metadata.ts';
import { OAuthError } from './errors.ts';
import type { GuardedFetcher } from './guarded-fetch.ts';
import { GuardedFetchError } from './guarded-fetch.ts';

/** How long a fetched metadata document is trusted: its max-age within these bounds, else the default. */
const documentTtl = { defaultSeconds: 300, minSeconds: 60, maxSeconds: 86_400 };
/** A document that failed is not fetched again for this long. */
const failureTtlMs = 30_000;

export interface RegisteredClient {
  client: OAuthClient;
  /** The clear secret of a confidential client: answered once, only its hash is kept. */
  secret: string | undefined;
}

/** A Client ID Metadata Document URL: https (http only on loopback in tests), with a path, no fragment or credentials. */
export function isMetadataDocumentUrl(clientId: string): boolean {
  if (!/^https?:\/\//i.test(clientId)) return false;
  try {
    const url = new URL(clientId);
    return url.pathname !== '/' && url.hash === '' && !url.username && !url.password && !clientId.includes('#');
  } catch {
    return false;
  }
}

export class ClientRegistry {
  private readonly store: Store;
  private readonly fetcher: GuardedFetcher;
  private readonly logger: Logger;
  private readonly documents: TtlCache<{ client?: OAuthClient; error?: string; ttlMs: number }>;

  constructor(options: { store: Store; fetcher: GuardedFetcher; logger: Logger }) {
    this.store = options.store;
    this.fetcher = options.fetcher;
    this.logger = options.logger;
    this.documents = new TtlCache({ ttlMs: (entry) => entry.ttlMs, maxEntries: 1_000 });
  }

  async register(input: unknown): Promise<RegisteredClient> {
    const parsed = parseClientMetadata(input);
    if (!parsed.ok) {
      const code = parsed.problems.some((problem) => problem.field.startsWith('redirect_uris')) ? 'invalid_redirect_uri' : 'invalid_client_metadata';
      throw new OAuthError(400, code, parsed.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    }
    const secret = parsed.metadata.token_endpoint_auth_method === 'none' ? undefined : generateSecret('clientSecret');
    const client = await this.store.auth.saveClient({ id: randomUUID(), kind: 'registered', metadata: parsed.metadata, secret_hash: secret ? hashToken(secret) : null });
    return { client, secret };
  }

  /** The client of a client_id at the authorization endpoint (fetching its metadata document), or an OAuthError saying why it cannot be used. */
  async resolve(clientId: string): Promise<OAuthClient> {
    checkLength(clientId);
    if (!isMetadataDocumentUrl(clientId)) return this.registered(clientId);
    const cached = this.documents.get(clientId)?.value;
    if (cached?.client) return cached.client;
    if (cached?.error) throw new OAuthError(400, 'invalid_client', cached.error);
    try {
      const { client, ttlMs } = await this.fetchDocument(clientId);
      this.documents.set(clientId, { client, ttlMs });
      return client;
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      this.documents.set(clientId, { error: error.description, ttlMs: failureTtlMs });
      throw error;
    }
  }

  /**
   * The client of a client_id at the token endpoint: one known already, never fetched. A metadata document client is
   * saved when the authorization endpoint fetches it, and none can hold a code or token without passing there; so
   * the token endpoint, which anyone may call, cannot be made to fetch URLs.
   */
  async known(clientId: string): Promise<OAuthClient> {
    checkLength(clientId);
    if (!isMetadataDocumentUrl(clientId)) return this.registered(clientId);
    const client = await this.store.auth.getClient(clientId);
    if (!client || client.kind !== 'metadata_document') throw new OAuthError(400, 'invalid_client', 'this client is unknown here; start at the authorization endpoint');
    return client;
  }

  private async registered(clientId: string): Promise<OAuthClient> {
    const client = await this.store.auth.getClient(clientId);
    if (!client || client.kind !== 'registered') throw new OAuthError(400, 'invalid_client', `client_id "${clientId}" is not registered here (register it at the registration_endpoint, or use the URL of a client metadata document)`);
    return client;
  }

  /** Checks the credentials a client sent to the token endpoint against how it registered. */
  authenticate(client: OAuthClient, sent: { secret: string | undefined; method: 'none' | 'client_secret_basic' | 'client_secret_post' }): void {
    const expected = client.metadata.token_endpoint_auth_method;
    if (expected === 'none') {
      if (sent.method !== 'none') throw new OAuthError(401, 'invalid_client', 'this client is public (token_endpoint_auth_method "none"): send client_id without a secret');
      return;
    }
    if (!client.secret_hash || sent.secret === undefined) throw new OAuthError(401, 'invalid_client', `client authentication failed: this client authenticates with ${expected}`);
    const actual = Buffer.from(hashToken(sent.secret));
    const stored = Buffer.from(client.secret_hash);
    if (actual.length !== stored.length || !timingSafeEqual(actual, stored)) throw new OAuthError(401, 'invalid_client', 'client authentication failed');
  }

  private async fetchDocument(clientId: string): Promise<{ client: OAuthClient; ttlMs: number }> {
    let fetched;
    try {
      fetched = await this.fetcher.fetchJson(new URL(clientId));
    } catch (error) {
      if (!(error instanceof GuardedFetchError)) throw error;
      if (error.kind === 'refused') throw new OAuthError(400, 'invalid_client', `the client metadata document at ${clientId} ${error.message}`);
      this.logger.warn({ client_id: clientId, reason: error.message }, 'a client metadata document could not be fetched');
      const { timeoutMs, maxBytes } = this.fetcher.policy;
      throw new OAuthError(400, 'invalid_client', `the client metadata document at ${clientId} could not be fetched: it must be served over https from a public address and answer HTTP 200 without redirecting, with at most ${Math.floor(maxBytes / 1024)} KiB of JSON, within ${timeoutMs / 1000} s`);
    }
    const body = fetched.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new OAuthError(400, 'invalid_client', `the client metadata document at ${clientId} is not a JSON object`);
    if (body.client_id !== clientId) throw new OAuthError(400, 'invalid_client', `the client metadata document at ${clientId} names another client_id (${JSON.stringify(body.client_id)}); it must be its own URL`);
    if ('client_secret' in body || 'client_secret_expires_at' in body) throw new OAuthError(400, 'invalid_client', 'a client metadata document must not contain a client_secret');
    const parsed = parseClientMetadata(body, { allowedAuthMethods: ['none'], defaultAuthMethod: 'none' });
    if (!parsed.ok) throw new OAuthError(400, 'invalid_client', `the client metadata document at ${clientId} is invalid: ${parsed.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`);
    const client = await this.store.auth.saveClient({ id: clientId, kind: 'metadata_document', metadata: parsed.metadata, secret_hash: null });
    const seconds = fetched.maxAgeSeconds === undefined ? documentTtl.defaultSeconds : Math.min(Math.max(fetched.maxAgeSeconds, documentTtl.minSeconds), documentTtl.maxSeconds);
    return { client, ttlMs: seconds * 1000 };
  }
}

function checkLength(clientId: string): void {
  if (clientId.length === 0 || clientId.length > 2000) throw new OAuthError(400, 'invalid_client', 'client_id is missing or too long');
}

export function clientLabel(client: { id: string; metadata: OAuthClientMetadata }): string {
  if (client.metadata.client_name) return client.metadata.client_name;
  if (isMetadataDocumentUrl(client.id)) return new URL(client.id).host;
  return `client ${client.id.slice(0, 8)}`;
}
