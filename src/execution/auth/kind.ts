// What an auth kind does: put the account's credentials on a request, as headers or query parameters.
import type { z } from 'zod';
import type { AccountConnection } from '../types.ts';
import type { TokenSource } from './tokens.ts';

/**
 * Fills a definition template from the account: each {name} is one of its credentials or context values.
 * `raw` values go into a header as they are, so they must be visible ASCII; encoded ones (Basic, query) may be anything.
 */
export type Fill = (template: string, options?: { raw?: boolean }) => string;

export interface AuthParts {
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface AuthContext {
  fill: Fill;
  account: AccountConnection;
  integration: string;
  /** The engine's source of upstream OAuth tokens; without one, OAuth integrations cannot be called. */
  tokens: TokenSource | undefined;
  /** The access token upstream just refused with a 401, to be replaced rather than handed out again. */
  refused?: string | undefined;
}

export interface AuthKind<S extends { kind: string }> {
  schema: z.ZodType<S, any>;
  /** The templates it fills, so loading can check every placeholder is an account field. */
  templates(auth: S): string[];
  apply(auth: S, context: AuthContext): AuthParts | Promise<AuthParts>;
  /**
   * Its credentials expire (OAuth access tokens): apply runs on every call instead of once per account, and an
   * upstream 401 gets one fresh token and one more try.
   */
  expires?: boolean;
}

/** A template over the account's credentials and context fields. */
export const templateDescription = 'Text with {field} placeholders taken from the account credentials or context';
