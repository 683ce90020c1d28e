// Connecting accounts without handing Switchboard a credential through the admin API:
//   - a signed-in admin connects (or reconnects) an authorization-code account from the dashboard;
//   - a tenant creates a one-time connect link, and whoever opens it connects their own account into that tenant,
//     without a Switchboard login: through the provider's authorization page, or by entering an API key that one
//     upstream call checks before it is saved.
// Each attempt is a connect session (single use, short-lived); each round trip through the provider has its own
// state (single use, bound to the browser that started it) and PKCE verifier (sealed). Nothing is stored until the
// provider's tokens are in hand: a refused or abandoned attempt leaves no account behind.
import { randomBytes } from 'node:crypto';
import { generateSecret } from '../auth/tokens.ts';
import { accountAuth, accountAuthMode, type KindAuth } from '../execution/auth/index.ts';
import { pkce, TokenEndpointError } from '../execution/auth/oauth.ts';
import { authorizationRequest, exchangeCode, type AuthorizationCodeAuth } from '../execution/auth/oauth2-authorization-code.ts';
import type { Engine } from '../execution/engine.ts';
import { UpstreamError } from '../execution/upstream.ts';
import { RequestBuildError } from '../execution/request.ts';
import type { SecretBox } from '../security/secrets.ts';
import { hashToken } from '../security/tokens.ts';
import type { ConnectSession, IntegratedAccount, Store } from '../store/types.ts';
import type { Catalog, Integration } from '../tools/catalog.ts';
import type { Definition } from '../definitions/format.ts';
import { checkContext, checkCredentials } from './account-fields.ts';
import { installedIntegration, throwIfAny, type AccountService, type NewAccount } from './accounts.ts';
import { checkCredentials as checkWithUpstream } from './connect-check.ts';
import { NotFoundError, QuotaError, ValidationError, type FieldProblem } from './errors.ts';
import { appEndpoint, type OAuthAppService } from './oauth-apps.ts';

/** What the person connecting is told, as is: the attempt cannot go on (an unknown link, the provider said no). */
export class ConnectError extends Error {
  /** The attempt was started from the dashboard, so the page may point back there. */
  readonly fromDashboard: boolean;
  constructor(message: string, fromDashboard = false) {
    super(message);
    this.fromDashboard = fromDashboard;
  }
}

/** A dashboard round trip is a few clicks at the provider. */
const dashboardSessionMs = 15 * 60_000;
/** Marks a session started from the dashboard: it returns there, to the account. */
const dashboardReturn = '/accounts';

export interface ConnectServiceOptions {
  store: Store;
  catalog: Catalog;
  secrets: SecretBox;
  accounts: AccountService;
  apps: OAuthAppService;
  engine: Engine;
  /** Base of the links handed out and of the redirect URI. */
  publicUrl: string;
  linkTtlSeconds: number;
  upstreamAllowlist: readonly string[];
  /** An account was reconnected: drop what is cached of it. */
  onReconnect: (accountId: string) => void | Promise<void>;
  now?: (() => number) | undefined;
}

export interface LinkRequest {
  integration: string;
  name?: string | undefined;
  context?: Record<string, string> | undefined;
}

/** What opening a link leads to: the provider's page, or the form asking for a key. */
export type OpenedLink =
  | { kind: 'provider'; url: string; state: string }
  | { kind: 'form'; session: ConnectSession; form: KeyForm };

export interface Connected {
  account: IntegratedAccount;
  session: ConnectSession;
  /** An existing account got new tokens (and is active again), rather than a new account being created. */
  reconnected: boolean;
}

/** The fields a connect page asks for: context fields the link did not set, and the credentials of the mode. */
export interface KeyForm {
  label: string;
  accountName: string;
  fields: { name: string; label: string; description: string | undefined; secret: boolean; required: boolean }[];
}

export class ConnectService {
  readonly redirectUri: string;
  private readonly options: ConnectServiceOptions;
  private readonly now: () => number;

  constructor(options: ConnectServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.redirectUri = `${options.publicUrl}/connect/callback`;
  }

  /** A one-time link into the tenant; the secret is in the URL only, its hash in the store. */
  async createLink(tenantId: string, input: LinkRequest): Promise<{ url: string; expires_at: string }> {
    const context = input.context ?? {};
    const integration = this.integration(input.integration);
    const oauth = authorizationCode(integration.definition, context);
    throwIfAny(this.contextProblems(integration.definition, context, oauth !== undefined));
    if (oauth) await this.requireApp(tenantId, integration.definition);
    const token = generateSecret('connectLink');
    const session = await this.options.store.createConnectSession({
      tenant_id: tenantId, integration: input.integration, account_name: input.name ?? null, account_id: null, context,
      verifier_encrypted: null, return_to: null, expires_at: new Date(this.now() + this.options.linkTtlSeconds * 1000).toISOString(), token_hash: hashToken(token),
    });
    return { url: `${this.options.publicUrl}/connect/link/${token}`, expires_at: session.expires_at };
  }

  /** From the dashboard: the provider's page for a new account of the integration, or to reconnect `account_id`. */
  async startFromDashboard(tenantId: string, input: LinkRequest & { account_id?: string | undefined }): Promise<{ url: string; state: string }> {
    let account: IntegratedAccount | undefined;
    if (input.account_id !== undefined) {
      account = await this.options.store.getAccount(tenantId, input.account_id);
      if (!account || account.integration !== input.integration) throw new NotFoundError(`integrated account ${input.account_id} of ${input.integration} not found`);
    }
    const name = input.integration;
    const context = account?.context ?? input.context ?? {};
    const integration = this.integration(name);
    if (!authorizationCode(integration.definition, context)) {
      throw new ValidationError([{ field: 'integration', message: `${integration.definition.label} accounts${account ? ' of this mode' : ''} connect with credentials, not through ${integration.definition.label}'s authorization page` }]);
    }
    if (!account) throwIfAny(this.contextProblems(integration.definition, context, true));
    await this.requireApp(tenantId, integration.definition);
    const session = await this.options.store.createConnectSession({
      tenant_id: tenantId, integration: name, account_name: input.name ?? null, account_id: account?.id ?? null, context,
      verifier_encrypted: null, return_to: dashboardReturn, expires_at: new Date(this.now() + dashboardSessionMs).toISOString(),
      token_hash: hashToken(randomBytes(32).toString('base64url')),
    });
    return this.toProvider(session);
  }

  /** Someone opened a connect link: where they go, or the form they fill in. */
  async openLink(token: string): Promise<OpenedLink> {
    const session = await this.liveLink(token);
    const integration = this.integration(session.integration);
    if (!authorizationCode(integration.definition, session.context)) return { kind: 'form', session, form: this.keyForm(integration.definition, session) };
    try {
      return { kind: 'provider', ...await this.toProvider(session) };
    } catch (error) {
      throw cannotConnect(error);
    }
  }

  /** The link's key form was sent: checked against the definition, then by one upstream call, then saved. */
  async submitKey(token: string, values: Record<string, string>): Promise<IntegratedAccount> {
    const session = await this.liveLink(token);
    const integration = this.integration(session.integration);
    if (authorizationCode(integration.definition, session.context)) throw new ConnectError('This link connects through the provider\'s page; open it again.');
    const asked = new Set(this.keyForm(integration.definition, session).fields.map((field) => field.name));
    const context = { ...session.context };
    const credentials: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (!asked.has(name) || value === '') continue;
      if (name.startsWith('credentials.')) credentials[name.slice('credentials.'.length)] = value;
      else context[name.slice('context.'.length)] = value.trim();
    }
    const { definition } = integration;
    throwIfAny([...checkContext(definition, context, this.options.upstreamAllowlist), ...checkCredentials(definition, credentials, context)]);
    const check = await checkWithUpstream(this.options.engine, integration, { id: `connect-${session.id}`, integration: definition.name, context, credentials, tenantId: session.tenant_id });
    if (!check.ok) {
      if (check.refused) {
        const fields = Object.keys(credentials);
        throw new ValidationError(fields.map((field) => ({ field: `credentials.${field}`, message: `${definition.label} refused it: ${check.message}` })), `${definition.label} refused these credentials.`);
      }
      throw new ConnectError(`The credentials could not be checked with ${definition.label}: ${check.message} Try again in a moment.`);
    }
    if (!await this.options.store.useConnectSession(session.id)) throw usedLink();
    return this.create(session, { integration: definition.name, name: session.account_name ?? undefined, context, credentials });
  }

  /** The account the session connects; the tenant's account quota is said on the page like any other refusal. */
  private async create(session: ConnectSession, account: NewAccount): Promise<IntegratedAccount> {
    try {
      return await this.options.accounts.create(session.tenant_id, account);
    } catch (error) {
      if (error instanceof QuotaError) throw new ConnectError(`The account could not be added: ${error.message}`);
      throw error;
    }
  }

  /**
   * The provider sent the browser back. `browserState` is the state the browser that started the round trip holds
   * (its cookie): a callback in another browser, with a replayed or made-up state, or after expiry is refused.
   */
  async finish(query: Record<string, string | undefined>, browserState: string | undefined): Promise<Connected> {
    const state = query.state;
    if (!state) throw new ConnectError('This address is missing the state of a connect attempt; start connecting again.');
    const session = await this.options.store.takeConnectState(hashToken(state));
    if (!session) throw new ConnectError('This connect attempt is unknown, was already completed or was replaced by a newer one; start connecting again.');
    try {
      return await this.complete(session, state, query, browserState);
    } catch (error) {
      const refusal = cannotConnect(error);
      if (refusal instanceof ConnectError && ConnectService.fromDashboard(session)) throw new ConnectError(refusal.message, true);
      throw refusal;
    }
  }

  private async complete(session: ConnectSession, state: string, query: Record<string, string | undefined>, browserState: string | undefined): Promise<Connected> {
    const label = this.integration(session.integration).definition.label;
    if (Date.parse(session.expires_at) <= this.now()) throw new ConnectError('This connect attempt has expired; start connecting again.');
    if (browserState !== state) throw new ConnectError('This connect attempt was started in another browser (or another attempt was started since in this one, or its cookie was blocked); start connecting again here.');
    if (query.error !== undefined) throw new ConnectError(providerRefusal(label, query.error, query.error_description));
    if (!query.code) throw new ConnectError(`${label} sent no authorization code back; start connecting again.`);
    const tokens = await this.exchange(session, query.code);
    if (!await this.options.store.useConnectSession(session.id)) throw usedLink();
    const { store, secrets } = this.options;
    const sealed = { tokens_encrypted: secrets.encrypt(tokens), expires_at: tokens.expires_at === undefined ? null : new Date(tokens.expires_at).toISOString() };
    if (session.account_id !== null) {
      const account = await store.getAccount(session.tenant_id, session.account_id);
      if (!account) throw new ConnectError('The account to reconnect was deleted meanwhile.');
      await store.saveUpstreamTokens(account.id, sealed);
      await store.setAccountStatus(account.id, 'active');
      await this.options.onReconnect(account.id);
      return { account: { ...account, status: 'active' }, session, reconnected: true };
    }
    const account = await this.create(session, { integration: session.integration, name: session.account_name ?? undefined, context: session.context, credentials: {} });
    await store.saveUpstreamTokens(account.id, sealed);
    return { account, session, reconnected: false };
  }

  /** Whether a session came from the dashboard (it returns there) rather than a connect link. */
  static fromDashboard(session: ConnectSession): boolean {
    return session.return_to === dashboardReturn;
  }

  private async exchange(session: ConnectSession, code: string) {
    const { definition } = this.integration(session.integration);
    const auth = authorizationCode(definition, session.context);
    if (!auth) throw new ConnectError(`${definition.label} accounts of this kind do not connect through an authorization page.`);
    const app = await this.requireApp(session.tenant_id, definition);
    const verifier = session.verifier_encrypted === null ? undefined : this.options.secrets.decrypt<string>(session.verifier_encrypted);
    try {
      const url = appEndpoint(app.token_url, auth.token_url, this.options.upstreamAllowlist);
      return await exchangeCode((request) => this.options.engine.upstream.send(request), auth, app, url, { code, redirectUri: this.redirectUri, verifier });
    } catch (error) {
      if (error instanceof TokenEndpointError || error instanceof RequestBuildError || error instanceof UpstreamError) throw new ConnectError(`${definition.label} did not accept the authorization: ${error.message}. Nothing was saved; start connecting again.`);
      throw error;
    }
  }

  /** A new state (and PKCE verifier, sealed) for the session: the provider's authorization URL. */
  private async toProvider(session: ConnectSession): Promise<{ url: string; state: string }> {
    const { definition } = this.integration(session.integration);
    const auth = authorizationCode(definition, session.context)!;
    const app = await this.requireApp(session.tenant_id, definition);
    const state = randomBytes(32).toString('base64url');
    const challenge = auth.pkce ? pkce() : undefined;
    await this.options.store.startConnectSession(session.id, hashToken(state), challenge ? this.options.secrets.encrypt(challenge.verifier) : null);
    let url: URL;
    try {
      const page = appEndpoint(app.authorize_url, auth.authorize_url, this.options.upstreamAllowlist);
      url = authorizationRequest(auth, app, { redirectUri: this.redirectUri, state, challenge: challenge?.challenge, page });
    } catch (error) {
      if (error instanceof RequestBuildError) throw new ValidationError([{ field: 'oauth_app.authorize_url', message: `${error.message}: an admin updates the OAuth app with PUT /oauth-app/${definition.name}` }]);
      throw error;
    }
    return { url: url.toString(), state };
  }

  private async liveLink(token: string): Promise<ConnectSession> {
    const session = token.length > 200 ? undefined : await this.options.store.findConnectSession({ token_hash: hashToken(token) });
    if (!session || ConnectService.fromDashboard(session)) throw new ConnectError('This connect link is not valid. Ask whoever sent it for a new one.');
    if (session.used_at !== null) throw usedLink();
    if (Date.parse(session.expires_at) <= this.now()) throw new ConnectError('This connect link has expired. Ask whoever sent it for a new one.');
    return session;
  }

  private keyForm(definition: Definition, session: ConnectSession): KeyForm {
    const mode = accountAuthMode(definition.auth, { context: session.context });
    const context = Object.entries(definition.context)
      .filter(([name]) => session.context[name] === undefined)
      .map(([name, field]) => ({ name: `context.${name}`, label: field.label, description: field.description, secret: false, required: field.required }));
    const credentials = Object.entries(definition.credentials)
      .filter(([, field]) => field.modes === undefined || field.modes.includes(mode))
      .map(([name, field]) => ({ name: `credentials.${name}`, label: field.label, description: field.description, secret: true, required: true }));
    return { label: definition.label, accountName: session.account_name ?? definition.label, fields: [...context, ...credentials] };
  }

  /** The preset context's problems; with `complete`, required fields must be there too (nobody will be asked for them). */
  private contextProblems(definition: Definition, context: Record<string, string>, complete: boolean): FieldProblem[] {
    const problems = checkContext(definition, context, this.options.upstreamAllowlist);
    const asked = (problem: FieldProblem) => !complete && problem.message.startsWith('is required') && problem.field.startsWith('context.');
    return problems.filter((problem) => !asked(problem));
  }

  private async requireApp(tenantId: string, definition: Definition) {
    const app = await this.options.apps.credentials(tenantId, definition.name);
    if (!app) {
      throw new ValidationError([{ field: 'integration', message: `this tenant has no OAuth app for ${definition.name}: an admin registers its client id and secret with PUT /oauth-app/${definition.name} (or in the dashboard)` }]);
    }
    return app;
  }

  private integration(name: string): Integration {
    return installedIntegration(this.options.catalog, name);
  }
}

/** The authorization-code auth an account with this context uses, if that is how it connects. */
export function authorizationCode(definition: Definition, context: Record<string, string>): AuthorizationCodeAuth | undefined {
  let auth: KindAuth;
  try {
    auth = accountAuth(definition.auth, { context });
  } catch {
    return undefined;
  }
  return auth.kind === 'oauth2_authorization_code' ? auth : undefined;
}

/**
 * What the person connecting is told when the tenant's settings stop the attempt (its OAuth app was deleted or no
 * longer allowed since the link was made): the reason as a sentence on the page, never an API error body.
 */
function cannotConnect(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  return new ConnectError(`This account cannot be connected now: ${error.message}. Nothing was saved.`);
}

const usedLink = () => new ConnectError('This connect link was already used to connect an account. Ask whoever sent it for a new one.');

/** The provider's error (RFC 6749 4.1.2.1) in plain words; the codes and descriptions are bounded and shown as text. */
function providerRefusal(label: string, error: string, description: string | undefined): string {
  const detail = description ? ` (${label} said: ${description.slice(0, 300)})` : '';
  const code = error.slice(0, 64);
  if (code === 'access_denied') return `Access was denied at ${label}, so no account was connected${detail}. To connect it, start again and choose Allow.`;
  if (code === 'invalid_scope') return `${label} refused the permissions Switchboard asks for (invalid_scope)${detail}. An admin may need to enable them for the OAuth app.`;
  return `${label} answered with an error: ${code}${detail}. No account was connected; start again.`;
}
