// Tenants' OAuth apps at providers of authorization-code integrations: the client id, the client secret (sealed before
// it reaches the store, never returned) and optional authorize/token URL overrides (a sandbox, a regional endpoint;
// only to origins SWITCHBOARD_UPSTREAM_ALLOWLIST lists). A tenant without its own app uses the operator's from
// SWITCHBOARD_OAUTH_APPS, if any (the demo).
import type { DefaultOAuthApp } from '../config.ts';
import { authModes } from '../execution/auth/index.ts';
import type { OAuthAppCredentials } from '../execution/auth/tokens.ts';
import { RequestBuildError } from '../execution/request.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { OAuthApp, Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';
import { upstreamAllowlistSetting } from './account-fields.ts';
import { NotFoundError, ValidationError, type FieldProblem } from './errors.ts';

export interface OAuthAppInput {
  client_id: string;
  client_secret: string;
  authorize_url?: string | null | undefined;
  token_url?: string | null | undefined;
}

/** What the API shows of an app: never its secret; `source` says whether the tenant registered it or the operator. */
export type OAuthAppView = Omit<OAuthApp, 'tenant_id'> & { source: 'tenant' | 'operator' };

export interface OAuthAppServiceOptions {
  store: Store;
  secrets: SecretBox;
  catalog: Catalog;
  /** The operator's apps by integration (SWITCHBOARD_OAUTH_APPS). */
  defaults: Readonly<Record<string, DefaultOAuthApp>>;
  upstreamAllowlist: readonly string[];
}

export class OAuthAppService {
  private readonly options: OAuthAppServiceOptions;

  constructor(options: OAuthAppServiceOptions) {
    this.options = options;
  }

  async save(tenantId: string, integration: string, input: OAuthAppInput): Promise<OAuthAppView> {
    this.requireAuthorizationCode(integration);
    const problems: FieldProblem[] = [];
    for (const key of ['authorize_url', 'token_url'] as const) {
      const problem = input[key] ? this.urlProblem(input[key]) : undefined;
      if (problem) problems.push({ field: key, message: problem });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const saved = await this.options.store.saveOAuthApp({
      tenant_id: tenantId, integration, client_id: input.client_id, client_secret_encrypted: this.options.secrets.encrypt(input.client_secret),
      authorize_url: input.authorize_url ?? null, token_url: input.token_url ?? null,
    });
    return this.view(saved, 'tenant');
  }

  async list(tenantId: string): Promise<OAuthAppView[]> {
    const own = await this.options.store.listOAuthApps(tenantId);
    const operator = Object.entries(this.options.defaults)
      .filter(([integration]) => !own.some((app) => app.integration === integration))
      .map(([integration, app]) => this.view(this.operatorApp(tenantId, integration, app), 'operator'));
    return [...own.map((app) => this.view(app, 'tenant')), ...operator].sort((a, b) => a.integration.localeCompare(b.integration));
  }

  async get(tenantId: string, integration: string): Promise<OAuthAppView> {
    const own = await this.options.store.getOAuthApp(tenantId, integration);
    if (own) return this.view(own, 'tenant');
    const operator = this.options.defaults[integration];
    if (operator) return this.view(this.operatorApp(tenantId, integration, operator), 'operator');
    throw new NotFoundError(`this tenant has no OAuth app for ${integration}; register one with PUT /oauth-app/${integration}`);
  }

  delete(tenantId: string, integration: string): Promise<boolean> {
    return this.options.store.deleteOAuthApp(tenantId, integration);
  }

  /** The app an account of the tenant connects and refreshes through, its secret unsealed; undefined when there is none. */
  async credentials(tenantId: string, integration: string): Promise<OAuthAppCredentials | undefined> {
    const own = await tenantApp(this.options.store, this.options.secrets, tenantId, integration);
    if (own) return own;
    const operator = this.options.defaults[integration];
    return operator && { client_id: operator.client_id, client_secret: operator.client_secret, authorize_url: operator.authorize_url ?? null, token_url: operator.token_url ?? null };
  }

  /** The override must point at an origin the operator allows, like a base_url override. */
  urlProblem(value: string): string | undefined {
    if (!/^https?:\/\//.test(value) || !URL.canParse(value)) return 'must be an absolute http(s) URL';
    const url = new URL(value);
    if (url.username || url.password || url.hash) return 'must not contain a user name, password or fragment';
    if (!this.options.upstreamAllowlist.includes(url.origin)) return `${url.origin} is not an upstream origin this server allows; the operator lists them in ${upstreamAllowlistSetting}`;
    return undefined;
  }

  private requireAuthorizationCode(integration: string): void {
    const found = this.options.catalog.get(integration);
    if (!found) throw new NotFoundError(`"${integration}" is not an installed integration`);
    if (!authModes(found.definition.auth).some(([, auth]) => auth.kind === 'oauth2_authorization_code')) {
      throw new ValidationError([{ field: 'integration', message: `${found.definition.label} does not connect accounts through OAuth authorization code; it needs no OAuth app` }]);
    }
  }

  private operatorApp(tenantId: string, integration: string, app: DefaultOAuthApp): OAuthApp {
    return { tenant_id: tenantId, integration, client_id: app.client_id, authorize_url: app.authorize_url ?? null, token_url: app.token_url ?? null, created_at: '', updated_at: '' };
  }

  private view({ tenant_id: _tenant, ...app }: OAuthApp, source: OAuthAppView['source']): OAuthAppView {
    return { ...app, source };
  }
}

/** The tenant's own app, its secret unsealed. */
export async function tenantApp(store: Store, secrets: SecretBox, tenantId: string, integration: string): Promise<OAuthAppCredentials | undefined> {
  const app = await store.getOAuthApp(tenantId, integration);
  return app && { client_id: app.client_id, client_secret: secrets.decrypt<string>(app.client_secret_encrypted), authorize_url: app.authorize_url, token_url: app.token_url };
}

/**
 * Where an OAuth app is used (its authorization page, its token endpoint): the app's override, else the definition's.
 * The override is checked against `allowed` (SWITCHBOARD_UPSTREAM_ALLOWLIST; undefined checks nothing) at every use,
 * not only when the app was saved: the allowlist may have shrunk since. An account's context never chooses it: the
 * app's secret may be the operator's, not the tenant's.
 */
export function appEndpoint(appOverride: string | null | undefined, definitionUrl: string, allowed: readonly string[] | undefined): URL {
  if (appOverride === null || appOverride === undefined) return new URL(definitionUrl);
  const url = new URL(appOverride);
  if (allowed && !allowed.includes(url.origin)) throw new RequestBuildError(`the OAuth app's endpoint override (${url.origin}) is not an upstream origin this server allows`);
  return url;
}
