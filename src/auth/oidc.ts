// Single sign-on through an OpenID Connect provider (openid-client): authorization code with PKCE, state and nonce.
// The flow's secrets wait in a short-lived cookie sealed with the server's key (AES-256-GCM), so any node can finish
// a sign-in another node started. A provider identity (issuer, subject) is linked to the Switchboard user with the
// same verified email on first use; unknown people are refused, or made members of SWITCHBOARD_OIDC_TENANT if set.
import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { Store, User } from './store.ts';
import { normalizeEmail } from './users.ts';

/** How long a started sign-in may take at the provider. */
const flowTtlMs = 10 * 60_000;

export class OidcSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcSignInError';
  }
}

/** The claims Switchboard reads, from the ID token or UserInfo. */
type Claims = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expires: number;
}

export class OidcSignIn {
  readonly name: string;
  private readonly options: { config: OidcConfig; redirectUri: string; store: Store; secrets: SecretBox; logger: Logger };
  private configuration: Promise<client.Configuration> | undefined;

  constructor(options: OidcSignIn['options']) {
    this.options = options;
    this.name = options.config.name;
  }

  /** The provider's authorization URL, and the sealed flow to keep in a cookie until the callback. */
  async start(next: string): Promise<{ url: string; sealed: string }> {
    const configuration = await this.discover();
    const flow: Flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next, expires: Date.now() + flowTtlMs };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, sealed: this.options.secrets.encrypt(flow) };
  }

  /** Finishes the sign-in at the callback URL: the Switchboard user, and where the dashboard should go next. */
  async finish(callbackUrl: URL, sealed: string | undefined): Promise<{ user: User; next: string }> {
    let flow: Flow;
    try {
      flow = this.options.secrets.decrypt<Flow>(sealed ?? '');
    } catch {
      throw new OidcSignInError('The sign-in could not be finished: it was not started in this browser, or its cookie is gone. Start again.');
    }
    if (flow.expires < Date.now()) throw new OidcSignInError('The sign-in took longer than 10 minutes. Start again.');
    const configuration = await this.discover();
    let claims: Claims | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
      const idToken = tokens.claims();
      // Many providers keep email out of the ID token (it is in UserInfo unless asked for with the claims parameter).
      claims = idToken && (typeof idToken.email === 'string' ? idToken : { ...await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub), sub: idToken.sub });
    } catch (error) {
      this.options.logger.warn({ err: error }, 'OIDC sign-in failed at the provider or its answer was refused');
      throw new OidcSignInError(`The identity provider did not confirm the sign-in (${(error as Error).message}). Start again.`);
    }
    if (!claims) throw new OidcSignInError('The identity provider sent no ID token.');
    return { user: await this.userFor(configuration.serverMetadata().issuer, claims), next: flow.next };
  }

  private async userFor(issuer: string, claims: Claims): Promise<User> {
    const { store } = this.options;
    const linked = await store.auth.findUserByIdentity(issuer, claims.sub);
    if (linked) return linked;
    const email = typeof claims.email === 'string' ? normalizeEmail(claims.email) : undefined;
    if (!email || claims.email_verified !== true) {
      throw new OidcSignInError('The identity provider did not send a verified email address, so this account cannot be matched to a Switchboard user.');
    }
    const found = await store.auth.findUserByEmail(email);
    let user: User;
    if (found) {
      const { password_hash: _hash, ...rest } = found;
      user = rest;
    } else if (this.options.config.autoProvisionTenant) {
      user = await store.auth.createUser({ email, name: typeof claims.name === 'string' ? claims.name.slice(0, 200) : null, password_hash: null });
      await store.auth.setMembership(user.id, this.options.config.autoProvisionTenant, 'member');
    } else {
      throw new OidcSignInError(`No Switchboard user has the email ${email}. Ask an admin of your team to add you (switchboard user create).`);
    }
    await store.auth.linkIdentity(issuer, claims.sub, user.id);
    return user;
  }

  private discover(): Promise<client.Configuration> {
    const { config } = this.options;
    this.configuration ??= client.discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
      ...(new URL(config.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    }).catch((error: unknown) => {
      this.configuration = undefined;
      this.options.logger.error({ err: error, issuer: config.issuer }, 'OIDC discovery failed');
      throw new OidcSignInError(`The identity provider at ${config.issuer} could not be reached. Try again later.`);
    });
    return this.configuration;
  }
}
